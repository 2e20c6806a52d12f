import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';

// The secured listeners a one-node local cluster can offer beside PLAINTEXT, for trying kex on a secured cluster and
// for the tests: SASL_PLAINTEXT, SSL and SASL_SSL, with PLAIN and SCRAM users, OAUTHBEARER (unsecured tokens), the
// KRaft authorizer, and a certificate authority made here with openssl (its CA certificate is what a client trusts).

/**
 * The users every secured listener knows, with PLAIN and both SCRAM mechanisms. kex and admin are super users;
 * reader may do only what ACLs allow it (none at first), to see how kex fares without rights.
 */
export const SECURE_USERS = {kex: 'kex-secret', admin: 'admin-secret', reader: 'reader-secret'} as const;

/** Changes when the secured setup does (users, authorizer), so that clusters set up before start afresh. */
export const SECURITY_VERSION = 'users+acl+oauth+mtls-1';

export type SecurePorts = {saslPlaintext: number; ssl: number; saslSsl: number; mtls: number};

/** Secured listeners sit right after the node's PLAINTEXT and CONTROLLER ports. */
export const securePorts = (basePort: number): SecurePorts => ({
	saslPlaintext: basePort + 2,
	ssl: basePort + 3,
	saslSsl: basePort + 4,
	/** TLS that requires a client certificate signed by the CA (the principal is the certificate's subject). */
	mtls: basePort + 5,
});

export type SecureFiles = {
	ca: string;
	caKey: string;
	serverPem: string;
	wrongCa: string;
	clientCert: string;
	clientKey: string;
};

const openssl = (args: string[], cwd: string) => {
	const result = spawnSync('openssl', args, {cwd, encoding: 'utf8'});
	if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed:\n${result.stderr}`);
};

/**
 * A CA and a server certificate for 127.0.0.1 and localhost signed by it (PEM; the server's key and certificate in
 * one file, as Kafka's PEM keystore reads it), made once per cluster directory; and a second CA that signed
 * nothing, to show what an unverifiable server certificate looks like.
 */
export const ensureCertificates = (dir: string): SecureFiles => {
	const tls = path.join(dir, 'tls');
	const files = {
		ca: path.join(tls, 'ca.pem'),
		caKey: path.join(tls, 'ca-key.pem'),
		serverPem: path.join(tls, 'server.pem'),
		wrongCa: path.join(tls, 'other-ca.pem'),
		clientCert: path.join(tls, 'client-cert.pem'),
		clientKey: path.join(tls, 'client-key.pem'),
	};
	if (Object.values(files).every(f => existsSync(f))) return files;
	mkdirSync(tls, {recursive: true});
	const run = (args: string[]) => openssl(args, tls);
	const days = ['-days', '3650'];
	/** A new key (KEY) and either a self-signed certificate or a signing request (OUT). */
	const request = (key: string, out: string, subject: string, selfSigned: boolean) =>
		run([
			'req',
			...(selfSigned ? ['-x509', ...days] : []),
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-keyout',
			key,
			'-out',
			out,
			'-subj',
			subject,
		]);
	/** A self-signed CA: NAME-key.pem and NAME.pem. */
	const authority = (name: string, subject: string) => request(`${name}-key.pem`, `${name}.pem`, subject, true);
	/** A key (NAME-key.pem) and a certificate signed by our CA (NAME-cert.pem). */
	const signed = (name: string, subject: string, extensions: string[] = []) => {
		request(`${name}-key.pem`, `${name}.csr`, subject, false);
		run([
			'x509',
			'-req',
			'-in',
			`${name}.csr`,
			'-CA',
			'ca.pem',
			'-CAkey',
			'ca-key.pem',
			'-CAcreateserial',
			'-out',
			`${name}-cert.pem`,
			...days,
			...extensions,
		]);
	};
	authority('ca', '/CN=kex local CA');
	authority('other-ca', '/CN=another CA');
	writeFileSync(path.join(tls, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
	signed('server', '/CN=localhost', ['-extfile', 'san.ext']);
	// Kafka's PEM keystore wants the key as PKCS#8 followed by the certificate chain.
	run(['pkcs8', '-topk8', '-nocrypt', '-in', 'server-key.pem', '-out', 'server-key.pk8.pem']);
	const chain = [
		readFileSync(path.join(tls, 'server-key.pk8.pem'), 'utf8'),
		readFileSync(path.join(tls, 'server-cert.pem'), 'utf8'),
		readFileSync(files.ca, 'utf8'),
	];
	writeFileSync(files.serverPem, chain.join(''));
	// A client certificate for the listener that requires one.
	signed('client', '/CN=kex-client');
	return files;
};

const jaasPlain = () =>
	`org.apache.kafka.common.security.plain.PlainLoginModule required ${Object.entries(SECURE_USERS)
		.map(([user, password]) => `user_${user}="${password}"`)
		.join(' ')};`;

const SCRAM = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';
// OAUTHBEARER with Kafka's unsecured validator (its default for testing): any unsigned JWT with a subject, a
// time it was issued and an expiry is accepted, and the subject is the principal.
const OAUTH =
	'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required unsecuredLoginStringClaim_sub="admin";';

/** The server.properties lines for the secured listeners (to add to listeners= and the protocol map). */
export const secureProperties = (basePort: number, files: SecureFiles) => {
	const p = securePorts(basePort);
	const listeners = [
		`SASL_PLAINTEXT://127.0.0.1:${p.saslPlaintext}`,
		`SSL://127.0.0.1:${p.ssl}`,
		`SASL_SSL://127.0.0.1:${p.saslSsl}`,
		`MTLS://127.0.0.1:${p.mtls}`,
	];
	const sasl = (name: string) => [
		`listener.name.${name}.sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512,OAUTHBEARER`,
		`listener.name.${name}.oauthbearer.sasl.jaas.config=${OAUTH}`,
		`listener.name.${name}.plain.sasl.jaas.config=${jaasPlain()}`,
		`listener.name.${name}.scram-sha-256.sasl.jaas.config=${SCRAM}`,
		`listener.name.${name}.scram-sha-512.sasl.jaas.config=${SCRAM}`,
	];
	return {
		listeners,
		protocols: ['SASL_PLAINTEXT:SASL_PLAINTEXT', 'SSL:SSL', 'SASL_SSL:SASL_SSL', 'MTLS:SSL'],
		lines: [
			'sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512,OAUTHBEARER',
			...sasl('sasl_plaintext'),
			...sasl('sasl_ssl'),
			// The KRaft authorizer: plaintext and controller connections are ANONYMOUS, and super users like kex.
			'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
			'super.users=User:ANONYMOUS;User:admin;User:kex;User:CN=kex-client',
			'ssl.keystore.type=PEM',
			`ssl.keystore.location=${files.serverPem}`,
			'ssl.client.auth=none',
			'ssl.truststore.type=PEM',
			`ssl.truststore.location=${files.ca}`,
			'listener.name.mtls.ssl.client.auth=required',
		],
	};
};

/** The StorageTool arguments that create the SCRAM users when the node's storage is formatted. */
export const scramFormatArgs = () =>
	Object.entries(SECURE_USERS).flatMap(([user, password]) =>
		['SCRAM-SHA-256', 'SCRAM-SHA-512'].flatMap(mechanism => [
			'--add-scram',
			`${mechanism}=[name=${user},password=${password}]`,
		]),
	);
