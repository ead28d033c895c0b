import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { ROSTER_PROJECTION, TABLE } from '#contracts/table.ts';

/** The attributes the digest needs from an assignment falling due, so it never reads the full item. */
export const DUE_PROJECTION = [
  'directiveId',
  'recipientId',
  'recipientName',
  'recipientEmail',
  'status',
  'ackDeadline',
  'reports',
  'escalationLevel',
  'issuer',
  'number',
];

/** What the sweeper reads of an open assignment to decide whether its execution still runs. */
export const WATCH_PROJECTION = ['directiveId', 'recipientId', 'status', 'generation'];

/**
 * What an agency's inbox shows of each assignment (status, deadlines, number, issuer) and needs to sign a fresh
 * link to its page (the link version, the deadlines the link outlives): never the history.
 */
export const INBOX_PROJECTION = [
  'directiveId',
  'recipientId',
  'recipientName',
  'recipientEmail',
  'status',
  'createdAt',
  'ackDeadline',
  'acknowledgedAt',
  'completedAt',
  'cancelledAt',
  'reports',
  'outcome',
  'linkVersion',
  'taskCodes',
  'issuer',
  'number',
];

/** The one table (see functions/contracts/table.ts for its items). */
export class DirectivesTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Every directive and its record live here: deleting the table takes two steps, never one.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TABLE.timeToLive,
    });
    const index = (
      keys: { name: string; partitionKey: string; sortKey: string },
      projection: { projectionType: ProjectionType; nonKeyAttributes?: string[] },
    ) =>
      this.table.addGlobalSecondaryIndex({
        indexName: keys.name,
        partitionKey: { name: keys.partitionKey, type: AttributeType.STRING },
        sortKey: { name: keys.sortKey, type: AttributeType.STRING },
        ...projection,
      });
    const include = (nonKeyAttributes: readonly string[]) => ({
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: [...nonKeyAttributes],
    });
    index(TABLE.byIssuer, { projectionType: ProjectionType.ALL });
    // Only directives carry gsi2pk/gsi2sk: an office's list and statistics are one range query, never a Scan.
    index(TABLE.byOffice, { projectionType: ProjectionType.ALL });
    // Only assignments carry gsi3pk/gsi3sk: an agency's inbox is two range queries of its address, never a Scan.
    index(TABLE.byRecipient, include(INBOX_PROJECTION));
    // Sparse: only open assignments carry duePk/dueAt; sharded: duePk is one of DUE_SHARDS values.
    index(TABLE.due, include(DUE_PROJECTION));
    // Sparse too: only open assignments carry watchPk/watchAt, the time their execution must next have
    // touched them; the sweeper reads the ones past it.
    index(TABLE.watch, include(WATCH_PROJECTION));
    // Only assignments carry rosterPk/rosterSk: a directive's dashboard filters and sorts 5,000 agencies from
    // this lean copy and reads in full only the page it shows.
    index(TABLE.roster, include(ROSTER_PROJECTION));
    // Sparse: only an assignment with an extension request waiting carries pendingPk/pendingSk.
    index(TABLE.pending, { projectionType: ProjectionType.KEYS_ONLY });
  }
}
