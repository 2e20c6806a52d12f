// Messages as kex reads them, and what a read asks for: the records' own shapes, apart from the service's others.

export type Header = {key: string; value: Buffer | null};

export type Message = {
	topic: string;
	partition: number;
	offset: number;
	timestamp: number;
	timestampType: 'create' | 'log-append';
	key: Buffer | null;
	value: Buffer | null;
	headers: Header[];
	/** The batch that carried it, shared by the batch's messages. */
	batch: BatchInfo;
	/** Size of the record inside its (decompressed) batch. */
	recordBytes: number;
	/**
	 * Set when this is no message but a batch that could not be read (corrupt, or its codec failed): why. It stands
	 * at the batch's first offset (or where reading started inside it); key, value and headers are empty.
	 */
	unreadable?: string;
	/** Key and value as a schema registry's schema decodes them, when they are in its wire format. */
	decoded?: {key?: Decoded; value?: Decoded};
};

/** Which registered schema a key or value was written with. */
export type SchemaLabel = {
	id: number;
	framing: 'confluent' | 'apicurio';
	type: 'AVRO' | 'PROTOBUF' | 'JSON';
	/** The record's or message's full name. */
	name: string;
	subject?: string;
	version?: number;
};

/** A key or value in a registry's wire format: decoded, or why not (it is then shown raw). */
export type Decoded = {ok: true; json: unknown; schema: SchemaLabel} | {ok: false; reason: string; id: number};

/**
 * One record where it lies in its (decompressed) batch. The decoder reuses one view for every record, so a sink
 * copies what it keeps: reading a million records then makes no garbage beyond what the sink itself builds.
 */
export type RecordView = {
	topic: string;
	partition: number;
	buf: Buffer;
	offset: number;
	timestamp: number;
	timestampType: 'create' | 'log-append';
	/** -1 when null. */
	keyStart: number;
	keyEnd: number;
	valueStart: number;
	valueEnd: number;
	headersStart: number;
	headerCount: number;
	recordBytes: number;
	batch: BatchInfo;
};

/** Where decoded records go: Message objects for the explorer, or text written straight from the bytes. */
export type RecordSink = {
	/** A batch's records follow; `abandonBatch` takes back what they gave when a later one cannot be read. */
	beginBatch(): void;
	record(view: RecordView): void;
	abandonBatch(): void;
	/** A batch that cannot be read, as one entry standing at its first offset. */
	unreadable(message: Message): void;
};

/** A sink that hands over what it gathered from one fetch, and starts again empty. */
export type BatchSink<T> = RecordSink & {take(): T};

export type Compression = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

export type BatchInfo = {
	compression: Compression;
	baseOffset: number;
	lastOffset: number;
	/** Bytes of the batch's records as stored in the log (compressed, when it is). */
	storedBytes: number;
	/** The same records decompressed; null when they could not be. */
	recordsBytes: number | null;
};

/** Where reading starts: oldest retained, the newest N of each partition, an offset, or the first at/after a time. */
export type StartPosition =
	| {kind: 'oldest'}
	| {kind: 'newest'; count: number}
	| {kind: 'offset'; offset: number}
	| {kind: 'timestamp'; timestamp: number}
	/** Each partition from its own offset; partitions not named are not read. */
	| {kind: 'offsets'; offsets: Record<number, number>};

export type ReadRequest = {
	topic: string;
	/** Read one partition, or all of them when omitted. */
	partition?: number;
	from: StartPosition;
	/** Stop after this many messages in all; reading also stops at the high watermark seen when reading began. */
	limit?: number;
	/** Stop reading a partition after this many of its messages (a page of each partition). */
	limitPerPartition?: number;
	/**
	 * At most this many bytes a fetch (4 MB when not given): a reader that makes an object of every record (decoding
	 * through a schema) asks for less, so a fetch of small records is not a hundred thousand objects at once.
	 */
	fetchBytes?: number;
	/** Keep reading new messages as they arrive, until the signal aborts (live tail). */
	follow?: boolean;
	signal?: AbortSignal;
	/**
	 * Following: told, by partition, how many offsets an open transaction holds back past the reader (0 once none
	 * does), whenever that changes. Read committed, nothing past a transaction's first record shows until it ends.
	 */
	onHeld?: (held: Map<number, number>) => void;
	/**
	 * Told why reading waits when a leader does not answer (a broker died, a new leader is being elected), and null
	 * once every partition reads again. Following never gives up; a bounded read fails after half a minute.
	 */
	onTrouble?: (trouble: string | null) => void;
};
