import {KexError} from './errors.js';

// Amazon MSK's IAM authentication, as AWS's own signer library for JavaScript does it: a SigV4-signed token sent
// through SASL/OAUTHBEARER. Credentials come from the AWS default chain (environment, shared files, SSO, instance
// role), a named profile, or a role to assume. The library is loaded only for a cluster that uses it.

export type MskIamOptions = {region: string; profile?: string; roleArn?: string; roleSessionName?: string};

type TokenAnswer = {token: string; expiryTime: number};

/** The library's three ways to sign, by where the credentials come from. */
export type MskSigner = {
	generateAuthToken(o: {region: string}): Promise<TokenAnswer>;
	generateAuthTokenFromProfile(o: {region: string; awsProfileName: string}): Promise<TokenAnswer>;
	generateAuthTokenFromRole(o: {region: string; awsRoleArn: string; awsRoleSessionName?: string}): Promise<TokenAnswer>;
};

const loadSigner = async (): Promise<MskSigner> => {
	const module = (await import('aws-msk-iam-sasl-signer-js')) as unknown as MskSigner & {default?: MskSigner};
	return module.default ?? module;
};

/** Where the credentials come from, in words: said by kex config check. */
export const credentialSource = (o: MskIamOptions) =>
	o.roleArn ? `the role ${o.roleArn}` : o.profile ? `the AWS profile ${o.profile}` : 'the AWS default credential chain';

const RENEW_BEFORE_MS = 60_000;

export const mskIamToken = (
	options: MskIamOptions,
	signer: () => Promise<MskSigner> = loadSigner,
	now: () => number = Date.now,
): (() => Promise<string>) => {
	let cached: TokenAnswer | null = null;
	return async () => {
		if (cached && now() < cached.expiryTime - RENEW_BEFORE_MS) return cached.token;
		const s = await signer();
		const {region, profile, roleArn, roleSessionName} = options;
		try {
			cached = roleArn
				? await s.generateAuthTokenFromRole({region, awsRoleArn: roleArn, awsRoleSessionName: roleSessionName})
				: profile
					? await s.generateAuthTokenFromProfile({region, awsProfileName: profile})
					: await s.generateAuthToken({region});
		} catch (error) {
			throw new KexError(
				'unreachable',
				`AWS IAM: no token from ${credentialSource(options)} (region ${region}): ${(error as Error).message.split('\n')[0]}`,
			);
		}
		return cached.token;
	};
};
