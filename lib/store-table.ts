import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TABLE_SCHEMA } from '../lambdas/adapters/dynamodb/table-schema';

/**
 * The DynamoDB actions the store sends in a function: `DynamoDbStore` reads with GetItem and Query and
 * writes with PutItem and UpdateItem. Its Scan and DeleteItem (pruneExpired) and DescribeTable and
 * CreateTable (ensureTable) run only in the CLI: the deployed table expires items by its TTL.
 */
export type StoreAction = 'dynamodb:GetItem' | 'dynamodb:Query' | 'dynamodb:PutItem' | 'dynamodb:UpdateItem';

/** What a function does with the store: the actions its store calls send, and whether it lists events by time (the index). */
export interface StoreUse {
  actions: readonly StoreAction[];
  eventsByTime: boolean;
  /** Confines it to the items whose partition key matches one of these (`TICKET#*`), through `dynamodb:LeadingKeys`. */
  leadingKeys?: readonly string[];
}

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

  /** Grants exactly `use`: its actions on the table and, for a function that lists events, on the events index; only on its leading keys, if any. */
  grantUse(grantee: IGrantable, use: StoreUse): Grant {
    const index = `${this.table.tableArn}/index/${TABLE_SCHEMA.eventsByTime.name}`;
    return Grant.addToPrincipal({
      grantee,
      actions: [...use.actions],
      resourceArns: [this.table.tableArn, ...(use.eventsByTime ? [index] : [])],
      // ForAllValues: every key the request touches must match (a Query's partition, each item's of a Get or Put).
      ...(use.leadingKeys ? { conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...use.leadingKeys] } } } : {}),
    });
  }
}
