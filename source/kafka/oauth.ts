import {KexError} from './errors.js';

// OAUTHBEARER's token, from an OAuth 2 token endpoint with the client-credentials grant (RFC 6749 4.4): the client
// id and secret in HTTP Basic authentication, the scope if one is configured. The token is kept until shortly
// before it expires, so reconnecting does not ask again each time.

export type ClientCredentials = {endpoint: string; clientId: string; clientSecret: string; scope?: string};

type TokenAnswer = {access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown};

const RENEW_BEFORE_MS = 30_000;

export const clientCredentialsToken = (
	{endpoint, clientId, clientSecret, scope}: ClientCredentials,
	now: () => number = Date.now,
): (() => Promise<string>) => {
	let cached: {token: string; until: number} | null = null;
	return async () => {
		if (cached && now() < cached.until) return cached.token;
		const body = new URLSearchParams({grant_type: 'client_credentials', ...(scope ? {scope} : {})});
		const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
		let response: Response;
		try {
			response = await fetch(endpoint, {
				method: 'POST',
				headers: {authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded'},
				body,
				signal: AbortSignal.timeout(10_000),
			});
		} catch (error) {
			const cause = (error as {cause?: {code?: string; message?: string}}).cause;
			throw new KexError(
				'unreachable',
				`the token endpoint ${endpoint} cannot be reached: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
			);
		}
		const answer = (await response.json().catch(() => ({}))) as TokenAnswer;
		if (!response.ok || typeof answer.access_token !== 'string') {
			const said = [answer.error, answer.error_description].filter(x => typeof x === 'string').join(': ');
			const refused = response.status === 401 || answer.error === 'invalid_client';
			throw new KexError(
				'unreachable',
				`the token endpoint ${endpoint} ${refused ? 'refused the client credentials' : 'gave no token'} (HTTP ${response.status}${said ? `, ${said}` : ''})`,
			);
		}
		const seconds = typeof answer.expires_in === 'number' ? answer.expires_in : 300;
		cached = {token: answer.access_token, until: now() + seconds * 1000 - RENEW_BEFORE_MS};
		return cached.token;
	};
};
