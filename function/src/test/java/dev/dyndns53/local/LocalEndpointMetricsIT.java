package dev.dyndns53.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.json.Json;
import dev.dyndns53.testing.EmbeddedMetricFormat;
import dev.dyndns53.testing.MotoServer;
import dev.dyndns53.testing.TestCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local endpoint as docs/local-endpoint.md starts it ({@code java -jar dyndns53-function.jar
 * --config FILE --port 0}) over moto, with the stack name in {@code DYNDNS53_STACK_NAME}: each
 * request's log line on its stdout carries the request's metrics in Embedded Metric Format, exactly
 * as the deployed function's log line does in CloudWatch Logs.
 */
class LocalEndpointMetricsIT {
  private static final Pattern LISTENING =
      Pattern.compile("dyndns53: listening on http://127\\.0\\.0\\.1:(\\d+)/nic/update");

  /**
   * How long the endpoint gets to start or to log; generous for a loaded machine, never waited out
   * when things work.
   */
  private static final long WAIT_LIMIT_MS = 60_000;

  private static final String PASSWORD = "LocalMetricsPassword-0123456789ab";

  private static MotoServer moto;
  private static Process endpoint;
  private static Path log;
  private static int port;
  private static String zoneId;

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.start();
    zoneId = moto.createHostedZone("example.com");
    moto.createSecret("dyndns53/Dyndns53/router", "router", PASSWORD);
    Path directory =
        Path.of(
            System.getProperty("basedir", System.getProperty("user.dir")),
            "target",
            "local-metrics-it");
    Files.createDirectories(directory);
    Path config = directory.resolve("dyndns53.json");
    Files.writeString(
        config,
        """
        {"hosts": {"home.example.com": {"zoneId": "%s"}},
         "users": {"router": {"hosts": ["home.example.com"]}}}
        """
            .formatted(zoneId));
    log = directory.resolve("endpoint.log");
    Files.deleteIfExists(log);
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                functionJar().toString(),
                "--config",
                config.toString(),
                "--port",
                "0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("DYNDNS53_"));
    environment.put("AWS_REGION", MotoServer.REGION.id());
    environment.put("AWS_ACCESS_KEY_ID", TestCredentials.ACCESS_KEY_ID);
    environment.put("AWS_SECRET_ACCESS_KEY", TestCredentials.SECRET_ACCESS_KEY);
    environment.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
    environment.put("DYNDNS53_STACK_NAME", "LocalIt");
    endpoint = builder.start();
    long deadline = System.currentTimeMillis() + WAIT_LIMIT_MS;
    while (true) {
      Matcher listening = LISTENING.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (listening.find()) {
        port = Integer.parseInt(listening.group(1));
        return;
      }
      if (!endpoint.isAlive() || System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(
            "the endpoint did not start; its output:\n"
                + (Files.exists(log) ? Files.readString(log) : "(none)"));
      }
      Thread.sleep(100);
    }
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (endpoint != null) {
      endpoint.destroy();
      if (!endpoint.waitFor(10, TimeUnit.SECONDS)) {
        endpoint.destroyForcibly();
      }
    }
    if (moto != null) {
      moto.close();
    }
  }

  private static Path functionJar() {
    String configured = System.getProperty("dyndns53.functionJar");
    Path jar =
        configured != null
            ? Path.of(configured)
            : Path.of(
                System.getProperty("basedir", System.getProperty("user.dir")),
                "target",
                "dyndns53-function.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "the function jar "
              + jar
              + " is missing; run this IT through"
              + " 'mvn verify', whose package phase builds it");
    }
    return jar;
  }

  /** Sends one update and returns the status and body. */
  private static String update(String user, String password) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection)
            URI.create(
                    "http://127.0.0.1:"
                        + port
                        + "/nic/update?hostname=home.example.com&myip=203.0.113.7")
                .toURL()
                .openConnection();
    connection.setRequestProperty(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    connection.setConnectTimeout(5_000);
    connection.setReadTimeout(30_000);
    int status = connection.getResponseCode();
    InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
    return status + " " + new String(body.readAllBytes(), StandardCharsets.UTF_8).strip();
  }

  /**
   * The request log lines (JSON objects) the endpoint has written so far, once there are {@code
   * count}.
   */
  private static List<String> requestLines(int count) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_LIMIT_MS;
    while (true) {
      List<String> lines = Files.readAllLines(log).stream().filter(l -> l.startsWith("{")).toList();
      if (lines.size() >= count || System.currentTimeMillis() > deadline) {
        return lines;
      }
      Thread.sleep(50);
    }
  }

  @Test
  void localRequestsLogLines_carryValidEmfMetrics() throws Exception {
    assertEquals("200 good 203.0.113.7", update("router", PASSWORD));
    assertEquals("401 badauth", update("router", "wrong"));

    List<String> lines = requestLines(2);
    assertEquals(2, lines.size(), "one log line per request: " + lines);

    EmbeddedMetricFormat.Parsed good = EmbeddedMetricFormat.check(lines.get(0));
    Map<?, ?> goodLine = (Map<?, ?>) Json.parse(lines.get(0));
    assertEquals(Map.of("Stack", "LocalIt", "Answer", "good"), good.dimensions());
    assertEquals(1, good.value("Requests"));
    assertEquals(0, good.value("ServerErrors"));
    assertEquals(0, good.value("AuthFailures"));
    assertEquals(2, good.value("Route53Calls"), "one read and one write, against moto");
    assertEquals(((Number) goodLine.get("latencyMs")).longValue(), good.value("Latency"));
    assertTrue(good.value("Latency") >= 0);

    EmbeddedMetricFormat.Parsed badauth = EmbeddedMetricFormat.check(lines.get(1));
    assertEquals(Map.of("Stack", "LocalIt", "Answer", "badauth"), badauth.dimensions());
    assertEquals(1, badauth.value("AuthFailures"));
    assertEquals(0, badauth.value("Route53Calls"));
    assertTrue(lines.stream().noneMatch(line -> line.contains(PASSWORD)));
  }
}
