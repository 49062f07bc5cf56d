package dev.dyndns53.lambda;

import static dev.dyndns53.testing.AwsWireStandIn.Operation.SECRETS_MANAGER_BATCH_GET_SECRET_VALUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.Dyndns53;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.credentials.SecretsManagerCredentialStore;
import dev.dyndns53.records.Route53RecordStore;
import dev.dyndns53.testing.AwsWireStandIn;
import dev.dyndns53.testing.AwsWireStandIn.RecordedRequest;
import dev.dyndns53.testing.AwsWireStandIn.Reply;
import dev.dyndns53.testing.TestBudgets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whether a user name exists must not show in what a request causes (issue 9, finding 3): the AWS
 * calls a first probe makes, counted and compared at the wire, and the answer during an outage.
 * Each probe runs in a fresh execution environment (empty caches), as an attacker's first probe of
 * a name would.
 */
class UserNameProbeTest {
  @RegisterExtension static final AwsWireStandIn aws = new AwsWireStandIn();

  private static final String CONFIG =
      """
      {"hosts": {"home.example.com": {"zoneId": "Z1EXAMPLE"}},
       "users": {"alice": {"hosts": ["home.example.com"]}, "david": {"hosts": ["home.example.com"]}}}
      """;

  private final List<String> log = new ArrayList<>();

  /** A handler as one fresh execution environment has it, over the stand-in. */
  private UpdateHandler freshEnvironment() {
    return new UpdateHandler(
        Dyndns53.of(
                ConfigParser.parse("probe.json", CONFIG),
                new SecretsManagerCredentialStore(
                    aws.secretsManager(TestBudgets.FAST_RETRIES), "dyndns53/Dyndns53/"),
                new Route53RecordStore(aws.route53(TestBudgets.FAST_RETRIES)),
                Clock.systemUTC(),
                log::add)
            .envelope());
  }

  /** One probe with a wrong password; returns the answer and what reached the wire. */
  private Probe probe(String user, Reply secretsManagerReply, int repliesNeeded) {
    aws.reset();
    aws.enqueueRepeatedly(
        SECRETS_MANAGER_BATCH_GET_SECRET_VALUE, secretsManagerReply, repliesNeeded);
    APIGatewayProxyResponseEvent response =
        freshEnvironment()
            .handleRequest(
                ProxyEventBuilder.get()
                    .basicAuth(user, "guessed-password")
                    .param("hostname", "home.example.com")
                    .param("myip", "203.0.113.7")
                    .build(),
                null);
    List<String> calls = new ArrayList<>();
    for (RecordedRequest request : aws.requests()) {
      calls.add(
          request.operation()
              + " "
              + request.method()
              + " "
              + request.rawPath()
              + " "
              + request.body());
    }
    return new Probe(response.getStatusCode(), response.getBody(), calls);
  }

  private record Probe(int status, String body, List<String> awsCalls) {}

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "secretsmanager-BatchGetSecretValue.response.json",
        "secretsmanager-BatchGetSecretValue.response.with-errors.json"
      })
  void configuredAndUnknownName_causeTheSameAwsCalls_andTheSameAnswer(String wireFile) {
    Probe configured = probe("alice", Reply.wire(wireFile), 1);
    Probe configuredNoSecretProblem = probe("david", Reply.wire(wireFile), 1);
    Probe unknown = probe("mallory", Reply.wire(wireFile), 1);

    assertEquals(1, configured.awsCalls().size(), configured.awsCalls().toString());
    assertTrue(
        configured.awsCalls().get(0).startsWith("SECRETS_MANAGER_BATCH_GET_SECRET_VALUE"),
        configured.awsCalls().toString());
    assertEquals(configured.awsCalls(), unknown.awsCalls());
    assertEquals(configured.awsCalls(), configuredNoSecretProblem.awsCalls());
    assertEquals(new Probe(401, "badauth\n", unknown.awsCalls()), configured);
    assertEquals(configured, unknown);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "secretsmanager-error-InternalServiceError.json",
        "secretsmanager-error-ThrottlingException.json",
        "secretsmanager-error-AccessDeniedException.json"
      })
  void secretsManagerUnavailable_answersConfiguredAndUnknownNamesAlike(String wireFile) {
    int attempts = TestBudgets.FAST_RETRIES.maxAttempts();
    Probe configured = probe("alice", Reply.wire(wireFile), attempts);
    Probe unknown = probe("mallory", Reply.wire(wireFile), attempts);

    assertEquals(500, configured.status());
    assertEquals("911\n", configured.body());
    assertEquals(configured, unknown);
  }

  @Test
  void configuredUserWithoutASecret_isAnsweredAsAnUnknownName_andOnlyTheLogSaysWhy() {
    Reply aliceMissing = Reply.wire("secretsmanager-BatchGetSecretValue.response.with-errors.json");
    Probe withoutSecret = probe("alice", aliceMissing, 1);
    String aliceLog = log.get(log.size() - 1);
    Probe unknown = probe("mallory", aliceMissing, 1);
    String malloryLog = log.get(log.size() - 1);

    assertEquals(withoutSecret, unknown);
    assertTrue(aliceLog.contains("\"secretProblem\":\"ResourceNotFoundException\""), aliceLog);
    assertTrue(aliceLog.contains("configured user's secret is missing or unreadable"), aliceLog);
    assertFalse(malloryLog.contains("secretProblem"), malloryLog);
    assertFalse(withoutSecret.body().contains("secret"), withoutSecret.body());
  }
}
