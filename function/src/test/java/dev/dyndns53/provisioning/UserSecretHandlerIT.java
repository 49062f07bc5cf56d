package dev.dyndns53.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.dyndns53.aws.AwsClients;
import dev.dyndns53.json.Json;
import dev.dyndns53.testing.MotoServer;
import dev.dyndns53.testing.TestBudgets;
import dev.dyndns53.testing.TestCredentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/**
 * The {@code Custom::Dyndns53UserSecret} handler, end to end: CloudFormation's request as JSON in,
 * real SDK calls to moto's Secrets Manager, the answer PUT to a loopback "response URL". One test
 * per row of the lifecycle table (docs/lifecycle.md) that depends on the handler.
 */
class UserSecretHandlerIT {
  @RegisterExtension static final MotoServer moto = new MotoServer();

  private static final String SECRET = "dyndns53/Dyndns53/edgerouter";
  private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9]{40}");
  private static final Duration FAST = Duration.ofMillis(200);

  private HttpServer responseUrl;
  private final List<String> answers = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

  @BeforeEach
  void startResponseUrl() throws IOException {
    responseUrl = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    responseUrl.createContext(
        "/",
        exchange -> {
          assertEquals("PUT", exchange.getRequestMethod());
          answers.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    responseUrl.start();
  }

  @AfterEach
  void stopResponseUrl() {
    responseUrl.stop(0);
  }

  @Test
  void create_whenNoSecret_storesLoginWithPasswordGeneratedBySecretsManager() {
    Map<String, Object> answer = send("Create", SECRET, "edgerouter", null);

    assertEquals("SUCCESS", answer.get("Status"));
    assertEquals(SECRET, answer.get("PhysicalResourceId"));
    Map<?, ?> login = login(SECRET);
    assertEquals("edgerouter", login.get("username"));
    String password = (String) login.get("password");
    assertTrue(PASSWORD.matcher(password).matches(), "40 letters and digits");
    assertFalse(answers.get(0).contains(password), "the answer to CloudFormation has no password");
    assertFalse(log().contains(password), "the log line has no password");
  }

  @Test
  void create_whenSecretExists_adoptsItWithItsPassword() {
    // Redeploy after destroy, upgrade from plain Retain secrets, re-add a removed user, a renamed
    // stack with the old namespace: all find the secret there.
    moto.createSecret(SECRET, "edgerouter", "kept-password");

    Map<String, Object> answer = send("Create", SECRET, "edgerouter", null);

    assertEquals("SUCCESS", answer.get("Status"));
    assertEquals(SECRET + ": adopted", answer.get("Reason"));
    assertEquals("kept-password", login(SECRET).get("password"));
  }

  @Test
  void create_whenSecretScheduledForDeletion_restoresItWithItsPassword() {
    moto.createSecret(SECRET, "edgerouter", "kept-password");
    moto.secretsManager().deleteSecret(r -> r.secretId(SECRET).recoveryWindowInDays(7L));

    Map<String, Object> answer = send("Create", SECRET, "edgerouter", null);

    assertEquals("SUCCESS", answer.get("Status"));
    assertEquals(SECRET + ": restored", answer.get("Reason"));
    assertNull(describe(SECRET).deletedDate(), "no longer scheduled for deletion");
    assertEquals("kept-password", login(SECRET).get("password"));
  }

  @Test
  void delete_leavesTheSecretAlone() {
    send("Create", SECRET, "edgerouter", null);
    String password = (String) login(SECRET).get("password");

    Map<String, Object> answer = send("Delete", SECRET, "edgerouter", SECRET);

    assertEquals("SUCCESS", answer.get("Status"));
    assertEquals(SECRET, answer.get("PhysicalResourceId"));
    assertNull(describe(SECRET).deletedDate(), "not scheduled for deletion");
    assertEquals(password, login(SECRET).get("password"));
  }

  @Test
  void create_afterRolledBackFirstDeploy_adoptsTheSecretTheFailedDeployCreated() {
    send("Create", SECRET, "edgerouter", null);
    String first = (String) login(SECRET).get("password");
    send("Delete", SECRET, "edgerouter", SECRET);

    Map<String, Object> retried = send("Create", SECRET, "edgerouter", null);

    assertEquals("SUCCESS", retried.get("Status"));
    assertEquals(first, login(SECRET).get("password"));
  }

  @Test
  void update_toAnotherNamespace_createsOrAdoptsTheNewNameAndKeepsTheOld() {
    send("Create", SECRET, "edgerouter", null);
    String renamed = "dyndns53/Home/edgerouter";

    Map<String, Object> answer = send("Update", renamed, "edgerouter", SECRET);

    assertEquals("SUCCESS", answer.get("Status"));
    assertEquals(renamed, answer.get("PhysicalResourceId"), "a new physical id: a replacement");
    assertNotNull(login(renamed).get("password"));
    assertNull(describe(SECRET).deletedDate(), "the old name's secret stays");
  }

  @Test
  void create_withNameOutsideDyndns53_failsWithReason() {
    Map<String, Object> answer = send("Create", "prod/database", "edgerouter", null);

    assertEquals("FAILED", answer.get("Status"));
    assertTrue(answer.get("Reason").toString().contains("dyndns53/<namespace>/<user>"));
  }

  /**
   * A forced delete is asynchronous: for a while after it, the name is neither found nor free. Moto
   * deletes at once, so a stand-in in front of it answers CreateSecret as Secrets Manager does then
   * (the InvalidRequestException wire body) until {@code busyFor} has passed, and passes everything
   * else to moto.
   */
  @Test
  void create_whileForcedDeleteOfTheNameIsInProgress_backsOffUntilTheNameIsFree()
      throws IOException {
    Duration busyFor = Duration.ofMillis(1500);
    try (BusyNameStandIn standIn = new BusyNameStandIn(moto.endpoint(), busyFor)) {
      UserSecretHandler handler = handler(standIn.client(), FAST);
      long started = System.nanoTime();

      handler.handle(event("Create", SECRET, "edgerouter", null), () -> 60_000);

      Duration took = Duration.ofNanos(System.nanoTime() - started);
      Map<String, Object> answer = lastAnswer();
      assertEquals("SUCCESS", answer.get("Status"), answer.toString());
      assertEquals(SECRET + ": created", answer.get("Reason"));
      assertTrue(took.compareTo(busyFor) >= 0, "waited for the name: " + took);
      assertTrue(standIn.refusedCreates.get() >= 2, "refused, retried, refused, retried");
      assertTrue(PASSWORD.matcher((String) login(SECRET).get("password")).matches());
    }
  }

  @Test
  void create_whenNameStaysBusyPastTheDeadline_failsSayingToDeployAgain() throws IOException {
    try (BusyNameStandIn standIn = new BusyNameStandIn(moto.endpoint(), Duration.ofMinutes(5))) {
      UserSecretHandler handler = handler(standIn.client(), FAST);

      // 21 s remaining leaves 1 s after the 20 s kept for the answer.
      handler.handle(event("Create", SECRET, "edgerouter", null), () -> 21_000);

      Map<String, Object> answer = lastAnswer();
      assertEquals("FAILED", answer.get("Status"));
      assertEquals(SECRET, answer.get("PhysicalResourceId"));
      assertTrue(answer.get("Reason").toString().contains("Deploy again"), answer.toString());
    }
  }

  private Map<String, Object> send(String type, String secretName, String user, String physicalId) {
    handler(moto.secretsManager(), FAST)
        .handle(event(type, secretName, user, physicalId), () -> 60_000);
    return lastAnswer();
  }

  private UserSecretHandler handler(SecretsManagerClient client, Duration firstWait) {
    return new UserSecretHandler(
        new UserSecretResource(
            UserSecretProvisioner.of(
                new SecretsManagerVault(client),
                new UserSecretProvisioner.Backoff(firstWait, firstWait.multipliedBy(2)))),
        new PrintStream(logBytes, true, StandardCharsets.UTF_8));
  }

  private String event(String type, String secretName, String user, String physicalId) {
    Map<String, Object> event = new java.util.LinkedHashMap<>();
    event.put("RequestType", type);
    event.put("ResponseURL", "http://127.0.0.1:" + responseUrl.getAddress().getPort() + "/answer");
    event.put("StackId", "arn:aws:cloudformation:us-east-1:123456789012:stack/Dyndns53/x");
    event.put("RequestId", "request-" + answers.size());
    event.put("ResourceType", "Custom::Dyndns53UserSecret");
    event.put("LogicalResourceId", "UserSecretsedgerouter");
    if (physicalId != null) {
      event.put("PhysicalResourceId", physicalId);
    }
    event.put(
        "ResourceProperties",
        Map.of("ServiceToken", "arn:aws:lambda:x", "SecretName", secretName, "UserName", user));
    return Json.write(event);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> lastAnswer() {
    assertFalse(answers.isEmpty(), "an answer was PUT to the response URL");
    return (Map<String, Object>) Json.parse(answers.get(answers.size() - 1));
  }

  private static Map<?, ?> login(String name) {
    return (Map<?, ?>)
        Json.parse(moto.secretsManager().getSecretValue(r -> r.secretId(name)).secretString());
  }

  private static DescribeSecretResponse describe(String name) {
    return moto.secretsManager().describeSecret(r -> r.secretId(name));
  }

  private String log() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }

  /** Moto behind a door that refuses CreateSecret for a while, as during a forced delete. */
  private static final class BusyNameStandIn implements AutoCloseable {
    /** Secrets Manager's answer while a secret of that name is still being deleted. */
    static final String NAME_BUSY =
        "{\"__type\":\"InvalidRequestException\",\"Message\":\"You can't create this secret"
            + " because a secret with this name is already scheduled for deletion.\"}";

    final AtomicInteger refusedCreates = new AtomicInteger();
    private final HttpServer server;
    private final SecretsManagerClient client;

    BusyNameStandIn(URI moto, Duration busyFor) throws IOException {
      long freeAt = System.nanoTime() + busyFor.toNanos();
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            int status;
            String contentType;
            byte[] answer;
            if ("secretsmanager.CreateSecret".equals(target) && System.nanoTime() < freeAt) {
              refusedCreates.incrementAndGet();
              status = 400;
              contentType = "application/x-amz-json-1.1";
              answer = NAME_BUSY.getBytes(StandardCharsets.UTF_8);
            } else {
              HttpURLConnection forward =
                  (HttpURLConnection)
                      moto.resolve(exchange.getRequestURI()).toURL().openConnection();
              forward.setRequestMethod(exchange.getRequestMethod());
              exchange
                  .getRequestHeaders()
                  .forEach(
                      (name, values) -> {
                        if (!name.equalsIgnoreCase("Host")
                            && !name.equalsIgnoreCase("Content-Length")) {
                          values.forEach(v -> forward.addRequestProperty(name, v));
                        }
                      });
              forward.setDoOutput(true);
              try (OutputStream out = forward.getOutputStream()) {
                out.write(body);
              }
              status = forward.getResponseCode();
              contentType = forward.getContentType();
              try (InputStream in =
                  status >= 400 ? forward.getErrorStream() : forward.getInputStream()) {
                answer = in == null ? new byte[0] : in.readAllBytes();
              }
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(answer);
            }
          });
      server.start();
      client =
          AwsClients.configure(SecretsManagerClient.builder(), TestBudgets.FAST_RETRIES)
              .region(MotoServer.REGION)
              .credentialsProvider(TestCredentials.provider())
              .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
              .build();
    }

    SecretsManagerClient client() {
      return client;
    }

    @Override
    public void close() {
      client.close();
      server.stop(0);
    }
  }
}
