package dev.dyndns53.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.Dyndns53;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.fakes.InMemoryCredentialStore;
import dev.dyndns53.fakes.InMemoryRecordStore;
import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.http.HttpRequest;
import dev.dyndns53.json.Json;
import dev.dyndns53.log.RequestLog;
import dev.dyndns53.metrics.RequestMetrics;
import dev.dyndns53.records.CallCounter;
import dev.dyndns53.records.RecordChange;
import dev.dyndns53.records.RecordSet;
import dev.dyndns53.records.RecordStore;
import dev.dyndns53.records.RecordType;
import dev.dyndns53.records.TxtRecordSet;
import dev.dyndns53.records.TxtRecordStore;
import dev.dyndns53.testing.EmbeddedMetricFormat;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint behind the one envelope: each request leaves one log line, bounded whatever the
 * client sends, with the endpoint, the call count and valid metrics; each endpoint answers rather
 * than throws when its store fails in a way nobody planned for.
 */
class EnvelopeEndpointsTest {
  private static final String ZONE = "Z1EXAMPLE000000000001";
  private static final Dyndns53Config CONFIG =
      ConfigParser.parse(
          "test.json",
          """
          {"hosts": {"home.example.com": {"zoneId": "%s", "acme": true}},
           "users": {"alice": {"hosts": ["home.example.com"]}}}
          """
              .formatted(ZONE));
  private static final String HUGE = "x".repeat(9_000);

  private final InMemoryCredentialStore credentials = new InMemoryCredentialStore();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  EnvelopeEndpointsTest() {
    credentials.passwords.put("alice", "alice-password");
  }

  /** One request per route, each as large as a client can make it where the client controls it. */
  static Stream<Arguments> everyEndpoint() {
    String acmeBody =
        "{\"fqdn\":\"_acme-challenge.home.example.com.\",\"value\":\"" + "v".repeat(43) + "\"}";
    return Stream.of(
        Arguments.of("update", "GET", "/nic/update", null),
        Arguments.of("acme/present", "POST", "/acme/present", acmeBody),
        Arguments.of("acme/cleanup", "POST", "/acme/cleanup", acmeBody),
        Arguments.of("checkip", "GET", "/checkip", null));
  }

  private static HttpRequest request(String method, String path, String body, String auth) {
    return new HttpRequest(
        method,
        path,
        auth == null
            ? Map.of("User-Agent", HUGE)
            : Map.of("User-Agent", HUGE, "Authorization", auth),
        Map.of("hostname", List.of("home.example.com"), "myip", List.of("203.0.113.7")),
        body,
        "198.51.100.1",
        "req-" + HUGE,
        List.of());
  }

  private static String alice() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString("alice:alice-password".getBytes(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String line) {
    return (Map<String, Object>) Json.parse(line);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyEndpoint")
  void everyEndpoint_writesOneBoundedLogLineWithItsMetrics(
      String endpoint, String method, String path, String body) {
    Dyndns53 app =
        Dyndns53.of(CONFIG, credentials, new InMemoryRecordStore(), Clock.systemUTC(), log::add);

    HttpAnswer answer = app.envelope().handle(request(method, path, body, alice()));

    assertTrue(answer.status() < 500, answer.toString());
    assertEquals(1, log.size(), log.toString());
    String line = log.get(0);
    Map<String, Object> fields = parse(line);
    assertEquals(endpoint, fields.get("endpoint"));
    assertEquals(endpoint, fields.get(RequestMetrics.ENDPOINT));
    String userAgent = (String) fields.get("userAgent");
    assertTrue(
        userAgent.startsWith("x".repeat(RequestLog.MAX_CLIENT_TEXT) + "…(truncated, 9000 chars)"),
        userAgent);
    assertTrue(((String) fields.get("requestId")).length() < 300, line);
    assertTrue(line.length() < 4_000, line.length() + " chars: " + line);
    assertTrue(fields.get("route53Calls") instanceof Number, line);
    EmbeddedMetricFormat.check(line);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyEndpoint")
  void everyEndpoint_withoutCredentialsOrWithAWrongMethod_answersWithOneBoundedLine(
      String endpoint, String method, String path, String body) {
    Dyndns53 app =
        Dyndns53.of(CONFIG, credentials, new InMemoryRecordStore(), Clock.systemUTC(), log::add);

    app.envelope().handle(request(method, path, body, null));
    HttpAnswer wrongMethod = app.envelope().handle(request("PATCH", path, body, alice()));

    assertEquals(404, wrongMethod.status());
    assertEquals(2, log.size(), log.toString());
    for (String line : log) {
      assertTrue(line.length() < 4_000, line.length() + " chars: " + line);
      assertEquals(endpoint, parse(line).get("endpoint"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyEndpoint")
  void everyEndpoint_whenItsStoreThrowsSomethingUnplanned_answersAndLogsTheFailure(
      String endpoint, String method, String path, String body) {
    Dyndns53 app = Dyndns53.of(CONFIG, credentials, new BrokenStore(), Clock.systemUTC(), log::add);

    HttpAnswer answer = app.envelope().handle(request(method, path, body, alice()));

    // checkip reads no record, so it is the one endpoint that still answers 200.
    assertEquals(endpoint.equals("checkip") ? 200 : 500, answer.status(), answer.toString());
    assertEquals(1, log.size());
    if (!endpoint.equals("checkip")) {
      Map<String, Object> fields = parse(log.get(0));
      assertEquals("ERROR", fields.get("level"));
      assertEquals(IllegalStateException.class.getName(), fields.get("error"));
    }
  }

  /** A store whose every call fails with an exception no code path expects. */
  private static final class BrokenStore implements RecordStore, TxtRecordStore {
    @Override
    public Map<String, Map<RecordType, RecordSet>> read(
        String zoneId, java.util.Collection<String> names) {
      throw new IllegalStateException("unplanned");
    }

    @Override
    public void apply(String zoneId, List<RecordChange> changes) {
      throw new IllegalStateException("unplanned");
    }

    @Override
    public Optional<TxtRecordSet> readTxt(String zoneId, String name) {
      throw new IllegalStateException("unplanned");
    }

    @Override
    public void replaceTxt(
        String zoneId, String name, Optional<TxtRecordSet> current, Optional<TxtRecordSet> wanted) {
      throw new IllegalStateException("unplanned");
    }

    @Override
    public BrokenStore countingCallsIn(CallCounter calls) {
      return this;
    }

    @Override
    public BrokenStore countingTxtCallsIn(CallCounter calls) {
      return this;
    }

    @Override
    public long callCount() {
      return 0;
    }
  }
}
