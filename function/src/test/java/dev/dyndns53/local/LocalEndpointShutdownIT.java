package dev.dyndns53.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.json.Json;
import dev.dyndns53.testing.AwsWireStandIn;
import dev.dyndns53.testing.AwsWireStandIn.Operation;
import dev.dyndns53.testing.AwsWireStandIn.Reply;
import dev.dyndns53.testing.MotoServer;
import dev.dyndns53.testing.Route53WireXml;
import dev.dyndns53.testing.TestCredentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code java -jar dyndns53-function.jar} stopped by a signal while Route 53 is slow:
 * every request in progress gets its complete answer, every record written was answered {@code
 * good}, and the exit status is 0. Route 53 is a stand-in that takes a second over each call;
 * Secrets Manager is moto.
 */
class LocalEndpointShutdownIT {
  private static final int IN_FLIGHT = 8;

  /**
   * Long enough that the requests are still waiting on Route 53 when the signal arrives (the
   * 'stopping' line proves it by counting them), short enough that one attempt stays well inside
   * the function's 2.5 s attempt timeout on a loaded build machine.
   */
  private static final Duration ROUTE53_DELAY = Duration.ofMillis(1000);

  private static final String USER = "router";
  private static final String PASSWORD = "Shutdown1TestPassword2NotSecret3";
  private static final String ZONE_ID = "Z0STANDIN0000000000";
  private static final Pattern LISTENING =
      Pattern.compile("dyndns53: listening on http://127\\.0\\.0\\.1:(\\d+)/nic/update");

  /** Only a guard against a hang; no assertion depends on it. */
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static MotoServer moto;
  private final AwsWireStandIn route53 = AwsWireStandIn.start();
  private Process endpoint;

  @TempDir Path directory;

  @BeforeAll
  static void startSecretsManager() {
    moto = MotoServer.start();
    moto.createSecret("dyndns53/Dyndns53/" + USER, USER, PASSWORD);
  }

  @AfterAll
  static void stopSecretsManager() {
    moto.close();
  }

  @AfterEach
  void stop() {
    if (endpoint != null) {
      endpoint.destroyForcibly();
    }
    route53.close();
  }

  @Test
  void sigterm_withSlowRoute53_answersEveryRequestInProgressAndExitsZero() throws Exception {
    Reply emptyListing = Reply.xml(200, Route53WireXml.listResponse());
    route53.enqueueRepeatedly(
        Operation.ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.delayed(ROUTE53_DELAY, emptyListing),
        10 * IN_FLIGHT);
    route53.enqueueRepeatedly(
        Operation.ROUTE53_CHANGE_RESOURCE_RECORD_SETS,
        Reply.delayed(ROUTE53_DELAY, Reply.wire("route53-ChangeResourceRecordSets.response.xml")),
        10 * IN_FLIGHT);
    int port = startEndpoint();

    // Answered by the server itself: no stderr noise (the JDK's server warned on HEAD).
    assertEquals(404, send(port, "HEAD /v1/nic/update HTTP/1.1", "Host: 127.0.0.1").status());
    assertEquals(
        400,
        send(port, "GET /v1/nic/update?myip=fe80::1%eth0 HTTP/1.1", "Host: 127.0.0.1").status());

    // One update first, so the SDK's first-call set-up and the password read are behind us.
    assertEquals(
        "good 203.0.113.10\n",
        send(
                port,
                "GET /v1/nic/update?hostname=" + host(0) + "&myip=" + address(0) + " HTTP/1.1",
                "Host: 127.0.0.1",
                authorization())
            .body(),
        this::output);

    List<CompletableFuture<Answer>> inFlight = new ArrayList<>();
    ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
    for (int i = 1; i <= IN_FLIGHT; i++) {
      String request =
          "GET /v1/nic/update?hostname=" + host(i) + "&myip=" + address(i) + " HTTP/1.1";
      inFlight.add(
          CompletableFuture.supplyAsync(
              () ->
                  send(
                      port,
                      request,
                      "Host: 127.0.0.1",
                      authorization(),
                      "User-Agent: ddclient/3.10.0"),
              clients));
    }
    // Every request is now past authentication and waiting on Route 53.
    waitFor(
        () -> route53.requests(Operation.ROUTE53_LIST_RESOURCE_RECORD_SETS).size() >= IN_FLIGHT + 1,
        "all requests to reach Route 53");

    endpoint.destroy();

    waitFor(() -> stdout().contains("dyndns53: stopping"), "the 'stopping' line");
    assertTrue(
        stdout()
            .contains(
                "dyndns53: stopping: no new connections; " + IN_FLIGHT + " request(s) in progress"),
        this::output);
    assertThrows(
        ConnectException.class,
        () -> new Socket(InetAddress.getLoopbackAddress(), port).close(),
        "a stopping endpoint refuses new connections");
    assertTrue(
        endpoint.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the endpoint did not exit");
    assertEquals(0, endpoint.exitValue(), this::output);

    Set<String> answeredGood = new TreeSet<>();
    for (int i = 1; i <= IN_FLIGHT; i++) {
      Answer answer = inFlight.get(i - 1).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      assertEquals(200, answer.status(), () -> answer.raw() + output());
      assertEquals("good " + address(i) + "\n", answer.body(), () -> answer.raw() + output());
      assertEquals(String.valueOf(answer.body().length()), answer.contentLength(), answer.raw());
      answeredGood.add(host(i));
    }
    answeredGood.add(host(0));
    assertEquals(
        answeredGood, hostsWritten(), "every record written was answered good, and only those");
    assertTrue(stdout().contains("dyndns53: stopped"), this::output);
    assertEquals(
        IN_FLIGHT + 3,
        stdout().lines().filter(line -> line.startsWith("{")).count(),
        "one log line per request: " + output());
    assertEquals("", stderr(), this::output);
  }

  @Test
  void sigint_whenIdle_stopsAndExitsZero() throws Exception {
    startEndpoint();

    Process kill =
        new ProcessBuilder("kill", "-INT", Long.toString(endpoint.pid())).inheritIO().start();
    assertEquals(0, kill.waitFor());

    assertTrue(
        endpoint.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the endpoint did not exit");
    assertEquals(0, endpoint.exitValue(), this::output);
    assertTrue(stdout().contains("dyndns53: stopped"), this::output);
    assertEquals("", stderr(), this::output);
  }

  private int startEndpoint() throws IOException {
    StringBuilder hosts = new StringBuilder();
    List<String> names = new ArrayList<>();
    for (int i = 0; i <= IN_FLIGHT; i++) {
      hosts
          .append(i == 0 ? "" : ",\n")
          .append("    ")
          .append(Json.quote(host(i)))
          .append(": {\"zoneId\": ")
          .append(Json.quote(ZONE_ID))
          .append("}");
      names.add(Json.quote(host(i)));
    }
    Path config = directory.resolve("dyndns53.json");
    Files.writeString(
        config,
        "{\n  \"hosts\": {\n"
            + hosts
            + "\n  },\n  \"users\": {\n    "
            + Json.quote(USER)
            + ": {\"hosts\": ["
            + String.join(", ", names)
            + "]}\n  }\n}\n");
    Path jar = Path.of(System.getProperty("basedir", "."), "target", "dyndns53-function.jar");
    assertTrue(
        Files.isRegularFile(jar),
        jar + " is missing; this IT runs in 'mvn verify', after 'package'");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "--config",
                config.toString(),
                "--port",
                "0")
            .redirectOutput(directory.resolve("stdout.log").toFile())
            .redirectError(directory.resolve("stderr.log").toFile());
    builder
        .environment()
        .keySet()
        .removeIf(name -> name.startsWith("AWS_") || name.startsWith("DYNDNS53_"));
    builder.environment().put("AWS_REGION", MotoServer.REGION.id());
    builder.environment().put("AWS_ACCESS_KEY_ID", TestCredentials.ACCESS_KEY_ID);
    builder.environment().put("AWS_SECRET_ACCESS_KEY", TestCredentials.SECRET_ACCESS_KEY);
    builder.environment().put("AWS_ENDPOINT_URL_SECRETS_MANAGER", moto.endpoint().toString());
    builder.environment().put("AWS_ENDPOINT_URL_ROUTE_53", route53.endpoint().toString());
    endpoint = builder.start();
    waitFor(
        () -> LISTENING.matcher(stdout()).find() || !endpoint.isAlive(), "the 'listening on' line");
    Matcher listening = LISTENING.matcher(stdout());
    assertTrue(listening.find(), this::output);
    return Integer.parseInt(listening.group(1));
  }

  private static String authorization() {
    return "Authorization: Basic "
        + Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  private static String host(int i) {
    return "h" + i + ".example.com";
  }

  private static String address(int i) {
    return "203.0.113." + (10 + i);
  }

  /** The host names in the change batches Route 53 received. */
  private Set<String> hostsWritten() {
    Pattern name = Pattern.compile("<Name>([^<]+?)\\.?</Name>");
    Set<String> written = new TreeSet<>();
    for (AwsWireStandIn.RecordedRequest change :
        route53.requests(Operation.ROUTE53_CHANGE_RESOURCE_RECORD_SETS)) {
      Matcher matcher = name.matcher(change.body());
      while (matcher.find()) {
        written.add(matcher.group(1));
      }
    }
    return written;
  }

  record Answer(int status, String contentLength, String body, String raw) {}

  /** Sends request lines byte for byte and reads the answer to the end of the stream. */
  private static Answer send(int port, String... lines) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout((int) PATIENCE.toMillis());
      socket
          .getOutputStream()
          .write((String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(received);
      String raw = received.toString(StandardCharsets.ISO_8859_1);
      int end = raw.indexOf("\r\n\r\n");
      if (end < 0) {
        return new Answer(-1, null, "", raw);
      }
      String contentLength =
          raw.substring(0, end)
              .lines()
              .filter(line -> line.toLowerCase().startsWith("content-length:"))
              .map(line -> line.substring(line.indexOf(':') + 1).strip())
              .collect(Collectors.joining(","));
      return new Answer(
          Integer.parseInt(raw.split(" ")[1]), contentLength, raw.substring(end + 4), raw);
    } catch (IOException e) {
      throw new UncheckedIOException("exchange with the endpoint on port " + port + " failed", e);
    }
  }

  private String stdout() {
    return read(directory.resolve("stdout.log"));
  }

  private String stderr() {
    return read(directory.resolve("stderr.log"));
  }

  private String output() {
    return "stdout:\n" + stdout() + "\nstderr:\n" + stderr();
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void waitFor(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "waited " + PATIENCE.toSeconds() + " s for " + what + "\n" + output());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
