package dev.dyndns53.health;

import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.config.HostConfig;
import dev.dyndns53.credentials.CredentialStore;
import dev.dyndns53.credentials.CredentialStoreException;
import dev.dyndns53.credentials.UserPasswords;
import dev.dyndns53.json.Json;
import dev.dyndns53.metrics.EmbeddedMetrics;
import dev.dyndns53.metrics.EmbeddedMetrics.Unit;
import dev.dyndns53.records.CallCounter;
import dev.dyndns53.records.RecordSet;
import dev.dyndns53.records.RecordStore;
import dev.dyndns53.records.RecordStoreException;
import dev.dyndns53.records.RecordType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 * <p>Route 53 allows five control-plane calls per second per account, shared with the updates
 * themselves, so each zone's hosts are read together, as the update path reads them, calls are
 * paced at most one per {@link #READ_INTERVAL}, a zone that cannot be read at all ({@code
 * NoSuchHostedZone}, {@code AccessDenied}) is read once, and the run stops reading at its time
 * limit, listing what it left unread.
 */
public final class HealthCheck {

  /**
   * The {@code resource} of the event the schedule sends. API Gateway always sets {@code resource}
   * to the API's resource path, which starts with {@code /}, so no HTTP request can pose as this.
   */
  public static final String EVENT_RESOURCE = "dyndns53:health-check";

  /** At most two reads per second: the other three of Route 53's five stay for updates. */
  public static final Duration READ_INTERVAL = Duration.ofMillis(500);

  /** Codes that mean the whole zone is unreadable, so its other hosts need not be tried. */
  private static final Set<String> ZONE_WIDE_CODES =
      Set.of("NoSuchHostedZone", "AccessDenied", "AccessDeniedException");

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
    Instant deadline = started.plus(timeLimit);
    List<HealthProblem> problems = new ArrayList<>();
    List<String> notChecked = new ArrayList<>();
    Map<String, List<HostConfig>> byZone = new LinkedHashMap<>();
    for (HostConfig host : config.hosts().values()) {
      byZone.computeIfAbsent(host.zoneId(), zone -> new ArrayList<>()).add(host);
    }
    Reads reads = new Reads();
    try {
      problems.addAll(checkPasswords(config.users().keySet(), deadline, notChecked));
      byZone.forEach(
          (zoneId, hosts) -> checkZone(zoneId, hosts, deadline, reads, problems, notChecked));
      problems.addAll(extra.check(deadline)); // issue 17 hook
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
            reads.count,
            problems,
            notChecked);
    log.accept(logLine(report, requestId, Duration.between(started, clock.instant()).toMillis()));
    return report;
  }

  /**
   * Reads every user's password in one batch, as the update path does: the check's only use of the
   * credential store. A read that fails as a whole is one problem; each user whose secret gave no
   * password is one problem of its own.
   */
  private List<HealthProblem> checkPasswords(
      Collection<String> users, Instant deadline, List<String> notChecked) {
    List<HealthProblem> problems = new ArrayList<>();
    if (!clock.instant().isBefore(deadline)) {
      users.forEach(user -> notChecked.add("user " + user));
      return problems;
    }
    UserPasswords read;
    try {
      read = credentials.passwords(new TreeSet<>(users));
    } catch (CredentialStoreException unreadable) {
      problems.add(
          new HealthProblem(
              "users",
              unreadable.errorCode(),
              withoutFinalStop(unreadable.getMessage())
                  + ". Until this is fixed every update answers 911"
                  + passwordFix(unreadable.errorCode())));
      return problems;
    }
    for (String user : users) {
      Optional<UserPasswords.SecretProblem> problem = read.problem(user);
      if (problem.isPresent()) {
        problems.add(
            new HealthProblem(
                "user " + user,
                problem.get().code(),
                withoutFinalStop(problem.get().message())
                    + ". Until this is fixed the user's router gets badauth"
                    + passwordFix(problem.get().code())));
      } else if (read.password(user).filter(password -> !password.isEmpty()).isEmpty()) {
        problems.add(
            new HealthProblem(
                "user " + user,
                "NoPassword",
                "the credential store holds no password for this user, so its router gets badauth;"
                    + " give its secret a \"password\""));
      }
    }
    return problems;
  }

  private static String withoutFinalStop(String sentence) {
    return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
  }

  private static String passwordFix(String code) {
    return switch (code) {
      case "ResourceNotFoundException" ->
          "; the stack creates one secret per configured user:"
              + " deploy it again, and check that DYNDNS53_SECRET_PREFIX names the stack's secrets";
      case "AccessDeniedException" ->
          "; the function's role may not read this secret or its KMS"
              + " key: deploy the stack again, and look for a permissions boundary or SCP that denies it";
      default -> "";
    };
  }

  private void checkZone(
      String zoneId,
      List<HostConfig> hosts,
      Instant deadline,
      Reads reads,
      List<HealthProblem> problems,
      List<String> notChecked) {
    ZoneReading reading =
        readZone(zoneId, hosts.stream().map(HostConfig::name).toList(), deadline, reads);
    if (reading.zoneFailure != null) {
      RecordStoreException failure = reading.zoneFailure;
      String what =
          failure.errorCode().startsWith("AccessDenied")
              ? "the function may not read hosted zone "
                  + zoneId
                  + ": deploy the stack again, and look"
                  + " for a permissions boundary or SCP that denies route53:ListResourceRecordSets"
              : "hosted zone "
                  + zoneId
                  + " does not exist (deleted, or a wrong zoneId): fix the zoneId"
                  + " of these hosts in the configuration and deploy";
      problems.add(
          new HealthProblem(
              "zone " + zoneId,
              failure.errorCode(),
              what
                  + ". Updates of "
                  + String.join(", ", reading.unread)
                  + " answer dnserr. ("
                  + failure.getMessage()
                  + ")"));
      return;
    }
    notChecked.addAll(reading.unread);
    for (HostConfig host : hosts) {
      RecordStoreException failure = reading.failures.get(host.name());
      if (failure != null) {
        problems.add(
            new HealthProblem("host " + host.name(), failure.errorCode(), readFailure(failure)));
        continue;
      }
      Map<RecordType, RecordSet> current = reading.records.get(host.name());
      if (current == null) {
        continue;
      }
      for (RecordType type : RecordType.values()) {
        RecordSet existing = current.get(type);
        // A record set of a type the host does not manage is never touched, whatever its shape.
        if (existing != null && host.allows(type) && !existing.ownShape()) {
          problems.add(
              new HealthProblem(
                  "host " + host.name(),
                  "ForeignRecordSet",
                  existing.notOwnShape()
                      + ", so updates of this host answer conflict and leave it alone. Delete it in Route 53"
                      + " to let dyndns53 manage the name, or take "
                      + type
                      + " out of the host's"
                      + " recordTypes"));
        }
      }
    }
  }

  private static String readFailure(RecordStoreException failure) {
    return failure.kind() == RecordStoreException.Kind.REJECTED
        ? "Route 53 refused to read this host's records, so its updates answer dnserr ("
            + failure.getMessage()
            + ")"
        : "Route 53 could not be read just now, so updates at this moment answer 911 and routers"
            + " retry; worth a look only if it repeats ("
            + failure.getMessage()
            + ")";
  }

  /** Counts the check's record store reads. */
  private static final class Reads {
    int count;
    Instant lastStarted;
  }

  /**
   * What could be read of one zone.
   *
   * @param records the record sets of each host read
   * @param failures hosts whose read failed, for a host of their own
   * @param zoneFailure a failure that concerns the whole zone; then {@code unread} lists every host
   *     not read because of it, the one tried included
   * @param unread hosts not read: because of {@code zoneFailure}, or the time limit
   */
  private record ZoneReading(
      Map<String, Map<RecordType, RecordSet>> records,
      Map<String, RecordStoreException> failures,
      RecordStoreException zoneFailure,
      List<String> unread) {}

  /**
   * Reads the A and AAAA record sets of a zone's hosts, as the update path does: all of them in one
   * read of the zone (one listing, or a few for hosts spread over a large zone). Paced at {@link
   * #READ_INTERVAL} per call. A failure that concerns the whole zone ends the zone; any other is
   * traced to its host by reading the hosts one by one, so that one host's odd record sets (or a
   * passing throttle) do not make the zone's other hosts problems. Stops at the deadline.
   */
  private ZoneReading readZone(String zoneId, List<String> names, Instant deadline, Reads reads) {
    if (!waitForTurn(reads, deadline)) {
      return new ZoneReading(Map.of(), Map.of(), null, names);
    }
    try {
      return new ZoneReading(read(zoneId, names, reads), Map.of(), null, List.of());
    } catch (RecordStoreException failed) {
      if (isZoneWide(failed)) {
        return new ZoneReading(Map.of(), Map.of(), failed, names);
      }
    }
    Map<String, Map<RecordType, RecordSet>> found = new LinkedHashMap<>();
    Map<String, RecordStoreException> failures = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!waitForTurn(reads, deadline)) {
        return new ZoneReading(found, failures, null, names.subList(i, names.size()));
      }
      try {
        found.putAll(read(zoneId, List.of(name), reads));
      } catch (RecordStoreException failed) {
        if (isZoneWide(failed)) {
          return new ZoneReading(found, failures, failed, names.subList(i, names.size()));
        }
        failures.put(name, failed);
      }
    }
    return new ZoneReading(found, failures, null, List.of());
  }

  /**
   * One read of the record store, counting the calls it made; a read that took several calls
   * (paging) pushes the next turn back by as many intervals, so the rate stays the same.
   */
  private Map<String, Map<RecordType, RecordSet>> read(
      String zoneId, List<String> names, Reads reads) {
    CallCounter calls = new CallCounter();
    try {
      return records.countingCallsIn(calls).read(zoneId, names);
    } finally {
      reads.count += (int) calls.count();
      if (calls.count() > 1) {
        reads.lastStarted = reads.lastStarted.plus(READ_INTERVAL.multipliedBy(calls.count() - 1));
      }
    }
  }

  private static boolean isZoneWide(RecordStoreException failed) {
    return failed.kind() == RecordStoreException.Kind.REJECTED
        && ZONE_WIDE_CODES.contains(failed.errorCode());
  }

  /** Waits until the next read may start; false when that is past the deadline. */
  private boolean waitForTurn(Reads reads, Instant deadline) {
    Instant now = clock.instant();
    if (reads.lastStarted != null) {
      Instant turn = reads.lastStarted.plus(READ_INTERVAL);
      if (!turn.isBefore(deadline)) {
        return false;
      }
      if (now.isBefore(turn)) {
        try {
          pause.pause(Duration.between(now, turn));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return false;
        }
        now = clock.instant();
      }
    }
    if (!now.isBefore(deadline)) {
      return false;
    }
    reads.lastStarted = now;
    return true;
  }

  private String logLine(HealthReport report, String requestId, long durationMs) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", "health-check");
    line.put("requestId", requestId);
    line.put(
        "level", !report.healthy() ? "ERROR" : report.notChecked().isEmpty() ? "INFO" : "WARN");
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
            .rootMembers());
    return Json.write(line);
  }
}
