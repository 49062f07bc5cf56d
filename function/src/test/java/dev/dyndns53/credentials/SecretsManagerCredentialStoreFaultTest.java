package dev.dyndns53.credentials;

import static dev.dyndns53.testing.AwsWireStandIn.Operation.SECRETS_MANAGER_GET_SECRET_VALUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.json.Json;
import dev.dyndns53.testing.AwsWireStandIn;
import dev.dyndns53.testing.AwsWireStandIn.RecordedRequest;
import dev.dyndns53.testing.AwsWireStandIn.Reply;
import dev.dyndns53.testing.TestBudgets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SecretsManagerCredentialStore} on a real SDK client, configured like production but with
 * {@link TestBudgets}, against the stand-in serving Secrets Manager's exact wire answers.
 */
class SecretsManagerCredentialStoreFaultTest {

  @RegisterExtension static final AwsWireStandIn standIn = new AwsWireStandIn();

  private static final String PREFIX = "dyndns53/Dyndns53/";
  private static final int MAX_ATTEMPTS = TestBudgets.FAST_RETRIES.maxAttempts();

  private SecretsManagerCredentialStore store() {
    return new SecretsManagerCredentialStore(
        standIn.secretsManager(TestBudgets.FAST_RETRIES), PREFIX);
  }

  @Test
  void password_readsThePasswordOfTheCapturedResponse() {
    // The sample secret is {"username":"david","password":"EXAMPLE-PASSWORD"}.
    standIn.enqueue(
        SECRETS_MANAGER_GET_SECRET_VALUE,
        Reply.wire("secretsmanager-GetSecretValue.response.json"));

    assertEquals(Optional.of("EXAMPLE-PASSWORD"), store().password("david"));
  }

  @Test
  void password_sendsTheRequestShapeOfTheCapturedSdkRequest() {
    standIn.enqueue(
        SECRETS_MANAGER_GET_SECRET_VALUE,
        Reply.wire("secretsmanager-GetSecretValue.response.json"));

    store().password("david");

    String captured =
        AwsWireStandIn.readWireFile("secretsmanager-GetSecretValue.request.sdkv2-captured.http");
    RecordedRequest sent = standIn.requests().get(0);
    assertTrue(captured.startsWith(sent.method() + " " + sent.rawPath() + " HTTP/1.1"), captured);
    assertTrue(captured.contains("X-Amz-Target: " + sent.header("X-Amz-Target")), captured);
    assertTrue(captured.contains("Content-Type: " + sent.header("Content-Type")), captured);
    assertEquals("{\"SecretId\":\"dyndns53/Dyndns53/david\"}", sent.body());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ResourceNotFoundException",
    "AccessDeniedException",
    "DecryptionFailure",
    "InvalidParameterException",
    "InvalidRequestException",
  })
  void password_whenSecretsManagerRefuses_failsWithItsCodeWithoutRetrying(String code) {
    standIn.enqueue(
        SECRETS_MANAGER_GET_SECRET_VALUE,
        Reply.wire("secretsmanager-error-" + code + ".json"),
        Reply.wire("secretsmanager-GetSecretValue.response.json"));

    CredentialStoreException failure =
        assertThrows(CredentialStoreException.class, () -> store().password("david"));

    assertEquals(code, failure.errorCode());
    assertTrue(failure.getMessage().contains(PREFIX + "david"), failure.getMessage());
    assertEquals(1, standIn.requests().size());
  }

  @Test
  void password_whenThrottledOnce_retriesAndSucceeds() {
    standIn.enqueue(
        SECRETS_MANAGER_GET_SECRET_VALUE,
        Reply.wire("secretsmanager-error-ThrottlingException.json"),
        Reply.wire("secretsmanager-GetSecretValue.response.json"));

    assertEquals(Optional.of("EXAMPLE-PASSWORD"), store().password("david"));
    assertEquals(2, standIn.requests().size());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ThrottlingException", "InternalServiceError"})
  void password_whenTheFailurePersists_retriesUpToTheBudgetThenFailsWithItsCode(String code) {
    standIn.enqueueRepeatedly(
        SECRETS_MANAGER_GET_SECRET_VALUE,
        Reply.wire("secretsmanager-error-" + code + ".json"),
        MAX_ATTEMPTS + 2);

    CredentialStoreException failure =
        assertThrows(CredentialStoreException.class, () -> store().password("david"));

    assertEquals(code, failure.errorCode());
    assertEquals(MAX_ATTEMPTS, standIn.requests().size());
  }

  @Test
  void password_whenSecretsManagerIsTooSlow_failsWithTimeoutWithinTheCallBudget() {
    standIn.enqueueRepeatedly(
        SECRETS_MANAGER_GET_SECRET_VALUE,
        Reply.delayed(
            Duration.ofSeconds(30), Reply.wire("secretsmanager-GetSecretValue.response.json")),
        MAX_ATTEMPTS);
    SecretsManagerCredentialStore store =
        new SecretsManagerCredentialStore(
            standIn.secretsManager(TestBudgets.SHORT_TIMEOUTS), PREFIX);

    long started = System.nanoTime();
    CredentialStoreException failure =
        assertThrows(CredentialStoreException.class, () -> store.password("david"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertEquals("Timeout", failure.errorCode());
    Duration bound = TestBudgets.SHORT_TIMEOUTS.callTimeout().multipliedBy(10);
    assertTrue(took.compareTo(bound) < 0, "took " + took + ", bound " + bound);
  }

  @Test
  void password_whenTheResponseIsNotJson_failsUnreadableWithoutQuotingIt() {
    String marker = marker();
    // A successful answer cut short in the middle of the secret.
    standIn.enqueueRepeatedly(
        SECRETS_MANAGER_GET_SECRET_VALUE,
        Reply.json(
            200,
            "{\"Name\":\"dyndns53/Dyndns53/david\",\"SecretString\":\"{\\\"username\\\":"
                + "\\\"david\\\",\\\"password\\\":\\\""
                + marker),
        MAX_ATTEMPTS);

    CredentialStoreException failure =
        assertThrows(CredentialStoreException.class, () -> store().password("david"));

    assertEquals("Unreadable", failure.errorCode());
    // Unlike Route 53's XML, a JSON body cut short is retried: the SDK's JSON parse errors are
    // IOExceptions, which it takes for a broken connection.
    assertEquals(MAX_ATTEMPTS, standIn.requests().size());
    assertNull(failure.getCause());
    assertMarkerAbsent(marker, failure);
  }

  @Test
  void password_whenTheSecretIsNotJson_failsMalformedSecretWithoutQuotingIt() {
    String marker = marker();
    standIn.enqueue(
        SECRETS_MANAGER_GET_SECRET_VALUE,
        secretStringReply("{\"username\":\"david\",\"password\":" + marker + "}"));

    CredentialStoreException failure =
        assertThrows(CredentialStoreException.class, () -> store().password("david"));

    assertEquals("MalformedSecret", failure.errorCode());
    assertTrue(failure.getMessage().contains("line 1, column 32"), failure.getMessage());
    assertMarkerAbsent(marker, failure);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "MissingPassword  | {\"username\":\"david\"}",
        "MissingPassword  | {\"username\":\"david\",\"password\":\"\"}",
        "MissingPassword  | {\"username\":\"david\",\"password\":42}",
        "UsernameMismatch | {\"password\":\"x\"}",
        "UsernameMismatch | {\"username\":\"eve\",\"password\":\"x\"}",
        "UsernameMismatch | {\"username\":\"David\",\"password\":\"x\"}",
        "MalformedSecret  | [\"david\",\"x\"]",
        "MalformedSecret  | \"just a string\"",
      })
  void password_whenTheSecretHasTheWrongShape_failsWithACodeNamingTheProblem(
      String code, String secretString) {
    standIn.enqueue(SECRETS_MANAGER_GET_SECRET_VALUE, secretStringReply(secretString));

    CredentialStoreException failure =
        assertThrows(CredentialStoreException.class, () -> store().password("david"));

    assertEquals(code, failure.errorCode());
    assertTrue(failure.getMessage().contains(PREFIX + "david"), failure.getMessage());
  }

  @Test
  void password_whenTheSecretBelongsToAnotherUser_failsWithoutQuotingItsPassword() {
    String marker = marker();
    standIn.enqueue(
        SECRETS_MANAGER_GET_SECRET_VALUE,
        secretStringReply("{\"username\":\"eve\",\"password\":\"" + marker + "\"}"));

    CredentialStoreException failure =
        assertThrows(CredentialStoreException.class, () -> store().password("david"));

    assertEquals("UsernameMismatch", failure.errorCode());
    assertFalse(failure.getMessage().contains("eve"), failure.getMessage());
    assertMarkerAbsent(marker, failure);
  }

  @Test
  void password_ofABinarySecret_failsMalformedSecret() {
    standIn.enqueue(
        SECRETS_MANAGER_GET_SECRET_VALUE,
        Reply.json(200, "{\"Name\":\"dyndns53/Dyndns53/david\",\"SecretBinary\":\"AAEC\"}"));

    CredentialStoreException failure =
        assertThrows(CredentialStoreException.class, () -> store().password("david"));

    assertEquals("MalformedSecret", failure.errorCode());
  }

  private static Reply secretStringReply(String secretString) {
    return Reply.json(
        200,
        "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:"
            + "dyndns53/Dyndns53/david-a1b2c3\","
            + "\"Name\":\"dyndns53/Dyndns53/david\",\"SecretString\":"
            + Json.quote(secretString)
            + ",\"VersionId\":\"EXAMPLE1-90ab-cdef-fedc-ba987SECRET1\","
            + "\"VersionStages\":[\"AWSCURRENT\"]}");
  }

  private static String marker() {
    return "marker" + UUID.randomUUID().toString().replace("-", "");
  }

  /** The marker appears nowhere in what a log could print: messages, causes, suppressed. */
  static void assertMarkerAbsent(String marker, Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    assertFalse(trace.toString().contains(marker), trace.toString());
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains(marker), t.toString());
      assertFalse(t.toString().contains(marker), t.toString());
    }
  }
}
