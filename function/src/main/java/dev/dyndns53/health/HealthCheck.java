package dev.dyndns53.health;

import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.config.HostConfig;
import dev.dyndns53.credentials.CredentialStore;
import dev.dyndns53.json.Json;
import dev.dyndns53.metrics.EmbeddedMetrics;
import dev.dyndns53.metrics.EmbeddedMetrics.Unit;
import dev.dyndns53.records.RecordStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Looks for what would make updates fail, without changing anything: reads every configured user's
 * password and every configured host's A and AAAA record sets, and reports a missing or unreadable
 * secret, a hosted zone that does not exist or may not be read, and a record set in a shape
 * dyndns53 will not touch. A host with no address records at all is fine: the first update creates
 * them.
 *
 * <p>The schedule runs it daily, which also keeps the SnapStart version from going inactive. Each
 * run writes one JSON log line with the problems found and the metrics {@code HealthChecks} (1) and
 * {@code HealthCheckProblems} (how many), which the stack's alarms watch. Passwords are read only
 * to learn that they can be; no value reaches the report or the log.
 *
 * <p>The run is put together from {@link PasswordCheck} (one batch read of every password), {@link
 * ZoneCheck} (one zone's record sets) and {@link ReadPacer}: Route 53 allows five control-plane
 * calls per second per account, shared with the updates themselves, so reads are paced at most one
 * per {@link #READ_INTERVAL}, and the run stops reading at its time limit, listing what it left
 * unread. With more zones than a run reaches, {@link ZoneRotation} starts each run where the last
 * one's share ended; {@code HealthCheckZonesSkipped} counts the zones of this run's share it did
 * not reach, which breaks that rotation's promise and has an alarm of its own.
 */
public final class HealthCheck {

  /**
   * The {@code resource} of the event the schedule sends. API Gateway always sets {@code resource}
   * to the API's resource path, which starts with {@code /}, so no HTTP request can pose as this.
   */
  public static final String EVENT_RESOURCE = "dyndns53:health-check";

  /**
   * How often the schedule runs the check: every 4 hours, on the hour (UTC), with no flexible
   * window, so that {@link ZoneRotation} gives consecutive runs consecutive shares of the zones.
   */
  public static final Duration RUN_INTERVAL = Duration.ofHours(4);

  /** At most two reads per second: the other three of Route 53's five stay for updates. */
  public static final Duration READ_INTERVAL = Duration.ofMillis(500);

  /** Waits between reads. */
  @FunctionalInterface
  public interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  /** The production pause: sleep. */
  public static final Pause SLEEP = duration -> Thread.sleep(duration.toMillis());

  private final Dyndns53Config config;
  private final CredentialStore credentials;
  private final RecordStore records;
  private final String stackName;
  private final Clock clock;
  private final Pause pause;
  private final Consumer<String> log;
  // Issue 17: the history table and the silent-host notifications.
  private ExtraCheck extra = deadline -> List.of();

  /** A further check run after the built-in ones, within the same run and time limit. */
  public interface ExtraCheck {
    /** What it found; never throws for what it finds. */
    List<HealthProblem> check(Instant deadline);
  }

  /** Runs {@code extra} after the built-in checks of every run (issue 17 hook). */
  public HealthCheck alsoChecking(ExtraCheck extra) {
    this.extra = Objects.requireNonNull(extra, "extra");
    return this;
  }

  /**
   * @param credentials where passwords come from; pass the store itself, not a cache, so the check
   *     sees what an update after the cache expires would see
   * @param records where records come from
   * @param stackName the {@code Stack} dimension of the metrics
   * @param clock for the time limit, the pacing and the metrics' timestamp
   * @param pause waits between record reads ({@link #SLEEP})
   * @param log receives one JSON line per run
   */
  public HealthCheck(
      Dyndns53Config config,
      CredentialStore credentials,
      RecordStore records,
      String stackName,
      Clock clock,
      Pause pause,
      Consumer<String> log) {
    this.config = Objects.requireNonNull(config, "config");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.records = Objects.requireNonNull(records, "records");
    this.stackName = Objects.requireNonNull(stackName, "stackName");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.pause = Objects.requireNonNull(pause, "pause");
    this.log = Objects.requireNonNull(log, "log");
  }

  /**
   * Runs the check and writes its log line. Never throws for what it finds; AWS failures are
   * problems in the report.
   *
   * @param requestId for the log line; may be null
   * @param timeLimit no read starts after this much time has passed
   */
  public HealthReport run(String requestId, Duration timeLimit) {
    Instant started = clock.instant();
    ReadPacer pacer = new ReadPacer(clock, pause, started.plus(timeLimit));
    List<HealthProblem> problems = new ArrayList<>();
    List<String> notChecked = new ArrayList<>();
    Map<String, List<HostConfig>> byZone = new LinkedHashMap<>();
    for (HostConfig host : config.hosts().values()) {
      byZone.computeIfAbsent(host.zoneId(), zone -> new ArrayList<>()).add(host);
    }
    List<String> zones = ZoneRotation.order(new ArrayList<>(byZone.keySet()), started);
    int share = ZoneRotation.share(zones.size());
    int zonesSkipped = 0;
    try {
      if (pacer.timeLeft()) {
        problems.addAll(PasswordCheck.check(credentials, config.users().keySet()));
      } else {
        config.users().keySet().forEach(user -> notChecked.add("user " + user));
      }
      ZoneCheck zoneCheck = new ZoneCheck(records, pacer);
      for (int i = 0; i < zones.size(); i++) {
        boolean read =
            zoneCheck.check(zones.get(i), byZone.get(zones.get(i)), problems, notChecked);
        if (!read && i < share) {
          zonesSkipped++;
        }
      }
      problems.addAll(extra.check(started.plus(timeLimit))); // issue 17 hook
    } catch (RuntimeException unexpected) {
      // A bug, not an AWS failure (those are problems where they happen). Still one log line, so
      // the alarms see a run with a problem rather than a run missing.
      problems.add(
          new HealthProblem(
              "health check",
              "UnexpectedFailure",
              "the check itself failed"
                  + " with "
                  + unexpected.getClass().getSimpleName()
                  + (unexpected.getStackTrace().length > 0
                      ? " at " + unexpected.getStackTrace()[0]
                      : "")
                  + "; what was checked before is reported, the rest was not checked"));
    }

    HealthReport report =
        new HealthReport(
            config.users().size(),
            config.hosts().size(),
            byZone.size(),
            pacer.calls(),
            problems,
            notChecked,
            zonesSkipped);
    log.accept(logLine(report, requestId, Duration.between(started, clock.instant()).toMillis()));
    return report;
  }

  private String logLine(HealthReport report, String requestId, long durationMs) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", "health-check");
    line.put("requestId", requestId);
    line.put("level", !report.healthy() ? "ERROR" : report.zonesSkipped() == 0 ? "INFO" : "WARN");
    line.put("users", report.users());
    line.put("hosts", report.hosts());
    line.put("zones", report.zones());
    line.put("recordReads", report.recordReads());
    List<Object> problems = new ArrayList<>();
    for (HealthProblem problem : report.problems()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("subject", problem.subject());
      entry.put("code", problem.code());
      entry.put("description", problem.description());
      problems.add(entry);
    }
    line.put("problems", problems);
    if (!report.notChecked().isEmpty()) {
      line.put("notChecked", report.notChecked());
    }
    line.put("zonesSkipped", report.zonesSkipped());
    line.put("durationMs", durationMs);
    line.putAll(
        EmbeddedMetrics.at(clock.millis())
            .dimension(EmbeddedMetrics.STACK, stackName)
            .metric("HealthChecks", Unit.COUNT, 1, EmbeddedMetrics.BY_STACK)
            .metric(
                "HealthCheckProblems",
                Unit.COUNT,
                report.problems().size(),
                EmbeddedMetrics.BY_STACK)
            .metric(
                "HealthCheckZonesSkipped",
                Unit.COUNT,
                report.zonesSkipped(),
                EmbeddedMetrics.BY_STACK)
            .rootMembers());
    return Json.write(line);
  }
}
