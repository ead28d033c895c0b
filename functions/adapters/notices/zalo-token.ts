import { GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod/mini';
import { config } from '#contracts/environment.ts';
import { secrets } from '../clients/secrets.ts';
import { ChannelMisconfigured, jsonOf, post } from './errors.ts';

/**
 * The Zalo Official Account's access token. It lives 25 hours; its refresh token is single-use (and lives three
 * months), so every refresh returns a new pair that is written back to the secret before the new access token is
 * used: a container that died after refreshing without storing would leave the OA with no valid refresh token.
 *
 * The secret (ZALO_SECRET_ARN) holds JSON: `{"secretKey", "refreshToken", "accessToken"?, "expiresAt"?}`. The
 * operator fills `secretKey` (the app's secret key) and a first `refreshToken` (from authorizing the app for the
 * OA); the functions keep the rest. Tokens are cached per container until shortly before they expire.
 */

const storedSchema = z.object({
  secretKey: z.optional(z.string()),
  refreshToken: z.optional(z.string()),
  accessToken: z.optional(z.string()),
  /** ISO instant. */
  expiresAt: z.optional(z.string()),
});
type Stored = z.infer<typeof storedSchema>;

/** The OAuth v4 answer for an OA: `expires_in` is seconds, as a string. */
const refreshedSchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  refresh_token: z.string().check(z.minLength(1)),
  expires_in: z.coerce.number().check(z.positive()),
});
const refusedSchema = z.object({
  error: z.optional(z.union([z.number(), z.string()])),
  error_name: z.optional(z.string()),
  error_description: z.optional(z.string()),
  message: z.optional(z.string()),
});

/** A token this close to its end is refreshed first: a send must not start with one that dies on the way. */
const EXPIRY_MARGIN_MS = 10 * 60_000;

let cached: { accessToken: string; expiresAt: number } | undefined;

/** For tests: forget what this container knows. */
export const forgetZaloToken = () => {
  cached = undefined;
};

const secretArn = () => {
  const arn = config().ZALO_SECRET_ARN;
  if (!arn) throw new ChannelMisconfigured('ZALO_SECRET_ARN is not set');
  return arn;
};

const readStored = async (): Promise<Stored> => {
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: secretArn() }));
  let value: unknown;
  try {
    value = JSON.parse(SecretString ?? '');
  } catch {
    throw new ChannelMisconfigured('the Zalo secret is not JSON');
  }
  const parsed = storedSchema.safeParse(value);
  if (!parsed.success) throw new ChannelMisconfigured('the Zalo secret is not {secretKey, refreshToken, …}');
  return parsed.data;
};

const usable = (stored: Stored, now: number, rejected?: string) => {
  const expiresAt = stored.expiresAt ? Date.parse(stored.expiresAt) : Number.NaN;
  return stored.accessToken && stored.accessToken !== rejected && expiresAt - EXPIRY_MARGIN_MS > now
    ? { accessToken: stored.accessToken, expiresAt }
    : undefined;
};

const refresh = async (stored: Stored, now: number): Promise<{ accessToken: string; expiresAt: number }> => {
  const appId = config().ZALO_APP_ID;
  if (!appId) throw new ChannelMisconfigured('ZALO_APP_ID is not set');
  if (!stored.secretKey || !stored.refreshToken)
    throw new ChannelMisconfigured('the Zalo secret has no secretKey or refreshToken: fill it (README, "Zalo ZNS")');
  const answer = jsonOf(
    await post(`${config().ZALO_OAUTH_URL}/v4/oa/access_token`, {
      headers: { secret_key: stored.secretKey, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        app_id: appId,
        grant_type: 'refresh_token',
        refresh_token: stored.refreshToken,
      }).toString(),
    }),
    'Zalo OAuth',
  );
  const refreshed = refreshedSchema.safeParse(answer);
  if (!refreshed.success) {
    // Another container may have used this refresh token a moment ago (it is single-use): its new pair is stored.
    const now2 = Date.now();
    const latest = await readStored();
    const theirs = latest.refreshToken !== stored.refreshToken ? usable(latest, now2) : undefined;
    if (theirs) return theirs;
    const refused = refusedSchema.safeParse(answer);
    const why = refused.success
      ? [refused.data.error, refused.data.error_name, refused.data.error_description ?? refused.data.message]
          .filter((part) => part !== undefined && part !== '')
          .join(' ')
      : 'an answer without tokens';
    throw new ChannelMisconfigured(`Zalo refused the refresh token (${why}): authorize the app for the OA again`);
  }
  const next = {
    ...stored,
    accessToken: refreshed.data.access_token,
    refreshToken: refreshed.data.refresh_token,
    expiresAt: new Date(now + refreshed.data.expires_in * 1000).toISOString(),
  };
  // Stored before use: the old refresh token is spent, the new one exists only here until this succeeds.
  await secrets.send(new PutSecretValueCommand({ SecretId: secretArn(), SecretString: JSON.stringify(next) }));
  return { accessToken: next.accessToken, expiresAt: Date.parse(next.expiresAt) };
};

/**
 * A valid access token: the container's, the secret's, or a fresh one. `rejected` is a token Zalo has just called
 * invalid: it is not used again even if it looks alive.
 */
export const zaloAccessToken = async (rejected?: string): Promise<string> => {
  const now = Date.now();
  if (cached && cached.accessToken !== rejected && cached.expiresAt - EXPIRY_MARGIN_MS > now) return cached.accessToken;
  cached = undefined;
  const stored = await readStored();
  const token = usable(stored, now, rejected) ?? (await refresh(stored, now));
  cached = token;
  return token.accessToken;
};
