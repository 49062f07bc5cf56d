package dev.dyndns53.lambda;

import static dev.dyndns53.testing.AwsWireStandIn.Operation.ROUTE53_CHANGE_RESOURCE_RECORD_SETS;
import static dev.dyndns53.testing.AwsWireStandIn.Operation.ROUTE53_LIST_RESOURCE_RECORD_SETS;
import static dev.dyndns53.testing.AwsWireStandIn.Operation.SECRETS_MANAGER_BATCH_GET_SECRET_VALUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.Dyndns53;
import dev.dyndns53.aws.AwsCallBudget;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.credentials.SecretsManagerCredentialStore;
import dev.dyndns53.json.Json;
import dev.dyndns53.records.Route53RecordStore;
import dev.dyndns53.testing.AwsWireStandIn;
import dev.dyndns53.testing.AwsWireStandIn.Reply;
import dev.dyndns53.testing.Route53WireXml;
import dev.dyndns53.testing.TestBudgets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole request path against a stand-in serving AWS's exact wire answers, for the faults moto
 * cannot produce. Each test checks the answer the router gets and what reached Route 53.
 */
class UpdateFaultTest {
  @RegisterExtension static final AwsWireStandIn aws = new AwsWireStandIn();

  private static final String ZONE = "Z1EXAMPLE";
  private static final String PASSWORD = "Xq7fTz2LmN9pRs4VwY6bCd8eGh3jKk5M";
  private static final Reply EMPTY_NAME = Reply.xml(200, Route53WireXml.listResponse());
  private static final Reply CHANGE_ACCEPTED =
      Reply.wire("route53-ChangeResourceRecordSets.response.xml");
  private static final Reply THROTTLING = Reply.wire("route53-error-Throttling.xml");
  private static final int ATTEMPTS = TestBudgets.FAST_RETRIES.maxAttempts();

  private final List<String> log = new ArrayList<>();

  private UpdateHandler handler(AwsCallBudget budget) {
    return new UpdateHandler(
        Dyndns53.of(
                ConfigParser.parse(
                    "fault.json",
                    """
            {"hosts": {"home.example.com": {"zoneId": "%s"}}, "users": {"alice": {"hosts": ["home.example.com"]}}}
            """
                        .formatted(ZONE)),
                new SecretsManagerCredentialStore(aws.secretsManager(budget), "dyndns53/Test/"),
                new Route53RecordStore(aws.route53(budget)),
                Clock.systemUTC(),
                log::add)
            .envelope());
  }

  private static Reply secret() {
    String secretString = "{\"username\":\"alice\",\"password\":" + Json.quote(PASSWORD) + "}";
    return Reply.json(
        200,
        "{\"Errors\":[],\"SecretValues\":[{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:dyndns53/Test/alice-a1b2c3\","
            + "\"Name\":\"dyndns53/Test/alice\",\"SecretString\":"
            + Json.quote(secretString)
            + ",\"VersionId\":\"EXAMPLE1-90ab-cdef-fedc-ba987SECRET1\",\"VersionStages\":[\"AWSCURRENT\"]}]}");
  }

  private APIGatewayProxyResponseEvent update(AwsCallBudget budget) {
    return handler(budget)
        .handleRequest(
            ProxyEventBuilder.get()
                .basicAuth("alice", PASSWORD)
                .param("hostname", "home.example.com")
                .param("myip", "203.0.113.7")
                .build(),
            null);
  }

  private String lastLog() {
    return log.get(log.size() - 1);
  }

  @Test
  void throttledThenAccepted_answersGood() {
    aws.enqueue(SECRETS_MANAGER_BATCH_GET_SECRET_VALUE, secret());
    aws.enqueue(ROUTE53_LIST_RESOURCE_RECORD_SETS, EMPTY_NAME);
    aws.enqueue(ROUTE53_CHANGE_RESOURCE_RECORD_SETS, THROTTLING, CHANGE_ACCEPTED);

    APIGatewayProxyResponseEvent response = update(TestBudgets.FAST_RETRIES);

    assertEquals(200, response.getStatusCode());
    assertEquals("good 203.0.113.7\n", response.getBody());
    assertEquals(2, aws.requests(ROUTE53_CHANGE_RESOURCE_RECORD_SETS).size());
  }

  @Test
  void throttledPastTheBudget_answers911WithA5xx() {
    aws.enqueue(SECRETS_MANAGER_BATCH_GET_SECRET_VALUE, secret());
    aws.enqueue(ROUTE53_LIST_RESOURCE_RECORD_SETS, EMPTY_NAME);
    aws.enqueueRepeatedly(ROUTE53_CHANGE_RESOURCE_RECORD_SETS, THROTTLING, ATTEMPTS);

    APIGatewayProxyResponseEvent response = update(TestBudgets.FAST_RETRIES);

    assertEquals(500, response.getStatusCode());
    assertEquals("911\n", response.getBody());
    assertEquals(ATTEMPTS, aws.requests(ROUTE53_CHANGE_RESOURCE_RECORD_SETS).size());
    assertTrue(lastLog().contains("\"route53Error\":\"Throttling\""), lastLog());
  }

  @Test
  void priorRequestNotComplete_isRetriedThenGood() {
    aws.enqueue(SECRETS_MANAGER_BATCH_GET_SECRET_VALUE, secret());
    aws.enqueue(ROUTE53_LIST_RESOURCE_RECORD_SETS, EMPTY_NAME);
    aws.enqueue(
        ROUTE53_CHANGE_RESOURCE_RECORD_SETS,
        Reply.wire("route53-error-PriorRequestNotComplete.xml"),
        CHANGE_ACCEPTED);

    assertEquals("good 203.0.113.7\n", update(TestBudgets.FAST_RETRIES).getBody());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "route53-error-InvalidChangeBatch-exists.xml",
        "route53-error-InvalidChangeBatch-mismatch.xml",
        "route53-error-InvalidChangeBatch-notfound.xml",
        "route53-error-NoSuchHostedZone.xml",
        "route53-error-InvalidInput.xml"
      })
  void rejectedWrite_answersDnserrWithoutRetrying(String wireFile) {
    aws.enqueue(SECRETS_MANAGER_BATCH_GET_SECRET_VALUE, secret());
    aws.enqueue(ROUTE53_LIST_RESOURCE_RECORD_SETS, EMPTY_NAME);
    aws.enqueue(ROUTE53_CHANGE_RESOURCE_RECORD_SETS, Reply.wire(wireFile));

    APIGatewayProxyResponseEvent response = update(TestBudgets.FAST_RETRIES);

    assertEquals(500, response.getStatusCode());
    assertEquals("dnserr\n", response.getBody());
    assertEquals(1, aws.requests(ROUTE53_CHANGE_RESOURCE_RECORD_SETS).size());
    String code = wireFile.replaceAll("route53-error-([A-Za-z]+).*", "$1");
    assertTrue(lastLog().contains("\"route53Error\":\"" + code + "\""), lastLog());
  }

  @Test
  void noSuchHostedZoneOnRead_answersDnserrAndNeverWrites() {
    aws.enqueue(SECRETS_MANAGER_BATCH_GET_SECRET_VALUE, secret());
    aws.enqueue(
        ROUTE53_LIST_RESOURCE_RECORD_SETS, Reply.wire("route53-error-NoSuchHostedZone.xml"));

    assertEquals("dnserr\n", update(TestBudgets.FAST_RETRIES).getBody());
    assertEquals(0, aws.requests(ROUTE53_CHANGE_RESOURCE_RECORD_SETS).size());
  }

  @Test
  void malformedXml_answers911AndNeverWrites() {
    aws.enqueue(SECRETS_MANAGER_BATCH_GET_SECRET_VALUE, secret());
    aws.enqueue(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.xml(200, "<ListResourceRecordSetsResponse><Resource"));

    APIGatewayProxyResponseEvent response = update(TestBudgets.FAST_RETRIES);

    assertEquals(500, response.getStatusCode());
    assertEquals("911\n", response.getBody());
    assertEquals(0, aws.requests(ROUTE53_CHANGE_RESOURCE_RECORD_SETS).size());
  }

  @Test
  void slowRoute53_pastTheCallTimeout_answers911AndNeverWrites() {
    aws.enqueue(SECRETS_MANAGER_BATCH_GET_SECRET_VALUE, secret());
    aws.enqueueRepeatedly(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.delayed(Duration.ofSeconds(3), EMPTY_NAME),
        ATTEMPTS);

    APIGatewayProxyResponseEvent response = update(TestBudgets.SHORT_TIMEOUTS);

    assertEquals(500, response.getStatusCode());
    assertEquals("911\n", response.getBody());
    assertEquals(0, aws.requests(ROUTE53_CHANGE_RESOURCE_RECORD_SETS).size());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "secretsmanager-error-ResourceNotFoundException.json",
        "secretsmanager-error-ThrottlingException.json",
        "secretsmanager-error-InternalServiceError.json",
        "secretsmanager-error-AccessDeniedException.json",
        "secretsmanager-error-DecryptionFailure.json"
      })
  void secretsManagerFailure_answers911NotBadauth_andTouchesNoRecord(String wireFile) {
    aws.enqueueRepeatedly(SECRETS_MANAGER_BATCH_GET_SECRET_VALUE, Reply.wire(wireFile), ATTEMPTS);

    APIGatewayProxyResponseEvent response = update(TestBudgets.FAST_RETRIES);

    assertEquals(500, response.getStatusCode());
    assertEquals("911\n", response.getBody());
    assertEquals(0, aws.requests(ROUTE53_LIST_RESOURCE_RECORD_SETS).size());
    assertEquals(0, aws.requests(ROUTE53_CHANGE_RESOURCE_RECORD_SETS).size());
    String code = wireFile.replaceAll("secretsmanager-error-([A-Za-z]+)\\.json", "$1");
    assertTrue(lastLog().contains("\"credentialStoreError\":\"" + code + "\""), lastLog());
  }
}
