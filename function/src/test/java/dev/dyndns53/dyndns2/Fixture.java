package dev.dyndns53.dyndns2;

import dev.dyndns53.acme.AcmeService;
import dev.dyndns53.checkip.CheckIpService;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.credentials.Authenticator;
import dev.dyndns53.credentials.CachingCredentialStore;
import dev.dyndns53.envelope.Envelope;
import dev.dyndns53.envelope.Routes;
import dev.dyndns53.fakes.InMemoryCredentialStore;
import dev.dyndns53.fakes.InMemoryRecordStore;
import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.http.HttpRequest;
import dev.dyndns53.metrics.EmbeddedMetrics;
import dev.dyndns53.metrics.RequestMetrics;
import dev.dyndns53.records.KnownRecords;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The envelope with the update endpoint over in-memory stores, with a clock the test moves. */
final class Fixture {
  static final String ZONE_1 = "Z1EXAMPLE000000000001";
  static final String ZONE_2 = "Z2EXAMPLE000000000002";
  static final String ALICE_PASSWORD = "correct horse:battery staple";
  static final String BOB_PASSWORD = "bobs-secret-password";

  static String config(String responseStyle) {
    return """
        {
          "hosts": {
            "home.example.com":   { "zoneId": "%1$s" },
            "office.example.com": { "zoneId": "%1$s", "ttl": 300 },
            "nas.example.org":    { "zoneId": "%2$s", "recordTypes": ["AAAA"] },
            "v4only.example.com": { "zoneId": "%1$s", "recordTypes": ["A"] },
            "lab.example.com":    { "zoneId": "%1$s", "allowNonPublic": true }
          },
          "users": {
            "alice": { "hosts": ["home.example.com", "office.example.com", "nas.example.org",
                                 "v4only.example.com", "lab.example.com"] },
            "bob":   { "hosts": ["office.example.com"] }
          },
          "responseStyle": "%3$s"
        }
        """
        .formatted(ZONE_1, ZONE_2, responseStyle);
  }

  final MutableClock clock = new MutableClock();
  final InMemoryRecordStore records = new InMemoryRecordStore();
  final InMemoryCredentialStore credentials = new InMemoryCredentialStore();
  final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
  final Dyndns53Config config;
  final KnownRecords known;
  final Envelope envelope;

  Fixture() {
    this("dyndns2");
  }

  Fixture(String responseStyle) {
    this(ConfigParser.parse("test.json", config(responseStyle)));
  }

  /** A fixture over another configuration; it must grant hosts to "alice" or "bob". */
  Fixture(Dyndns53Config config) {
    this.config = config;
    credentials.passwords.put("alice", ALICE_PASSWORD);
    credentials.passwords.put("bob", BOB_PASSWORD);
    CachingCredentialStore cache =
        new CachingCredentialStore(credentials, Duration.ofMinutes(5), clock);
    known = new KnownRecords(Duration.ofMinutes(5), clock);
    AcmeService acme = new AcmeService(config);
    envelope =
        new Envelope(
            config,
            new Authenticator(config.users().keySet(), cache),
            records,
            records,
            Map.of(
                Routes.UPDATE,
                new UpdateService(config, known),
                Routes.ACME_PRESENT,
                acme.present(),
                Routes.ACME_CLEANUP,
                acme.cleanup(),
                Routes.CHECKIP,
                new CheckIpService(),
                Routes.STATUS,
                new dev.dyndns53.status.StatusService(
                    config, dev.dyndns53.history.HistoryStore.NONE, Clock.systemUTC())),
            logLines::add,
            new RequestMetrics(EmbeddedMetrics.DEFAULT_STACK_NAME, Clock.systemUTC()));
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static String alice() {
    return basic("alice", ALICE_PASSWORD);
  }

  /** A GET with the given query (already decoded values, as API Gateway hands them over). */
  HttpAnswer get(String authorization, String... parameters) {
    return send("GET", authorization, "198.51.100.1", parameters);
  }

  HttpAnswer send(String method, String authorization, String source, String... parameters) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (int i = 0; i < parameters.length; i += 2) {
      params.computeIfAbsent(parameters[i], k -> new ArrayList<>()).add(parameters[i + 1]);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", "test/1.0");
    if (authorization != null) {
      headers.put("Authorization", authorization);
    }
    return envelope.handle(HttpRequest.update(method, headers, params, source, "req-1"));
  }

  String lastLog() {
    return logLines.get(logLines.size() - 1);
  }

  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-11-25T12:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
