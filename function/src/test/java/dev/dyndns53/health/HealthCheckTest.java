package dev.dyndns53.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.credentials.CredentialStoreException;
import dev.dyndns53.fakes.InMemoryCredentialStore;
import dev.dyndns53.fakes.InMemoryRecordStore;
import dev.dyndns53.json.Json;
import dev.dyndns53.records.RecordSet;
import dev.dyndns53.records.RecordStoreException;
import dev.dyndns53.records.RecordType;
import dev.dyndns53.testing.EmbeddedMetricFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check's decisions over in-memory stores, with a clock that only the pauses move. */
class HealthCheckTest {
  private static final String ZONE_1 = "Z1EXAMPLE000000000001";
  private static final String ZONE_2 = "Z2EXAMPLE000000000002";
  private static final Dyndns53Config CONFIG =
      ConfigParser.parse(
          "health.json",
          """
      {"hosts": {
         "home.example.com":   {"zoneId": "%1$s"},
         "office.example.com": {"zoneId": "%1$s"},
         "v4.example.com":     {"zoneId": "%1$s", "recordTypes": ["A"]},
         "nas.example.org":    {"zoneId": "%2$s"}},
       "users": {
         "alice": {"hosts": ["home.example.com", "office.example.com", "nas.example.org"]},
         "bob":   {"hosts": ["v4.example.com"]}}}
      """
              .formatted(ZONE_1, ZONE_2));

  private final InMemoryCredentialStore credentials = new InMemoryCredentialStore();
  private final InMemoryRecordStore records = new InMemoryRecordStore();
  private final SteppingClock clock = new SteppingClock();
  private final List<Duration> pauses = new ArrayList<>();
  private final List<String> log = new ArrayList<>();
  private final HealthCheck check =
      new HealthCheck(
          CONFIG,
          credentials,
          records,
          "Dyndns53",
          clock,
          duration -> {
            pauses.add(duration);
            clock.now = clock.now.plus(duration);
          },
          log::add);

  HealthCheckTest() {
    credentials.passwords.put("alice", "alice-password");
    credentials.passwords.put("bob", "bob-password");
  }

  private HealthReport run() {
    return check.run("req-1", Duration.ofSeconds(14));
  }

  private List<String> codes(HealthReport report) {
    return report.problems().stream().map(p -> p.subject() + " " + p.code()).toList();
  }

  @Test
  void healthyConfiguration_reportsNoProblemsAndReadsEachZoneOnce() {
    records.put(ZONE_1, "home.example.com", RecordSet.single(RecordType.A, 60, "203.0.113.7"));

    HealthReport report = run();

    assertTrue(report.healthy(), report.summary());
    assertEquals(
        2, report.recordReads(), "one read per zone for all its hosts, as updates read them");
    assertEquals(
        List.of(
            List.of("home.example.com", "office.example.com", "v4.example.com"),
            List.of("nas.example.org")),
        records.reads);
    assertEquals(
        1, credentials.reads, "every user's password in one batch, as the update path reads them");
    assertEquals(List.of(), report.notChecked());
    assertTrue(
        report
            .summary()
            .startsWith("dyndns53 health check: no problems (2 users, 4 hosts in 2 zones)"),
        report.summary());
  }

  @Test
  void reads_arePacedToLeaveRoute53sQuotaToUpdates() {
    run();

    assertEquals(
        List.of(HealthCheck.READ_INTERVAL),
        pauses,
        "two reads (one per zone), the second the interval after the first");
  }

  @Test
  void missingSecret_isAProblemOfItsUser_andAFailedBatchReadOneProblemForAll() {
    credentials.passwords.remove("bob");
    InMemoryCredentialStore failing = new InMemoryCredentialStore();
    failing.failure =
        new CredentialStoreException(
            "ResourceNotFoundException",
            "Secrets Manager GetSecretValue for secret dyndns53/Test/alice failed: HTTP 400",
            null);
    HealthCheck withMissingSecret =
        new HealthCheck(
            CONFIG, failing, records, "s", clock, d -> clock.now = clock.now.plus(d), log::add);

    assertEquals(List.of("user bob ResourceNotFoundException"), codes(run()));
    HealthReport report = withMissingSecret.run(null, Duration.ofSeconds(14));
    assertEquals(List.of("users ResourceNotFoundException"), codes(report));
    assertTrue(
        report.problems().get(0).description().contains("every update answers 911"),
        report.summary());
  }

  @Test
  void foreignRecordSet_ofAManagedType_isAProblem_andOfAnUnmanagedTypeIsNot() {
    records.put(
        ZONE_1,
        "home.example.com",
        new RecordSet(RecordType.A, 60, List.of("192.0.2.1", "192.0.2.2"), true));
    records.put(
        ZONE_1,
        "v4.example.com",
        new RecordSet(RecordType.AAAA, 60, List.of("2001:db8::1"), false));
    records.put(ZONE_2, "nas.example.org", new RecordSet(RecordType.AAAA, 0, List.of(), false));

    HealthReport report = run();

    assertEquals(
        List.of("host home.example.com ForeignRecordSet", "host nas.example.org ForeignRecordSet"),
        codes(report));
    assertTrue(report.problems().get(0).description().contains("2 values"), report.summary());
    assertTrue(
        report.problems().get(1).description().contains("alias or routing policy"),
        report.summary());
  }

  @Test
  void missingZone_isOneProblemNamingEveryHostInIt_andIsReadOnce() {
    records.readFailures.add(
        new RecordStoreException(
            RecordStoreException.Kind.REJECTED,
            "NoSuchHostedZone",
            "No hosted zone found with ID: " + ZONE_1,
            null));

    HealthReport report = run();

    assertEquals(List.of("zone " + ZONE_1 + " NoSuchHostedZone"), codes(report));
    String description = report.problems().get(0).description();
    assertTrue(
        description.contains("home.example.com, office.example.com, v4.example.com"), description);
    assertEquals(2, report.recordReads(), "one read for the missing zone, one for the other zone");
  }

  @Test
  void hostLevelFailure_isThatHostsProblem_andTheZonesOtherHostsAreStillRead() {
    RecordStoreException throttled =
        new RecordStoreException(
            RecordStoreException.Kind.UNAVAILABLE, "Throttling", "Rate exceeded", null);
    // The zone's read fails, so its hosts are read one by one; home's own read fails too.
    records.readFailures.add(throttled);
    records.readFailures.add(throttled);

    HealthReport report = run();

    assertEquals(List.of("host home.example.com Throttling"), codes(report));
    assertTrue(report.problems().get(0).description().contains("911"), report.summary());
    assertEquals(
        List.of(
            List.of("home.example.com", "office.example.com", "v4.example.com"),
            List.of("home.example.com"),
            List.of("office.example.com"),
            List.of("v4.example.com"),
            List.of("nas.example.org")),
        records.reads);
    assertEquals(5, report.recordReads());
  }

  @Test
  void timeLimit_stopsReadingAndListsWhatWasLeft_withoutCallingItAProblem() {
    HealthReport report = check.run(null, Duration.ofMillis(400));

    assertEquals(1, report.recordReads());
    assertEquals(List.of("nas.example.org"), report.notChecked());
    assertTrue(report.healthy());
    Map<?, ?> line = (Map<?, ?>) Json.parse(log.get(0));
    assertEquals("WARN", line.get("level"));
    assertEquals(List.of("nas.example.org"), line.get("notChecked"));
  }

  @Test
  void logLine_isOneJsonLineWithProblemsAndValidEmfMetrics() {
    credentials.passwords.remove("bob");
    records.put(
        ZONE_1,
        "home.example.com",
        new RecordSet(RecordType.A, 60, List.of("192.0.2.1", "192.0.2.2"), true));

    run();

    assertEquals(1, log.size());
    EmbeddedMetricFormat.Parsed metrics = EmbeddedMetricFormat.check(log.get(0));
    assertEquals(Map.of("Stack", "Dyndns53"), metrics.dimensions());
    assertEquals(1, metrics.value("HealthChecks"));
    assertEquals(2, metrics.value("HealthCheckProblems"));
    assertEquals(
        List.of(List.of("Stack")), metrics.metrics().get("HealthCheckProblems").dimensionSets());
    Map<?, ?> line = (Map<?, ?>) Json.parse(log.get(0));
    assertEquals("health-check", line.get("event"));
    assertEquals("ERROR", line.get("level"));
    assertEquals("req-1", line.get("requestId"));
    List<?> problems = (List<?>) line.get("problems");
    assertEquals("user bob", ((Map<?, ?>) problems.get(0)).get("subject"));
    assertEquals("ResourceNotFoundException", ((Map<?, ?>) problems.get(0)).get("code"));
    assertFalse(log.get(0).contains("alice-password"), log.get(0));
  }

  @Test
  void healthyLogLine_countsZeroProblems() {
    run();

    EmbeddedMetricFormat.Parsed metrics = EmbeddedMetricFormat.check(log.get(0));
    assertEquals(0, metrics.value("HealthCheckProblems"));
    assertEquals("INFO", ((Map<?, ?>) Json.parse(log.get(0))).get("level"));
  }

  @Test
  void unexpectedFailure_isStillOneLogLineWithAProblem() {
    records.readFailures.add(new IllegalStateException("a bug"));

    HealthReport report = run();

    assertEquals(List.of("health check UnexpectedFailure"), codes(report));
    assertFalse(report.problems().get(0).description().contains("a bug"), "class names only");
    assertEquals(1, log.size());
    assertEquals(1, EmbeddedMetricFormat.check(log.get(0)).value("HealthCheckProblems"));
  }

  /** A clock that stands still unless a pause moves it. */
  private static final class SteppingClock extends Clock {
    Instant now = Instant.parse("2026-11-29T04:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
