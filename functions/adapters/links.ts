import { createHmac, timingSafeEqual } from 'node:crypto';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod/mini';
import { config } from '#contracts/environment.ts';
import { problem } from '#contracts/problems.ts';
import { INBOX, pathTo, RECIPIENT } from '#contracts/routes.ts';
import type { Assignment } from '#core/assignment/model.ts';
import { byInstant } from '#core/calendar/time.ts';
import { ForbiddenError, GoneError, NotFoundError } from '#core/errors.ts';
import { secrets } from './clients/secrets.ts';

/**
 * A recipient's link is a capability: `/r/{payload}.{signature}`, where the payload names one assignment, the
 * link version (bumped by "re-send link", which retires older links) and an expiry, signed with HMAC-SHA256.
 * It never carries a Step Functions task token.
 */

/**
 * The signing keys: the secret's current version signs, the current and the previous versions verify, so that
 * rotating the secret (a new AWSCURRENT, the old one becoming AWSPREVIOUS) breaks no link already emailed. Links
 * signed two rotations ago stop working: rotate no more often than links must live.
 */
type Keys = { current: Buffer; previous: Buffer | undefined };

/** Kept a few minutes per container, so that a rotation reaches every container soon without a call per link. */
const KEYS_TTL_MS = 5 * 60_000;
/** A link no key verifies may have been signed after a rotation this container has not seen: ask again, rarely. */
const RELOAD_ON_MISS_MS = 30_000;

let cached: { keys: Promise<Keys>; at: number } | undefined;

const secretVersion = async (stage: 'AWSCURRENT' | 'AWSPREVIOUS'): Promise<Buffer | undefined> => {
  try {
    const r = await secrets.send(
      new GetSecretValueCommand({ SecretId: config().LINK_SECRET_ARN, VersionStage: stage }),
    );
    if (!r.SecretString) throw new Error(`The link-signing secret (${stage}) is empty`);
    return Buffer.from(r.SecretString, 'utf8');
  } catch (error) {
    // A secret never rotated has no previous version.
    if (stage === 'AWSPREVIOUS' && (error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
};

const linkKeys = (maxAgeMs = KEYS_TTL_MS): Promise<Keys> => {
  const now = Date.now();
  if (!cached || now - cached.at > maxAgeMs || now < cached.at) {
    const keys = Promise.all([secretVersion('AWSCURRENT'), secretVersion('AWSPREVIOUS')]).then(
      ([current, previous]) => {
        if (!current) throw new Error('The link-signing secret has no current version');
        return { current, previous: previous?.equals(current) ? undefined : previous };
      },
    );
    const entry = { keys, at: now };
    cached = entry;
    keys.catch(() => {
      if (cached === entry) cached = undefined;
    });
  }
  return cached.keys;
};

// Years beyond 9999 have no ISO form; no link lives that long.
const MAX_EXPIRY_S = 253_402_300_799;
const payloadSchema = z.tuple([
  z.string(),
  z.string(),
  z.number().check(z.int()),
  z.number().check(z.int(), z.minimum(0), z.maximum(MAX_EXPIRY_S)),
]);

export type LinkClaims = { directiveId: string; recipientId: string; linkVersion: number; expiresAt: string };

/**
 * What a MAC is for, signed with the payload: a recipient's link and an agency's inbox link are signed with the
 * same secret, so each names its purpose and one is never accepted as the other.
 */
type Purpose = 'chidao-link-v1' | 'chidao-inbox-v1' | 'chidao-short-v1';

/** The MAC as it is written in links: unpadded base64url, the one spelling compared. */
const sign = (key: Buffer, payload: string, purpose: Purpose = 'chidao-link-v1') =>
  createHmac('sha256', key).update(`${purpose}.${payload}`).digest().toString('base64url');

/**
 * Compared as text in its one canonical spelling, never decoded first: base64url decoders accept padding,
 * non-zero trailing bits and stray characters, so that many spellings would decode to the same bytes.
 */
const sameText = (given: string, expected: string) => {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
};

const signedBy = (keys: Keys, payload: string, signature: string, purpose: Purpose = 'chidao-link-v1') =>
  [keys.current, keys.previous].some((key) => key !== undefined && sameText(signature, sign(key, payload, purpose)));

/** Whether the current or previous key signed it, asking Secrets Manager again (rarely) before saying no. */
const verified = async (payload: string, signature: string, purpose: Purpose) =>
  signedBy(await linkKeys(), payload, signature, purpose) ||
  signedBy(await linkKeys(RELOAD_ON_MISS_MS), payload, signature, purpose);

export const createLinkToken = async (claims: LinkClaims) => {
  const payload = Buffer.from(
    JSON.stringify([
      claims.directiveId,
      claims.recipientId,
      claims.linkVersion,
      Math.floor(Date.parse(claims.expiresAt) / 1000),
    ]),
  ).toString('base64url');
  return `${payload}.${sign((await linkKeys()).current, payload)}`;
};

const invalid = () => new ForbiddenError(problem('link.invalid'));

export const verifyLinkToken = async (token: string, now: string): Promise<LinkClaims> => {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) throw invalid();
  if (!(await verified(payload, signature, 'chidao-link-v1'))) throw invalid();
  let parsed: z.infer<typeof payloadSchema>;
  try {
    parsed = payloadSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    throw invalid();
  }
  const [directiveId, recipientId, linkVersion, exp] = parsed;
  if (exp * 1000 <= Date.parse(now)) throw new GoneError(problem('link.expired'));
  return { directiveId, recipientId, linkVersion, expiresAt: new Date(exp * 1000).toISOString() };
};

/** Links outlive the last deadline by LINK_TTL_DAYS, so a late report can still be filed. */
export const linkExpiry = (a: Assignment, now: string) => {
  const last = [a.ackDeadline, ...Object.values(a.reports).map((r) => r.deadline)]
    .filter((d): d is string => d !== undefined)
    .sort(byInstant)
    .at(-1);
  return new Date(Date.parse(last ?? now) + config().LINK_TTL_DAYS * 86_400_000).toISOString();
};

export const linkFor = async (a: Assignment, now: string) =>
  `${config().PUBLIC_BASE_URL}${pathTo(RECIPIENT.view, {
    token: await createLinkToken({
      directiveId: a.directiveId,
      recipientId: a.recipientId,
      linkVersion: a.linkVersion,
      expiresAt: linkExpiry(a, now),
    }),
  })}`;

/** An inbox link lives 30 days: long enough for a month's work, short enough that a forwarded one goes stale. */
export const INBOX_LINK_DAYS = 30;

const inboxPayloadSchema = z.tuple([
  z.literal('inbox'),
  z.string().check(z.minLength(3), z.maxLength(320)),
  z.number().check(z.int(), z.minimum(0), z.maximum(MAX_EXPIRY_S)),
]);

/**
 * An agency's inbox link: `/inbox/{payload}.{MAC}`, the payload naming the address and an expiry, signed for its
 * own purpose. It grants reading the list (and fresh recipient links from it), as a recipient's link grants its page.
 */
export const createInboxToken = async (email: string, now: string) => {
  const exp = Math.floor(Date.parse(now) / 1000) + INBOX_LINK_DAYS * 86_400;
  const payload = Buffer.from(JSON.stringify(['inbox', email, exp])).toString('base64url');
  return `${payload}.${sign((await linkKeys()).current, payload, 'chidao-inbox-v1')}`;
};

export const inboxLinkFor = async (email: string, now: string) =>
  `${config().PUBLIC_BASE_URL}${pathTo(INBOX.view, { token: await createInboxToken(email, now) })}`;

/** The address an inbox link names; 404 when forged or not an inbox link, 410 once expired. */
export const verifyInboxToken = async (token: string, now: string): Promise<{ email: string; expiresAt: string }> => {
  const unknown = () => new NotFoundError(problem('inbox.invalid'));
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0 || token.length > 1024) throw unknown();
  if (!(await verified(payload, signature, 'chidao-inbox-v1'))) throw unknown();
  let parsed: z.infer<typeof inboxPayloadSchema>;
  try {
    parsed = inboxPayloadSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    throw unknown();
  }
  const [, email, exp] = parsed;
  if (exp * 1000 <= Date.parse(now)) throw new GoneError(problem('inbox.expired'));
  return { email, expiresAt: new Date(exp * 1000).toISOString() };
};

/** Lower-case letters and digits without the ones read alike (i, l, o, u): a code typed from a phone's screen. */
const SHORT_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
export const SHORT_CODE_LENGTH = 10;
export const SHORT_CODE = /^[0-9a-hjkmnp-tv-z]{10}$/;

/**
 * The code of an assignment's short link (`/l/{code}`, in SMS and Zalo notices): 10 characters of an HMAC of the
 * assignment's ids with the link secret, 50 bits that cannot be guessed from the ids. The same assignment gets the
 * same code from the same key, so a retried notice stores nothing new; the code names the assignment, never a link
 * version or a token, and is resolved through its stored item (app/short-link.ts), so a rotation of the secret
 * breaks no code already sent.
 */
export const shortCodeFor = async (directiveId: string, recipientId: string) => {
  const mac = createHmac('sha256', (await linkKeys()).current)
    .update(`chidao-short-v1.${directiveId}/${recipientId}`)
    .digest();
  let code = '';
  for (let i = 0; i < SHORT_CODE_LENGTH; i++) code += SHORT_ALPHABET[(mac[i] ?? 0) & 31];
  return code;
};
