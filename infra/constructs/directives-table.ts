import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE } from '../../functions/shared/storage/keys.ts';

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

/** The one table (see functions/shared/storage/keys.ts for its items). */
export class DirectivesTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE.byIssuer.name,
      partitionKey: { name: TABLE.byIssuer.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.byIssuer.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
    // Sparse: only open assignments carry duePk/dueAt; sharded: duePk is one of DUE_SHARDS values.
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE.due.name,
      partitionKey: { name: TABLE.due.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.due.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: DUE_PROJECTION,
    });
  }
}
