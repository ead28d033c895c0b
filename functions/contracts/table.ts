import { createHash } from 'node:crypto';

/**
 * One table. Its key and index names are declared here once: the CDK table construct and the storage code both
 * read them, and the local runtime creates the table from the synthesized template.
 *
 * | item        | pk                  | sk                      | gsi1 (by issuer)                  | due / watch (sparse)  |
 * |-------------|---------------------|-------------------------|-----------------------------------|-----------------------|
 * | directive   | DIR#{id}            | DIRECTIVE               | ISSUER#{issuer} / {issuedOn}#{id} | gsi2 (by office):     |
 * |             |                     |                         |                                   | OFFICE#{office} /     |
 * |             |                     |                         |                                   | {issuedOn}#{id}       |
 * | assignment  | DIR#{id}            | ASG#{recipient}         | gsi3 (by address):                | DUE#{n} / {dueAt}     |
 * |             |                     |                         | RCPT#{email} / {0 open, 1 closed} | WATCH#{n} / {watchAt} |
 * |             |                     |                         | #{instant}#{id}#{recipient}       |                       |
 * | (roster)    | ROSTER#{id} / {band}#{deadline}#{recipient}; PENDING#{id} / {requestedAt}#{recipient} (sparse)  |
 * | submission  | DIR#{id}            | SUB#{recipient}#{subId} |                                   |                       |
 * | old history | DIR#{id}            | HIS#{recipient}#{seq}   |                                   |                       |
 * | number      | NUMBER#{issuer}#{y} | {number}                |                                   |                       |
 * | idempotency | IDEM#{sha256(key)}  | IDEM                    |                                   |                       |
 * | issuer      | ISSUERS             | {issuer}                |                                   |                       |
 * | file        | FILE#{fileId}       | FILE                    |                                   |                       |
 * | agency      | DIRECTORY[#{office}]| AGENCY#{id}             |                                   |                       |
 * | inbox week  | INBOXWEEK#{email}   | {monday YYYY-MM-DD}     |                                   | (ttl)                 |
 * | short link  | SHORT#{code}        | SHORT                   |                                   | (ttl)                 |
 * | settings    | SETTINGS#{office}   | SETTINGS                |                                   |                       |
 *
 * An assignment written before the inbox existed has no gsi3 keys until its next transition (see README).
 *
 * A directive stored before offices existed has no `office` and no gsi2 keys: it belongs to the default office
 * (core/office.ts), whose list adds those from the by-issuer index.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  byIssuer: { name: 'byIssuer', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /** An office's directives, newest first: the list, dashboards and statistics an official sees. */
  byOffice: { name: 'byOffice', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  /**
   * An agency's inbox: every assignment of one address across every office, open ones first by nearest deadline,
   * then closed ones by when they closed. Written with every assignment write (create, every transition, a
   * reassignment moving it to the new address). One partition per address: an agency has hundreds of
   * assignments a year, not a hot key.
   */
  byRecipient: { name: 'byRecipient', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  due: { name: 'due', partitionKey: 'duePk', sortKey: 'dueAt' },
  /** Sparse: every open assignment, keyed by the time its execution must next have touched it (the sweeper). */
  watch: { name: 'watch', partitionKey: 'watchPk', sortKey: 'watchAt' },
  /**
   * A directive's agencies, lean (ROSTER_PROJECTION), in the order an official works them: open ones first by their
   * nearest deadline (so "overdue" is one key range up to now), then failed deliveries, completed, cancelled. The
   * dashboard's filters and sorts read this, never the full items, and only the shown page is read in full.
   */
  roster: { name: 'roster', partitionKey: 'rosterPk', sortKey: 'rosterSk' },
  /** Sparse: the assignments with an extension request waiting for an answer, oldest request first. */
  pending: { name: 'pending', partitionKey: 'pendingPk', sortKey: 'pendingSk' },
  /** Items that DynamoDB deletes by itself once this epoch second has passed (revoked sessions). */
  timeToLive: 'ttl',
} as const;

/** Enough shards that the "falling due" index never has a hot partition: each takes ~1/8 of the writes. */
export const DUE_SHARDS = 8;

export const directiveKey = (id: string) => ({ pk: `DIR#${id}`, sk: 'DIRECTIVE' });
export const assignmentKey = (directiveId: string, recipientId: string) => ({
  pk: `DIR#${directiveId}`,
  sk: `ASG#${recipientId}`,
});
export const ASSIGNMENT_PREFIX = 'ASG#';
/** The latest failure of a directive's fan-out (overwritten by each): for the engineer, never shown to a caller. */
export const fanoutFailureKey = (directiveId: string) => ({ pk: `DIR#${directiveId}`, sk: 'FANOUT' });
export const idempotencyKey = (key: string) => ({
  pk: `IDEM#${createHash('sha256').update(key).digest('hex')}`,
  sk: 'IDEM',
});
export const issuerKey = (issuer: string) => ({ pk: 'ISSUERS', sk: issuer });
export const byIssuer = (issuer: string, issuedOn: string, id: string) => ({
  gsi1pk: `ISSUER#${issuer}`,
  gsi1sk: `${issuedOn}#${id}`,
});

export const byOffice = (office: string, issuedOn: string, id: string) => ({
  gsi2pk: `OFFICE#${office}`,
  gsi2sk: `${issuedOn}#${id}`,
});

/**
 * An office's agency directory, in one partition (a province has hundreds of agencies, not millions). The default
 * office keeps the partition the directory had before offices, so an existing directory stays where it was.
 */
export const directoryPartition = (office: string, defaultOffice: string) =>
  office === defaultOffice ? 'DIRECTORY' : `DIRECTORY#${office}`;

export const dueShardOf = (directiveId: string, recipientId: string) =>
  `DUE#${createHash('sha1').update(`${directiveId}/${recipientId}`).digest().readUInt32BE(0) % DUE_SHARDS}`;
export const allDueShards = () => Array.from({ length: DUE_SHARDS }, (_, i) => `DUE#${i}`);

/** The sweeper's index is sharded like the due index, so that no partition takes every open assignment. */
export const watchShardOf = (directiveId: string, recipientId: string) =>
  dueShardOf(directiveId, recipientId).replace('DUE#', 'WATCH#');
export const allWatchShards = () => allDueShards().map((s) => s.replace('DUE#', 'WATCH#'));

/** What an agency wrote (a report with its file, the reason of an extension request): one item each. */
export const submissionKey = (directiveId: string, recipientId: string, submissionId: string) => ({
  pk: `DIR#${directiveId}`,
  sk: `SUB#${recipientId}#${submissionId}`,
});
export const submissionPrefix = (recipientId: string) => `SUB#${recipientId}#`;

/** Older history of an assignment, in numbered chunks; the item keeps the latest events. */
export const historyChunkKey = (directiveId: string, recipientId: string, seq: number) => ({
  pk: `DIR#${directiveId}`,
  sk: `HIS#${recipientId}#${String(seq).padStart(6, '0')}`,
});
export const historyPrefix = (recipientId: string) => `HIS#${recipientId}#`;

/** Who used a number in a year: the same number from the same issuer in the same year is refused. */
const canonical = (s: string) =>
  s
    .normalize('NFC')
    .trim()
    .toLocaleUpperCase('vi')
    .replace(/\s*[-–—]\s*/g, '-')
    .replace(/\s+/g, ' ');
export const numberKey = (issuer: string, year: string, number: string) => ({
  pk: `NUMBER#${canonical(issuer)}#${year}`,
  sk: canonical(number),
});

/** One digest per office per day: the first run of the day claims it. */
export const digestClaimKey = (issuer: string, date: string) => ({ pk: `DIGEST#${issuer}`, sk: date });

/** A directive's file (its original or an annex): what was uploaded, kept as long as the directive. */
export const fileKey = (fileId: string) => ({ pk: `FILE#${fileId}`, sk: 'FILE' });

/**
 * An assignment's place in its address's inbox. `open` sorts before closed (`0#` < `1#`); open ones by their
 * nearest deadline, closed ones by when they closed (read newest first). Instants are ISO UTC, so they sort as text.
 */
export const INBOX_OPEN = '0#';
export const INBOX_CLOSED = '1#';
export const recipientPartition = (email: string) => `RCPT#${email}`;
export const byRecipient = (
  email: string,
  open: boolean,
  instant: string,
  directiveId: string,
  recipientId: string,
) => ({
  gsi3pk: recipientPartition(email),
  gsi3sk: `${open ? INBOX_OPEN : INBOX_CLOSED}${instant}#${directiveId}#${recipientId}`,
});

/** One weekly inbox email per address per week (the week named by its Monday): a second run sends nothing. */
export const inboxWeekKey = (email: string, monday: string) => ({ pk: `INBOXWEEK#${email}`, sk: monday });

/**
 * A phone notice's short link `/l/{code}`: the assignment it opens (directive and recipient, never a token), so
 * that it follows a reassignment and a re-sent link. Removed by TTL once the assignment's links have expired.
 */
export const shortLinkKey = (code: string) => ({ pk: `SHORT#${code}`, sk: 'SHORT' });

/** An office's settings (which phone channels its directives use): one small item per office. */
export const officeSettingsKey = (office: string) => ({ pk: `SETTINGS#${office}`, sk: 'SETTINGS' });

/**
 * The roster's bands, in the order the dashboard lists them: what needs an official's attention first. An open
 * assignment's sort key carries its nearest deadline (none sorts last), so the overdue ones are the range up to now.
 */
export const ROSTER_BANDS = { open: '0', deliveryFailed: '1', completed: '2', cancelled: '3' } as const;
export type RosterBand = keyof typeof ROSTER_BANDS;
export const NO_DEADLINE = '~';
export const rosterPartition = (directiveId: string) => `ROSTER#${directiveId}`;
export const rosterSortKey = (band: RosterBand, recipientId: string, deadline?: string) =>
  band === 'open'
    ? `${ROSTER_BANDS.open}#${deadline ?? NO_DEADLINE}#${recipientId}`
    : `${ROSTER_BANDS[band]}#${recipientId}`;
export const pendingPartition = (directiveId: string) => `PENDING#${directiveId}`;

/** What the roster index holds of an assignment: enough to filter, sort and count, never the history. */
export const ROSTER_PROJECTION = [
  'directiveId',
  'recipientId',
  'recipientName',
  'recipientEmail',
  'status',
  'bucket',
  'acknowledgedAt',
  'outcome',
  'escalationLevel',
  'rosterFold',
  'pendingSk',
];
