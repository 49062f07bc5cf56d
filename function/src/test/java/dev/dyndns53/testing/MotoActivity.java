package dev.dyndns53.testing;

import dev.dyndns53.aws.AwsClients;
import dev.dyndns53.history.DynamoDbHistoryStore;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB, SNS and SQS clients pointed at a {@link MotoServer}, configured like production, and
 * the history table as the stack creates it (issue 17).
 */
public final class MotoActivity {
  private MotoActivity() {}

  /** A DynamoDB client on moto; {@code http} may count the calls. */
  public static DynamoDbClient dynamoDb(MotoServer moto, SdkHttpClient http) {
    var builder =
        AwsClients.configure(DynamoDbClient.builder(), TestBudgets.FAST_RETRIES)
            .region(MotoServer.REGION)
            .credentialsProvider(TestCredentials.provider())
            .endpointOverride(moto.endpoint());
    if (http != null) {
      builder.httpClientBuilder(null).httpClient(http);
    }
    return builder.build();
  }

  public static SnsClient sns(MotoServer moto) {
    return AwsClients.configure(SnsClient.builder(), TestBudgets.FAST_RETRIES)
        .region(MotoServer.REGION)
        .credentialsProvider(TestCredentials.provider())
        .endpointOverride(moto.endpoint())
        .build();
  }

  public static SqsClient sqs(MotoServer moto) {
    return AwsClients.configure(SqsClient.builder(), TestBudgets.FAST_RETRIES)
        .region(MotoServer.REGION)
        .credentialsProvider(TestCredentials.provider())
        .endpointOverride(moto.endpoint())
        .build();
  }

  /** Creates the history table with the stack's key schema and returns its name. */
  public static String createHistoryTable(DynamoDbClient dynamoDb, String name) {
    dynamoDb.createTable(
        b ->
            b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    attribute(DynamoDbHistoryStore.PARTITION_KEY),
                    attribute(DynamoDbHistoryStore.SORT_KEY))
                .keySchema(
                    KeySchemaElement.builder()
                        .attributeName(DynamoDbHistoryStore.PARTITION_KEY)
                        .keyType(KeyType.HASH)
                        .build(),
                    KeySchemaElement.builder()
                        .attributeName(DynamoDbHistoryStore.SORT_KEY)
                        .keyType(KeyType.RANGE)
                        .build()));
    dynamoDb.updateTimeToLive(
        b ->
            b.tableName(name)
                .timeToLiveSpecification(
                    t -> t.attributeName(DynamoDbHistoryStore.TTL_ATTRIBUTE).enabled(true)));
    return name;
  }

  private static AttributeDefinition attribute(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  /** Every item of the table, for assertions. */
  public static java.util.List<
          Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>>
      items(DynamoDbClient dynamoDb, String table) {
    return dynamoDb.scan(b -> b.tableName(table)).items();
  }
}
