"""The independent side of kex's Schema Registry tests: Confluent's own Python client and serializers.

  produce BOOTSTRAP REGISTRY TOPIC_PREFIX PROTO_DIR   writes Avro, Protobuf and JSON Schema messages through the
      registry; prints one JSON line per message: where it went and the value as kex must show it.
  consume BOOTSTRAP REGISTRY TOPIC KIND PROTO_DIR COUNT   reads COUNT messages kex wrote and prints each value as the
      witness's deserializer gives it, in the same JSON form.
  apicurio BOOTSTRAP REGISTRY_BASE TOPIC   registers the Avro schema through Apicurio's own API and writes a record
      in Apicurio's framing (a zero byte, the 8-byte global id, the Avro body by fastavro); prints it as produce does.
  raw BOOTSTRAP TOPIC HEX...   writes each value as the bytes given, for framings no registry knows.
  bench-produce BOOTSTRAP REGISTRY TOPIC FILE   (bench/registry.ts) each line of FILE, a JSON payment, through the
      AvroSerializer of the subject TOPIC-value.
  bench-consume BOOTSTRAP REGISTRY TOPIC COUNT   (bench/registry.ts) COUNT messages through the AvroDeserializer,
      printed as JSON lines.

The JSON form (what kex prints with --decode): decimals as their exact digits, timestamps as ISO 8601 in UTC with
milliseconds, dates as YYYY-MM-DD, bytes as {"base64": ...}, longs past 2^53 as strings; Protobuf in its canonical
JSON mapping with the .proto's field names.
"""

import base64
import datetime
import decimal
import importlib
import json
import sys

from confluent_kafka import Consumer, Producer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.schema_registry.json_schema import JSONDeserializer, JSONSerializer
from confluent_kafka.schema_registry.protobuf import ProtobufDeserializer, ProtobufSerializer
from confluent_kafka.serialization import MessageField, SerializationContext
from google.protobuf.json_format import MessageToDict

AVRO_SCHEMA = json.dumps(
    {
        "type": "record",
        "name": "Payment",
        "namespace": "com.acme.payments",
        "fields": [
            {"name": "id", "type": "long"},
            {"name": "big", "type": "long"},
            {
                "name": "customer",
                "type": {
                    "type": "record",
                    "name": "Customer",
                    "fields": [
                        {"name": "id", "type": "int"},
                        {"name": "name", "type": "string"},
                        {"name": "email", "type": ["null", "string"], "default": None},
                    ],
                },
            },
            {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["PENDING", "PAID", "REFUNDED"]}},
            {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
            {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
            {"name": "day", "type": {"type": "int", "logicalType": "date"}},
            {"name": "note", "type": ["null", "string", "long"], "default": None},
            {"name": "tags", "type": {"type": "array", "items": "string"}},
            {"name": "attrs", "type": {"type": "map", "values": "double"}},
            {"name": "raw", "type": "bytes"},
        ],
    }
)

JSON_SCHEMA = json.dumps(
    {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Refund",
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "reason": {"type": "string"},
            "lines": {"type": "array", "items": {"type": "object", "properties": {"sku": {"type": "string"}}}},
        },
        "required": ["id", "reason"],
    }
)


def avro_records():
    utc = datetime.timezone.utc
    return [
        {
            "id": 1,
            "big": 9007199254740993,
            "customer": {"id": 42, "name": "Ada", "email": "ada@example.com"},
            "status": "PAID",
            "amount": decimal.Decimal("1234.50"),
            "at": datetime.datetime(2026, 5, 1, 12, 30, 15, 123000, tzinfo=utc),
            "day": datetime.date(2026, 5, 1),
            "note": "first",
            "tags": ["a", "b"],
            "attrs": {"weight": 1.5},
            "raw": b"\x00\x01\xff",
        },
        {
            "id": 2,
            "big": -5,
            "customer": {"id": 7, "name": "Grace \u00e9\u6f22", "email": None},
            "status": "REFUNDED",
            "amount": decimal.Decimal("-0.05"),
            "at": datetime.datetime(1969, 12, 31, 23, 59, 59, 999000, tzinfo=utc),
            "day": datetime.date(1970, 1, 1),
            "note": 12345678901,
            "tags": [],
            "attrs": {},
            "raw": b"",
        },
    ]


def as_json(value):
    """A value the witness wrote or read, in kex's JSON form."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode()}
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53 - 1:
        return str(value)
    return value


def proto_module(proto_dir):
    sys.path.insert(0, proto_dir)
    return importlib.import_module("payments_pb2")


def proto_messages(pb):
    first = pb.Payment(id=3, customer=pb.Payment.Customer(id=9, name="Linus"), status=pb.PAID, amount_cents=-250)
    first.lines.add(sku="A-1", quantity=2)
    first.lines.add(sku="B-2", quantity=1)
    first.raw = b"\x01\x02"
    first.big = 9007199254740993
    first.paid_at.FromJsonString("2026-05-01T12:30:15.123Z")
    first.note.value = "by card"
    first.total.cents = -250
    first.total.currency = "EUR"
    line = pb.Payment.Line(sku="C-3", quantity=7)
    return [first, line]


def produce(bootstrap, registry, prefix, proto_dir):
    client = SchemaRegistryClient({"url": registry})
    producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 0})
    out = []

    def send(topic, value_bytes, expected, kind):
        delivered = []
        producer.produce(topic, value=value_bytes, key=b"k", on_delivery=lambda err, msg: delivered.append((err, msg)))
        producer.flush(10)
        err, msg = delivered[0]
        if err is not None:
            raise SystemExit(f"produce to {topic} failed: {err}")
        out.append({"topic": topic, "partition": msg.partition(), "offset": msg.offset(), "kind": kind, "value": expected})

    avro = AvroSerializer(client, AVRO_SCHEMA)
    topic = f"{prefix}-avro"
    for record in avro_records():
        send(topic, avro(record, SerializationContext(topic, MessageField.VALUE)), as_json(record), "avro")

    pb = proto_module(proto_dir)
    topic = f"{prefix}-proto"
    for message in proto_messages(pb):
        serializer = ProtobufSerializer(type(message), client, {"use.deprecated.format": False})
        value = serializer(message, SerializationContext(topic, MessageField.VALUE))
        send(topic, value, MessageToDict(message, preserving_proto_field_name=True), "protobuf")

    js = JSONSerializer(JSON_SCHEMA, client)
    topic = f"{prefix}-json"
    for doc in [{"id": 1, "reason": "damaged", "lines": [{"sku": "A-1"}]}, {"id": 2, "reason": "late \u2603"}]:
        send(topic, js(doc, SerializationContext(topic, MessageField.VALUE)), doc, "json")

    for line in out:
        print(json.dumps(line))


def consume(bootstrap, registry, topic, kind, proto_dir, count):
    client = SchemaRegistryClient({"url": registry})
    if kind == "avro":
        deserializer = AvroDeserializer(client)
        render = as_json
    elif kind == "protobuf":
        pb = proto_module(proto_dir)
        deserializer = ProtobufDeserializer(pb.Payment, {"use.deprecated.format": False})
        render = lambda m: MessageToDict(m, preserving_proto_field_name=True)
    else:
        deserializer = JSONDeserializer(None, schema_registry_client=client)
        render = lambda d: d
    consumer = Consumer(
        {"bootstrap.servers": bootstrap, "group.id": f"witness-{topic}", "auto.offset.reset": "earliest", "enable.auto.commit": False}
    )
    consumer.subscribe([topic])
    got = 0
    try:
        while got < count:
            msg = consumer.poll(15)
            if msg is None:
                raise SystemExit(f"only {got} of {count} messages arrived on {topic}")
            if msg.error():
                continue
            value = deserializer(msg.value(), SerializationContext(topic, MessageField.VALUE))
            print(json.dumps({"offset": msg.offset(), "value": render(value)}))
            got += 1
    finally:
        consumer.close()


def apicurio(bootstrap, base, topic):
    import io
    import struct

    import fastavro
    import requests

    answer = requests.post(
        f"{base}/apis/registry/v3/groups/default/artifacts",
        json={
            "artifactId": f"{topic}-value",
            "artifactType": "AVRO",
            "firstVersion": {"content": {"content": AVRO_SCHEMA, "contentType": "application/json"}},
        },
        timeout=10,
    )
    answer.raise_for_status()
    global_id = answer.json()["version"]["globalId"]
    record = avro_records()[0]
    body = io.BytesIO()
    fastavro.schemaless_writer(body, fastavro.parse_schema(json.loads(AVRO_SCHEMA)), record)
    value = b"\x00" + struct.pack(">q", global_id) + body.getvalue()
    producer = Producer({"bootstrap.servers": bootstrap})
    delivered = []
    producer.produce(topic, value=value, on_delivery=lambda err, msg: delivered.append(msg))
    producer.flush(10)
    msg = delivered[0]
    print(json.dumps({"topic": topic, "partition": msg.partition(), "offset": msg.offset(), "globalId": global_id, "value": as_json(record)}))


def raw(bootstrap, topic, *values):
    producer = Producer({"bootstrap.servers": bootstrap})
    for value in values:
        producer.produce(topic, value=bytes.fromhex(value))
    producer.flush(10)


BENCH_SCHEMA = json.dumps(
    {
        "type": "record",
        "name": "Payment",
        "namespace": "bench",
        "fields": [
            {"name": "order_id", "type": "long"},
            {"name": "customer", "type": "string"},
            {"name": "amount_cents", "type": "long"},
            {"name": "method", "type": {"type": "enum", "name": "Method", "symbols": ["CARD", "SEPA", "PAYPAL"]}},
            {"name": "note", "type": ["null", "string"], "default": None},
        ],
    }
)


def bench_produce(bootstrap, registry, topic, path):
    serializer = AvroSerializer(SchemaRegistryClient({"url": registry}), BENCH_SCHEMA)
    producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5, "acks": "all"})
    context = SerializationContext(topic, MessageField.VALUE)
    with open(path) as lines:
        for line in lines:
            while True:
                try:
                    producer.produce(topic, value=serializer(json.loads(line), context))
                    break
                except BufferError:
                    producer.poll(0.1)
    producer.flush(60)


def bench_consume(bootstrap, registry, topic, count):
    deserializer = AvroDeserializer(SchemaRegistryClient({"url": registry}))
    consumer = Consumer(
        {"bootstrap.servers": bootstrap, "group.id": f"bench-{topic}", "auto.offset.reset": "earliest", "enable.auto.commit": False}
    )
    consumer.subscribe([topic])
    context = SerializationContext(topic, MessageField.VALUE)
    got = 0
    out = sys.stdout
    try:
        while got < count:
            for msg in consumer.consume(1000, 10):
                if msg.error():
                    continue
                out.write(json.dumps(deserializer(msg.value(), context)))
                out.write("\n")
                got += 1
    finally:
        consumer.close()


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "produce":
        produce(*args)
    elif command == "apicurio":
        apicurio(*args)
    elif command == "raw":
        raw(*args)
    elif command == "bench-produce":
        bench_produce(*args)
    elif command == "bench-consume":
        bench_consume(args[0], args[1], args[2], int(args[3]))
    else:
        consume(args[0], args[1], args[2], args[3], args[4], int(args[5]))
