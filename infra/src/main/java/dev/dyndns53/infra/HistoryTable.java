package dev.dyndns53.infra;

import dev.dyndns53.history.DynamoDbHistoryStore;
import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * The history table (issue 17): on-demand, point-in-time recovery, a TTL on {@link
 * DynamoDbHistoryStore#TTL_ATTRIBUTE}, a CloudFormation-generated name, kept when the stack is
 * deleted. The function may use exactly the calls {@link DynamoDbHistoryStore} makes, on this table
 * only.
 */
final class HistoryTable extends Construct {
  /**
   * The calls of {@link DynamoDbHistoryStore}: TransactWriteItems is authorised per item as PutItem
   * (events) and UpdateItem (summaries); the page reads with Query and BatchGetItem.
   */
  static final List<String> ACTIONS =
      // Sorted, as CDK writes a statement's actions.
      List.of("dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem");

  private final Table table;

  HistoryTable(Construct scope, String id) {
    super(scope, id);
    table =
        Table.Builder.create(this, "Table")
            .partitionKey(
                Attribute.builder()
                    .name(DynamoDbHistoryStore.PARTITION_KEY)
                    .type(AttributeType.STRING)
                    .build())
            .sortKey(
                Attribute.builder()
                    .name(DynamoDbHistoryStore.SORT_KEY)
                    .type(AttributeType.STRING)
                    .build())
            // A household writes a few items a day: on-demand costs cents, provisioned would not.
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .pointInTimeRecoverySpecification(
                PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
            .timeToLiveAttribute(DynamoDbHistoryStore.TTL_ATTRIBUTE)
            .encryption(TableEncryption.AWS_MANAGED)
            // History outlives a stack that is deleted by mistake; delete the table by hand.
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
  }

  /** The function's permission: exactly the history's calls, on this table. */
  PolicyStatement historyStatement() {
    return PolicyStatement.Builder.create()
        .sid("HistoryTable")
        .actions(ACTIONS)
        .resources(List.of(table.getTableArn()))
        .build();
  }

  Table table() {
    return table;
  }
}
