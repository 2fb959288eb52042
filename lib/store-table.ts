import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE_SCHEMA } from '../lambdas/adapters/dynamodb/table-schema';

/** The store's single table, shaped by `TABLE_SCHEMA` (the same names `ensureTable` uses). */
export class StoreTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const { partitionKey, sortKey, ttlAttribute, eventsByTime } = TABLE_SCHEMA;
    this.table = new Table(this, 'Table', {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: ttlAttribute,
      encryption: TableEncryption.AWS_MANAGED,
      // Finding history and open episodes outlive any stack: a `cdk destroy` must not take them.
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });
    // An LSI can only be declared when the table is created; it is part of the same resource here.
    this.table.addLocalSecondaryIndex({
      indexName: eventsByTime.name,
      sortKey: { name: eventsByTime.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
  }
}
