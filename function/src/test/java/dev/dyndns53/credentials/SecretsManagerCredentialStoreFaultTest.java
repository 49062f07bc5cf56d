package dev.dyndns53.credentials;

import static dev.dyndns53.testing.AwsWireStandIn.Operation.SECRETS_MANAGER_BATCH_GET_SECRET_VALUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.credentials.UserPasswords.SecretProblem;
import dev.dyndns53.json.Json;
import dev.dyndns53.testing.AwsWireStandIn;
import dev.dyndns53.testing.AwsWireStandIn.RecordedRequest;
import dev.dyndns53.testing.AwsWireStandIn.Reply;
import dev.dyndns53.testing.TestBudgets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.IntStream;
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
  private static final Set<String> USERS = Set.of("alice", "david");
  private static final int MAX_ATTEMPTS = TestBudgets.FAST_RETRIES.maxAttempts();

  private SecretsManagerCredentialStore store() {
    return new SecretsManagerCredentialStore(
        standIn.secretsManager(TestBudgets.FAST_RETRIES), PREFIX);
  }

  @Test
  void passwords_readsEveryUsersPasswordFromTheSampleResponse() {
    standIn.enqueue(
        SECRETS_MANAGER_BATCH_GET_SECRET_VALUE,
        Reply.wire("secretsmanager-BatchGetSecretValue.response.json"));

    UserPasswords passwords = store().passwords(USERS);

    assertEquals(Optional.of("EXAMPLE-PASSWORD-ALICE"), passwords.password("alice"));
    assertEquals(Optional.of("EXAMPLE-PASSWORD"), passwords.password("david"));
    assertEquals(Map.of(), passwords.problems());
  }

  @Test
  void passwords_sendsEveryUsersSecretIdInOneCall_inTheSampleRequestShape() {
    standIn.enqueue(
        SECRETS_MANAGER_BATCH_GET_SECRET_VALUE,
        Reply.wire("secretsmanager-BatchGetSecretValue.response.json"));

    store().passwords(USERS);

    RecordedRequest sent = standIn.requests().get(0);
    assertEquals(1, standIn.requests().size());
    assertEquals("POST /", sent.method() + " " + sent.rawPath());
    assertEquals("secretsmanager.BatchGetSecretValue", sent.header("X-Amz-Target"));
    assertEquals("application/x-amz-json-1.1", sent.header("Content-Type"));
    assertEquals(
        AwsWireStandIn.readWireFile("secretsmanager-BatchGetSecretValue.request.json").strip(),
        sent.body());
  }

  @Test
  void passwords_ofMoreThanTwentyUsers_askForAtMostTwentySecretsPerCall() {
    Set<String> users = new TreeSet<>();
    IntStream.range(0, 45).forEach(i -> users.add("user%02d".formatted(i)));
    standIn.enqueueRepeatedly(SECRETS_MANAGER_BATCH_GET_SECRET_VALUE, batchReply(Map.of()), 3);

    UserPasswords passwords = store().passwords(users);

    List<Integer> idsPerCall = new ArrayList<>();
    Set<String> asked = new TreeSet<>();
    for (RecordedRequest request : standIn.requests()) {
      @SuppressWarnings("unchecked")
      List<String> ids =
          (List<String>) ((Map<?, ?>) Json.parse(request.body())).get("SecretIdList");
      idsPerCall.add(ids.size());
      asked.addAll(ids);
    }
    assertEquals(List.of(20, 20, 5), idsPerCall);
    assertEquals(45, asked.size());
    assertEquals("NotReturned", passwords.problem("user44").orElseThrow().code());
  }

  @Test
  void passwords_followNextTokenUntilTheAnswerIsComplete() {
    String alice = "{\"username\":\"alice\",\"password\":\"a-password\"}";
    String david = "{\"username\":\"david\",\"password\":\"d-password\"}";
    standIn.enqueue(
        SECRETS_MANAGER_BATCH_GET_SECRET_VALUE,
        Reply.json(200, batchBody(Map.of("alice", alice), "", ",\"NextToken\":\"page-2\"")),
        batchReply(Map.of("david", david)));

    UserPasswords passwords = store().passwords(USERS);

    assertEquals(Optional.of("a-password"), passwords.password("alice"));
    assertEquals(Optional.of("d-password"), passwords.password("david"));
    assertEquals(2, standIn.requests().size());
    assertTrue(
        standIn.requests().get(1).body().contains("\"NextToken\":\"page-2\""),
        standIn.requests().get(1).body());
  }

  @Test
  void passwords_whenOneSecretIsListedUnderErrors_reportItsCodeAndKeepTheOthers() {
    standIn.enqueue(
        SECRETS_MANAGER_BATCH_GET_SECRET_VALUE,
        Reply.wire("secretsmanager-BatchGetSecretValue.response.with-errors.json"));

    UserPasswords passwords = store().passwords(USERS);

    assertEquals(Optional.of("EXAMPLE-PASSWORD"), passwords.password("david"));
    assertEquals(Optional.empty(), passwords.password("alice"));
    SecretProblem problem = passwords.problem("alice").orElseThrow();
    assertEquals("ResourceNotFoundException", problem.code());
    assertTrue(problem.message().contains(PREFIX + "alice"), problem.message());
    assertFalse(passwords.hasPassingProblem());
  }

  @Test
  void passwords_whenASecretIsThrottledOnItsOwn_isAPassingProblem() {
    standIn.enqueue(
        SECRETS_MANAGER_BATCH_GET_SECRET_VALUE,
        Reply.json(
            200,
            batchBody(
                Map.of("david", "{\"username\":\"david\",\"password\":\"p\"}"),
                "{\"ErrorCode\":\"ThrottlingException\",\"Message\":\"Rate exceeded\","
                    + "\"SecretId\":\"dyndns53/Dyndns53/alice\"}",
                "")));

    UserPasswords passwords = store().passwords(USERS);

    assertEquals("ThrottlingException", passwords.problem("alice").orElseThrow().code());
    assertTrue(passwords.hasPassingProblem());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "AccessDeniedException",
    "DecryptionFailure",
    "InvalidParameterException",
    "InvalidRequestException",
    "ResourceNotFoundException",
  })
  void passwords_whenSecretsManagerRefusesTheCall_failsWithItsCodeWithoutRetrying(String code) {
    standIn.enqueue(
        SECRETS_MANAGER_BATCH_GET_SECRET_VALUE,
        Reply.wire("secretsmanager-error-" + code + ".json"),
        Reply.wire("secretsmanager-BatchGetSecretValue.response.json"));

    CredentialStoreException failure =
        assertThrows(CredentialStoreException.class, () -> store().passwords(USERS));

    assertEquals(code, failure.errorCode());
    assertTrue(failure.getMessage().contains("BatchGetSecretValue"), failure.getMessage());
    assertEquals(1, standIn.requests().size());
  }

  @Test
  void passwords_whenThrottledOnce_retriesAndSucceeds() {
    standIn.enqueue(
        SECRETS_MANAGER_BATCH_GET_SECRET_VALUE,
        Reply.wire("secretsmanager-error-ThrottlingException.json"),
        Reply.wire("secretsmanager-BatchGetSecretValue.response.json"));

    assertEquals(Optional.of("EXAMPLE-PASSWORD"), store().passwords(USERS).password("david"));
    assertEquals(2, standIn.requests().size());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ThrottlingException", "InternalServiceError"})
  void passwords_whenTheFailurePersists_retriesUpToTheBudgetThenFailsWithItsCode(String code) {
    standIn.enqueueRepeatedly(
        SECRETS_MANAGER_BATCH_GET_SECRET_VALUE,
        Reply.wire("secretsmanager-error-" + code + ".json"),
        MAX_ATTEMPTS + 2);

    CredentialStoreException failure =
        assertThrows(CredentialStoreException.class, () -> store().passwords(USERS));

    assertEquals(code, failure.errorCode());
    assertEquals(MAX_ATTEMPTS, standIn.requests().size());
  }

  @Test
  void passwords_whenSecretsManagerIsTooSlow_failsWithTimeoutWithinTheCallBudget() {
    standIn.enqueueRepeatedly(
        SECRETS_MANAGER_BATCH_GET_SECRET_VALUE,
        Reply.delayed(
            Duration.ofSeconds(30), Reply.wire("secretsmanager-BatchGetSecretValue.response.json")),
        MAX_ATTEMPTS);
    SecretsManagerCredentialStore store =
        new SecretsManagerCredentialStore(
            standIn.secretsManager(TestBudgets.SHORT_TIMEOUTS), PREFIX);

    long started = System.nanoTime();
    CredentialStoreException failure =
        assertThrows(CredentialStoreException.class, () -> store.passwords(USERS));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertEquals("Timeout", failure.errorCode());
    Duration bound = TestBudgets.SHORT_TIMEOUTS.callTimeout().multipliedBy(10);
    assertTrue(took.compareTo(bound) < 0, "took " + took + ", bound " + bound);
  }

  @Test
  void passwords_whenTheResponseIsNotJson_failsUnreadableWithoutQuotingIt() {
    String marker = marker();
    // A successful answer cut short in the middle of a secret.
    standIn.enqueueRepeatedly(
        SECRETS_MANAGER_BATCH_GET_SECRET_VALUE,
        Reply.json(
            200,
            "{\"SecretValues\":[{\"Name\":\"dyndns53/Dyndns53/david\",\"SecretString\":\"{\\\"username\\\":"
                + "\\\"david\\\",\\\"password\\\":\\\""
                + marker),
        MAX_ATTEMPTS);

    CredentialStoreException failure =
        assertThrows(CredentialStoreException.class, () -> store().passwords(USERS));

    assertEquals("Unreadable", failure.errorCode());
    // Unlike Route 53's XML, a JSON body cut short is retried: the SDK's JSON parse errors are
    // IOExceptions, which it takes for a broken connection.
    assertEquals(MAX_ATTEMPTS, standIn.requests().size());
    assertNull(failure.getCause());
    assertMarkerAbsent(marker, failure);
  }

  @Test
  void passwords_whenASecretIsNotJson_reportMalformedSecretWithoutQuotingIt() {
    String marker = marker();
    standIn.enqueue(
        SECRETS_MANAGER_BATCH_GET_SECRET_VALUE,
        batchReply(Map.of("david", "{\"username\":\"david\",\"password\":" + marker + "}")));

    UserPasswords passwords = store().passwords(Set.of("david"));

    SecretProblem problem = passwords.problem("david").orElseThrow();
    assertEquals("MalformedSecret", problem.code());
    assertTrue(problem.message().contains("line 1, column 32"), problem.message());
    assertFalse(problem.message().contains(marker), problem.message());
    assertFalse(passwords.toString().contains(marker), passwords.toString());
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
  void passwords_whenASecretHasTheWrongShape_reportACodeNamingTheProblem(
      String code, String secretString) {
    standIn.enqueue(
        SECRETS_MANAGER_BATCH_GET_SECRET_VALUE, batchReply(Map.of("david", secretString)));

    SecretProblem problem = store().passwords(Set.of("david")).problem("david").orElseThrow();

    assertEquals(code, problem.code());
    assertTrue(problem.message().contains(PREFIX + "david"), problem.message());
  }

  @Test
  void passwords_whenASecretBelongsToAnotherUser_reportItWithoutQuotingItsPassword() {
    String marker = marker();
    standIn.enqueue(
        SECRETS_MANAGER_BATCH_GET_SECRET_VALUE,
        batchReply(Map.of("david", "{\"username\":\"eve\",\"password\":\"" + marker + "\"}")));

    UserPasswords passwords = store().passwords(Set.of("david"));

    SecretProblem problem = passwords.problem("david").orElseThrow();
    assertEquals("UsernameMismatch", problem.code());
    assertFalse(problem.message().contains("eve"), problem.message());
    assertFalse(passwords.toString().contains(marker), passwords.toString());
  }

  @Test
  void passwords_ofABinarySecret_reportMalformedSecret() {
    standIn.enqueue(
        SECRETS_MANAGER_BATCH_GET_SECRET_VALUE,
        Reply.json(
            200,
            "{\"Errors\":[],\"SecretValues\":[{\"Name\":\"dyndns53/Dyndns53/david\","
                + "\"SecretBinary\":\"AAEC\"}]}"));

    assertEquals(
        "MalformedSecret",
        store().passwords(Set.of("david")).problem("david").orElseThrow().code());
  }

  @Test
  void toString_neverShowsAPassword() {
    String marker = marker();
    UserPasswords passwords = new UserPasswords(Map.of("david", marker), Map.of());

    assertFalse(passwords.toString().contains(marker), passwords.toString());
  }

  /** A BatchGetSecretValue answer holding these users' secret strings and no errors. */
  static Reply batchReply(Map<String, String> secretStringByUser) {
    return Reply.json(200, batchBody(secretStringByUser, "", ""));
  }

  private static String batchBody(
      Map<String, String> secretStringByUser, String errors, String more) {
    List<String> values = new ArrayList<>();
    new TreeSet<>(secretStringByUser.keySet())
        .forEach(
            user ->
                values.add(
                    "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:"
                        + PREFIX
                        + user
                        + "-a1b2c3\","
                        + "\"Name\":\""
                        + PREFIX
                        + user
                        + "\",\"SecretString\":"
                        + Json.quote(secretStringByUser.get(user))
                        + ",\"VersionId\":\"EXAMPLE1-90ab-cdef-fedc-ba987SECRET1\","
                        + "\"VersionStages\":[\"AWSCURRENT\"]}"));
    return "{\"Errors\":["
        + errors
        + "],\"SecretValues\":["
        + String.join(",", values)
        + "]"
        + more
        + "}";
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
