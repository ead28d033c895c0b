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
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE.byIssuer.name,
      partitionKey: { name: TABLE.byIssuer.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.byIssuer.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
    // Only directives carry gsi2pk/gsi2sk: an office's list and statistics are one range query, never a Scan.
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE.byOffice.name,
      partitionKey: { name: TABLE.byOffice.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.byOffice.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
    // Only assignments carry gsi3pk/gsi3sk: an agency's inbox is two range queries of its address, never a Scan.
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE.byRecipient.name,
      partitionKey: { name: TABLE.byRecipient.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.byRecipient.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: INBOX_PROJECTION,
    });
    // Sparse: only open assignments carry duePk/dueAt; sharded: duePk is one of DUE_SHARDS values.
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE.due.name,
      partitionKey: { name: TABLE.due.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.due.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: DUE_PROJECTION,
    });
    // Sparse too: only open assignments carry watchPk/watchAt, the time their execution must next have
    // touched them; the sweeper reads the ones past it.
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE.watch.name,
      partitionKey: { name: TABLE.watch.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.watch.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: WATCH_PROJECTION,
    });
    // Only assignments carry rosterPk/rosterSk: a directive's dashboard filters and sorts 5,000 agencies from
    // this lean copy and reads in full only the page it shows.
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE.roster.name,
      partitionKey: { name: TABLE.roster.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.roster.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: ROSTER_PROJECTION,
    });
    // Sparse: only an assignment with an extension request waiting carries pendingPk/pendingSk.
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE.pending.name,
      partitionKey: { name: TABLE.pending.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.pending.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.KEYS_ONLY,
    });
  }
}
