package dev.dyndns53.activity;

import dev.dyndns53.config.ActivityConfig;
import dev.dyndns53.history.AskedTracker;
import dev.dyndns53.history.HistoryStore;
import dev.dyndns53.history.HistoryStoreException;
import dev.dyndns53.history.HostAsked;
import dev.dyndns53.history.HostEvent;
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
public final class ActivityRecorder implements HostActivity {
  private final ActivityConfig config;
  private final HistoryStore history;
  private final List<Notifier> notifiers;
  private final AskedTracker asked;
  private final SideCallBudget budget;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Consumer<String> log;
  private final String stackName;

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
