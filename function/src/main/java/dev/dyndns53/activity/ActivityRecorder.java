package dev.dyndns53.activity;

import dev.dyndns53.config.ActivityConfig;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.config.UserConfig;
import dev.dyndns53.health.HealthCheck;
import dev.dyndns53.health.HealthProblem;
import dev.dyndns53.history.AskedTracker;
import dev.dyndns53.history.HistoryStore;
import dev.dyndns53.history.HistoryStoreException;
import dev.dyndns53.history.HostActivity;
import dev.dyndns53.history.HostAsked;
import dev.dyndns53.history.HostEvent;
import dev.dyndns53.history.HostSummary;
import dev.dyndns53.json.Json;
import dev.dyndns53.metrics.EmbeddedMetrics;
import dev.dyndns53.notify.Notification;
import dev.dyndns53.notify.Notifier;
import dev.dyndns53.notify.NotifyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Writes the history and sends the notifications of each request, after its answer is decided, on
 * the {@link SideCallBudget}: at most one history call (all of the request's events and "last
 * asked" times in one write) and one call per notifier. A failed or skipped call is logged in one
 * line of its own, with the {@code SideCallFailures} metric that the stack alarms on; it never
 * reaches the router.
 */
public final class ActivityRecorder implements HostActivity, HealthCheck.ExtraCheck {
  private final ActivityConfig config;
  private final HistoryStore history;
  private final List<Notifier> notifiers;
  private final AskedTracker asked;
  private final SideCallBudget budget;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Consumer<String> log;
  private final String stackName;
  // Every configured host with its first user, for the health check's part.
  private final Map<String, String> hosts = new LinkedHashMap<>();

  /**
   * @param notifiers called in order, each with what is left of the budget
   * @param log receives one JSON line per request whose side calls failed or were skipped
   */
  public ActivityRecorder(
      ActivityConfig config,
      HistoryStore history,
      List<Notifier> notifiers,
      AskedTracker asked,
      SideCallBudget budget,
      Clock clock,
      LongSupplier nanoTime,
      Consumer<String> log,
      String stackName) {
    this.config = config;
    this.history = history;
    this.notifiers = List.copyOf(notifiers);
    this.asked = asked;
    this.budget = budget;
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.log = log;
    this.stackName = stackName;
  }

  /** Knows the configured hosts too, for the health check's part ({@link #check}). */
  public ActivityRecorder withHosts(Dyndns53Config dyndns53Config) {
    for (UserConfig user : dyndns53Config.users().values()) {
      user.hosts().forEach(h -> hosts.putIfAbsent(h, user.name()));
    }
    return this;
  }

  @Override
  public void afterUpdate(UpdateActivity activity) {
    Instant now = clock.instant();
    List<HostEvent> events = new ArrayList<>();
    List<HostAsked> askedNow = new ArrayList<>();
    List<Notification> notifications = new ArrayList<>();
    for (HostResult host : activity.hosts()) {
      if (host.changed()) {
        events.add(
            new HostEvent(
                host.host(),
                now,
                HostEvent.Kind.CHANGED,
                host.before(),
                host.after(),
                activity.user(),
                activity.client(),
                sourceAddress(activity.sourceAddress()),
                activity.requestId()));
        notifications.add(
            new Notification(
                host.host(),
                activity.user(),
                Notification.Kind.CHANGED,
                host.before(),
                host.after(),
                now,
                activity.client().map(HostEvent::bounded)));
      }
      if (host.changed() || asked.due(host.host(), now)) {
        askedNow.add(new HostAsked(host.host(), now, activity.user(), activity.client()));
      }
    }
    run(activity.requestStartedNanos(), activity.requestId(), events, askedNow, notifications);
  }

  @Override
  public void afterAcme(AcmeActivity activity) {
    Instant now = clock.instant();
    HostEvent event =
        new HostEvent(
            activity.host(),
            now,
            activity.present() ? HostEvent.Kind.ACME_PRESENT : HostEvent.Kind.ACME_CLEANUP,
            activity.present() ? List.of() : List.of(activity.value()),
            activity.present() ? List.of(activity.value()) : List.of(),
            activity.user(),
            activity.client(),
            sourceAddress(activity.sourceAddress()),
            activity.requestId());
    run(activity.requestStartedNanos(), activity.requestId(), List.of(event), List.of(), List.of());
  }

  /**
   * The health check's part (issue 17): the history table must be readable, and each host whose
   * last request is {@code notify.silentDays} old is announced to its subscribers. The check runs
   * every {@link HealthCheck#RUN_INTERVAL}, so a host is announced on the one run that sees its
   * last request between {@code silentDays} and {@code silentDays} + that interval old: once, with
   * no state to keep. A run that is missed (the schedule failed) misses that host's announcement;
   * the page still shows it.
   */
  @Override
  public List<HealthProblem> check(Instant deadline) {
    List<HealthProblem> problems = new ArrayList<>();
    if (history == HistoryStore.NONE || hosts.isEmpty()) {
      return problems;
    }
    Instant now = clock.instant();
    Map<String, HostSummary> summaries;
    try {
      summaries = history.summaries(hosts.keySet(), timeLeft(now, deadline));
    } catch (HistoryStoreException failed) {
      problems.add(
          new HealthProblem(
              "history table",
              failed.errorCode(),
              "the history table cannot be read ("
                  + failed.getMessage()
                  + "); updates still work, but the status page shows no history and no change is"
                  + " recorded. Check that the stack's table exists and the function may use it"));
      return problems;
    }
    Instant newest = now.minus(Duration.ofDays(config.silentDays()));
    Instant oldest = newest.minus(HealthCheck.RUN_INTERVAL);
    List<Notification> silent = new ArrayList<>();
    for (HostSummary summary : summaries.values()) {
      Optional<Instant> lastAsked = summary.lastAsked();
      if (lastAsked.isPresent()
          && lastAsked.get().isBefore(newest)
          && !lastAsked.get().isBefore(oldest)) {
        silent.add(
            new Notification(
                summary.host(),
                summary.askedBy().orElse(hosts.get(summary.host())),
                Notification.Kind.SILENT,
                summary.addresses(),
                summary.addresses(),
                lastAsked.get(),
                summary.askedClient()));
      }
    }
    for (Notifier notifier : silent.isEmpty() ? List.<Notifier>of() : notifiers) {
      try {
        notifier.send(silent, timeLeft(clock.instant(), deadline));
      } catch (NotifyException failed) {
        problems.add(
            new HealthProblem(
                "notifications",
                failed.errorCode(),
                notifier.getClass().getSimpleName()
                    + " could not announce "
                    + silent.size()
                    + " silent host(s): "
                    + failed.getMessage()));
      }
    }
    return problems;
  }

  private static Duration timeLeft(Instant now, Instant deadline) {
    Duration left = Duration.between(now, deadline);
    return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
  }

  private Optional<String> sourceAddress(Optional<String> source) {
    return config.keepSourceAddress() ? source.map(HostEvent::bounded) : Optional.empty();
  }

  private void run(
      long requestStarted,
      String requestId,
      List<HostEvent> events,
      List<HostAsked> askedNow,
      List<Notification> notifications) {
    SideCallBudget.Clock left = budget.start(requestStarted, nanoTime);
    Map<String, Object> problems = new LinkedHashMap<>();
    if (!events.isEmpty() || !askedNow.isEmpty()) {
      Optional<Duration> time = left.next();
      if (time.isEmpty()) {
        problems.put("history", "skipped: no time left in the request's budget");
      } else {
        try {
          history.record(events, askedNow, time.get());
          askedNow.forEach(a -> asked.written(a.host(), a.at()));
        } catch (HistoryStoreException failed) {
          problems.put("history", failed.errorCode() + ": " + failed.getMessage());
        } catch (RuntimeException unexpected) {
          problems.put("history", "unexpected " + unexpected.getClass().getSimpleName());
        }
      }
    }
    if (!notifications.isEmpty()) {
      for (Notifier notifier : notifiers) {
        String name = notifier.getClass().getSimpleName();
        Optional<Duration> time = left.next();
        if (time.isEmpty()) {
          problems.put(name, "skipped: no time left in the request's budget");
          continue;
        }
        try {
          notifier.send(notifications, time.get());
        } catch (NotifyException failed) {
          problems.put(name, failed.errorCode() + ": " + failed.getMessage());
        } catch (RuntimeException unexpected) {
          problems.put(name, "unexpected " + unexpected.getClass().getSimpleName());
        }
      }
    }
    if (!problems.isEmpty()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("level", "WARN");
      line.put("event", "sideCallsFailed");
      line.put("requestId", requestId);
      line.put("hosts", events.stream().map(HostEvent::host).distinct().toList());
      line.put("problems", problems);
      line.put(
          "note", "the router's answer was sent as usual; history or notifications are missing");
      line.putAll(
          EmbeddedMetrics.at(clock.millis())
              .dimension(EmbeddedMetrics.STACK, stackName)
              .metric(
                  "SideCallFailures",
                  EmbeddedMetrics.Unit.COUNT,
                  problems.size(),
                  EmbeddedMetrics.BY_STACK)
              .rootMembers());
      log.accept(Json.write(line));
    }
  }
}
