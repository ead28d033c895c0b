import { createHash } from 'node:crypto';

/**
 * One table. Its key and index names are declared here once: the CDK table construct and the storage code both
 * read them, and the local runtime creates the table from the synthesized template.
 *
 * | item        | pk                  | sk               | gsi1 (by issuer)                 | due (sparse)            |
 * |-------------|---------------------|------------------|----------------------------------|-------------------------|
 * | directive   | DIR#{id}            | DIRECTIVE        | ISSUER#{issuer} / {issuedOn}#{id} |                         |
 * | assignment  | DIR#{id}            | ASG#{recipient}  |                                  | DUE#{shard} / {dueAt}   |
 * | idempotency | IDEM#{sha256(key)}  | IDEM             |                                  |                         |
 * | issuer      | ISSUERS             | {issuer}         |                                  |                         |
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  byIssuer: { name: 'byIssuer', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  due: { name: 'due', partitionKey: 'duePk', sortKey: 'dueAt' },
  /** Sparse: every open assignment, keyed by the time its execution must next have touched it (the sweeper). */
  watch: { name: 'watch', partitionKey: 'watchPk', sortKey: 'watchAt' },
} as const;

/** Enough shards that the "falling due" index never has a hot partition: each takes ~1/8 of the writes. */
export const DUE_SHARDS = 8;

export const directiveKey = (id: string) => ({ pk: `DIR#${id}`, sk: 'DIRECTIVE' });
export const assignmentKey = (directiveId: string, recipientId: string) => ({
  pk: `DIR#${directiveId}`,
  sk: `ASG#${recipientId}`,
});
export const ASSIGNMENT_PREFIX = 'ASG#';
export const idempotencyKey = (key: string) => ({
  pk: `IDEM#${createHash('sha256').update(key).digest('hex')}`,
  sk: 'IDEM',
});
export const issuerKey = (issuer: string) => ({ pk: 'ISSUERS', sk: issuer });
export const byIssuer = (issuer: string, issuedOn: string, id: string) => ({
  gsi1pk: `ISSUER#${issuer}`,
  gsi1sk: `${issuedOn}#${id}`,
});

export const dueShardOf = (directiveId: string, recipientId: string) =>
  `DUE#${createHash('sha1').update(`${directiveId}/${recipientId}`).digest().readUInt32BE(0) % DUE_SHARDS}`;
export const allDueShards = () => Array.from({ length: DUE_SHARDS }, (_, i) => `DUE#${i}`);
