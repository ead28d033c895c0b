import { createHmac, timingSafeEqual } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { config } from './config.ts';
import type { Assignment } from './domain/assignment.ts';
import { ForbiddenError, GoneError } from './errors.ts';

/**
 * A recipient's link is a capability: `/r/{payload}.{signature}`, where the payload names one assignment, the
 * link version (bumped by "re-send link", which retires older links) and an expiry, signed with HMAC-SHA256.
 * It never carries a Step Functions task token.
 */

const secrets = new SecretsManagerClient({});
let secret: Promise<Buffer> | undefined;

const linkSecret = (): Promise<Buffer> => {
  secret ??= secrets
    .send(new GetSecretValueCommand({ SecretId: config().LINK_SECRET_ARN }))
    .then((r) => {
      if (!r.SecretString) throw new Error('The link-signing secret is empty');
      return Buffer.from(r.SecretString, 'utf8');
    })
    .catch((error: unknown) => {
      secret = undefined;
      throw error;
    });
  return secret;
};

const payloadSchema = z.tuple([z.string(), z.string(), z.number().int(), z.number().int()]);

export type LinkClaims = { directiveId: string; recipientId: string; linkVersion: number; expiresAt: string };

const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(`chidao-link-v1.${payload}`).digest();

export const createLinkToken = async (claims: LinkClaims) => {
  const payload = Buffer.from(
    JSON.stringify([
      claims.directiveId,
      claims.recipientId,
      claims.linkVersion,
      Math.floor(Date.parse(claims.expiresAt) / 1000),
    ]),
  ).toString('base64url');
  return `${payload}.${sign(await linkSecret(), payload).toString('base64url')}`;
};

export const verifyLinkToken = async (token: string, now: string): Promise<LinkClaims> => {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) throw new ForbiddenError('Liên kết không hợp lệ.');
  const expected = sign(await linkSecret(), payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new ForbiddenError('Liên kết không hợp lệ.');
  let parsed: z.infer<typeof payloadSchema>;
  try {
    parsed = payloadSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    throw new ForbiddenError('Liên kết không hợp lệ.');
  }
  const [directiveId, recipientId, linkVersion, exp] = parsed;
  const expiresAt = new Date(exp * 1000).toISOString();
  if (expiresAt <= now) throw new GoneError('Liên kết đã hết hạn. Vui lòng liên hệ cơ quan ban hành để được gửi lại.');
  return { directiveId, recipientId, linkVersion, expiresAt };
};

/** Links outlive the last deadline by LINK_TTL_DAYS, so a late report can still be filed. */
export const linkExpiry = (a: Assignment, now: string) => {
  const last = [a.ackDeadline, ...Object.values(a.reports).map((r) => r.deadline)]
    .filter((d): d is string => d !== undefined)
    .sort()
    .at(-1);
  return new Date(Date.parse(last ?? now) + config().LINK_TTL_DAYS * 86_400_000).toISOString();
};

export const linkFor = async (a: Assignment, now: string) =>
  `${config().PUBLIC_BASE_URL}/r/${await createLinkToken({
    directiveId: a.directiveId,
    recipientId: a.recipientId,
    linkVersion: a.linkVersion,
    expiresAt: linkExpiry(a, now),
  })}`;
