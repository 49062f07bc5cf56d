package dev.dyndns53.status;

import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.config.HostConfig;
import dev.dyndns53.envelope.Endpoint;
import dev.dyndns53.envelope.Exchange;
import dev.dyndns53.envelope.Refusal;
import dev.dyndns53.history.HistoryStore;
import dev.dyndns53.history.HistoryStoreException;
import dev.dyndns53.history.HostEvent;
import dev.dyndns53.history.HostSummary;
import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.http.HttpRequest;
import dev.dyndns53.log.RequestLog;
import dev.dyndns53.records.CallCounter;
import dev.dyndns53.records.RecordSet;
import dev.dyndns53.records.RecordStore;
import dev.dyndns53.records.RecordStoreException;
import dev.dyndns53.records.RecordType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /status}: a user's hosts with the addresses Route 53 holds now, their history and
 * pending ACME challenges, as a page ({@link StatusPage}) or as JSON. An {@link Endpoint} behind
 * the envelope, so the same Basic auth, log line and metrics as updates; a user with {@code
 * "admin": true} sees every host. Knows nothing of Lambda or the SDK.
 *
 * <p>Reloading must not use up Route 53's 5 calls per second per account: a view reads at most
 * {@value #MAX_ZONE_READS} zones (one listing each, as updates read them), and what it read is kept
 * for {@link #ROUTE53_CACHE} per user. Hosts of further zones show their last change from the
 * history, marked as such.
 */
public final class StatusService implements Endpoint {
  /** Zones read from Route 53 per view: each is one ListResourceRecordSets call up to 300 sets. */
  public static final int MAX_ZONE_READS = 3;

  /** How long one user's Route 53 reads are reused. */
  public static final Duration ROUTE53_CACHE = Duration.ofSeconds(30);

  /** Hosts whose timeline is read (one DynamoDB query each); further hosts show none. */
  public static final int MAX_TIMELINES = 50;

  /** Events per timeline, the newest kept. */
  public static final int MAX_EVENTS = 200;

  // A pending challenge older than this was abandoned; lego cleans up within minutes.
  private static final Duration ACME_PENDING = Duration.ofDays(1);
  private static final Duration HISTORY_TIMEOUT = Duration.ofSeconds(2);

  private final Dyndns53Config config;
  private final HistoryStore history;
  private final Clock clock;
  private final Map<String, CachedRead> route53Cache = new ConcurrentHashMap<>();

  /**
   * @param history the history table, or {@link HistoryStore#NONE}
   * @param clock for the history window and the Route 53 cache
   */
  public StatusService(Dyndns53Config config, HistoryStore history, Clock clock) {
    this.config = config;
    this.history = history;
    this.clock = clock;
  }

  private record CachedRead(Instant at, Map<String, List<String>> addresses) {}

  @Override
  public boolean authenticated() {
    return true;
  }

  @Override
  public HttpAnswer serve(Exchange exchange) {
    RequestLog entry = exchange.log();
    StatusView view = view(exchange.requireUser().name(), exchange.records(), entry);
    entry.put("hosts", view.hosts().size());
    Map<String, String> headers = new LinkedHashMap<>(StatusPage.SECURITY_HEADERS);
    if (exchange
        .request()
        .header("Accept")
        .map(a -> a.contains("application/json"))
        .orElse(false)) {
      headers.put("Content-Type", "application/json; charset=utf-8");
      return new HttpAnswer(200, headers, StatusPage.json(view));
    }
    headers.put("Content-Type", "text/html; charset=utf-8");
    return new HttpAnswer(200, headers, StatusPage.html(view));
  }

  /**
   * Missing, malformed or wrong credentials, or an unknown user: asked to log in, alike. Browsers
   * ask for the router's user and password on this challenge.
   */
  @Override
  public HttpAnswer refused(Refusal refusal, HttpRequest request) {
    if (refusal == Refusal.UNAVAILABLE) {
      return text(503, "the service cannot check passwords right now; try again later\n");
    }
    Map<String, String> headers = new LinkedHashMap<>(StatusPage.SECURITY_HEADERS);
    headers.put("Content-Type", "text/plain; charset=utf-8");
    headers.put("WWW-Authenticate", "Basic realm=\"dyndns53 status\", charset=\"UTF-8\"");
    return new HttpAnswer(401, headers, "log in with your dyndns53 user and password\n");
  }

  @Override
  public HttpAnswer failed() {
    return text(500, "server error; try again later\n");
  }

  /** In the metrics as the update path's tokens: shown, refused, or try again later. */
  @Override
  public Summary summarize(HttpAnswer answer) {
    String token = answer.status() == 200 ? "good" : answer.status() == 401 ? "badauth" : "911";
    return new Summary(token, null);
  }

  /** Gathers what the user may see. */
  StatusView view(String user, RecordStore records, RequestLog entry) {
    Instant now = clock.instant();
    Instant since = now.minus(Duration.ofDays(config.activity().historyDays()));
    boolean admin = config.activity().user(user).admin();
    List<String> names =
        admin ? List.copyOf(config.hosts().keySet()) : config.user(user).orElseThrow().hosts();

    // The envelope counts these calls for the log line too; this count is the view's own.
    CallCounter calls = new CallCounter();
    Map<String, List<String>> current =
        route53(user, names, now, records.countingCallsIn(calls), entry);

    Map<String, HostSummary> summaries = Map.of();
    try {
      summaries = history.summaries(names, HISTORY_TIMEOUT);
    } catch (HistoryStoreException failed) {
      entry.put("historyError", failed.errorCode());
    }
    List<StatusView.HostView> hosts = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      HostSummary summary = summaries.getOrDefault(name, HostSummary.unknown(name));
      List<HostEvent> events = List.of();
      if (i < MAX_TIMELINES) {
        try {
          events = history.events(name, since, MAX_EVENTS, HISTORY_TIMEOUT);
        } catch (HistoryStoreException failed) {
          entry.put("historyError", failed.errorCode());
        }
      }
      List<String> addresses;
      StatusView.Source source;
      if (current.containsKey(name)) {
        addresses = current.get(name);
        source = StatusView.Source.ROUTE53;
      } else if (summary.lastChanged().isPresent()) {
        addresses = summary.addresses();
        source = StatusView.Source.HISTORY;
      } else {
        addresses = List.of();
        source = StatusView.Source.UNKNOWN;
      }
      hosts.add(
          new StatusView.HostView(
              name,
              addresses,
              source,
              summary.lastChanged(),
              summary.lastAsked(),
              summary.askedClient(),
              pendingAcme(events, now),
              events.stream()
                  .filter(e -> e.kind() == HostEvent.Kind.CHANGED)
                  .map(e -> new StatusView.Change(e.at(), e.after(), e.client()))
                  .toList()));
    }
    return new StatusView(user, admin, now, since, calls.count(), hosts);
  }

  /**
   * The hosts' current addresses: from the user's cache when fresh, else from at most {@link
   * #MAX_ZONE_READS} zone reads; hosts of zones past that (or whose read failed) are absent.
   */
  private Map<String, List<String>> route53(
      String user, List<String> names, Instant now, RecordStore records, RequestLog entry) {
    CachedRead cached = route53Cache.get(user);
    if (cached != null && now.isBefore(cached.at().plus(ROUTE53_CACHE))) {
      entry.put("route53Cache", "hit");
      return cached.addresses();
    }
    Map<String, List<String>> byZone = new LinkedHashMap<>();
    for (String name : names) {
      HostConfig host = config.host(name).orElseThrow();
      byZone.computeIfAbsent(host.zoneId(), z -> new ArrayList<>()).add(name);
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    int zonesRead = 0;
    Set<String> notRead = new LinkedHashSet<>();
    for (Map.Entry<String, List<String>> zone : byZone.entrySet()) {
      if (zonesRead == MAX_ZONE_READS) {
        notRead.add(zone.getKey());
        continue;
      }
      zonesRead++;
      try {
        Map<String, Map<RecordType, RecordSet>> read = records.read(zone.getKey(), zone.getValue());
        for (String name : zone.getValue()) {
          List<String> addresses = new ArrayList<>();
          Map<RecordType, RecordSet> sets = read.getOrDefault(name, Map.of());
          for (RecordType type : RecordType.values()) {
            if (sets.containsKey(type)) {
              addresses.addAll(sets.get(type).values());
            }
          }
          out.put(name, addresses);
        }
      } catch (RecordStoreException failed) {
        entry.put("route53Error", failed.errorCode());
      }
    }
    if (!notRead.isEmpty()) {
      entry.put("zonesNotRead", notRead.size());
    }
    route53Cache.put(user, new CachedRead(now, Map.copyOf(out)));
    return out;
  }

  /** Challenge values presented within a day and not cleaned up since. */
  private static List<String> pendingAcme(List<HostEvent> events, Instant now) {
    Map<String, Instant> pending = new LinkedHashMap<>();
    for (HostEvent event : events) {
      if (event.kind() == HostEvent.Kind.ACME_PRESENT) {
        event.after().forEach(v -> pending.put(v, event.at()));
      } else if (event.kind() == HostEvent.Kind.ACME_CLEANUP) {
        event.before().forEach(pending::remove);
      }
    }
    List<String> values = new ArrayList<>();
    pending.forEach(
        (value, at) -> {
          if (at.isAfter(now.minus(ACME_PENDING))) {
            values.add(value);
          }
        });
    return values;
  }

  /** Forgets every cached Route 53 read, as after a SnapStart restore. */
  public void forgetCachedState() {
    route53Cache.clear();
  }

  private static HttpAnswer text(int status, String body) {
    Map<String, String> headers = new LinkedHashMap<>(StatusPage.SECURITY_HEADERS);
    headers.put("Content-Type", "text/plain; charset=utf-8");
    return new HttpAnswer(status, headers, body);
  }

  /** The zone reads not made because of {@link #MAX_ZONE_READS}: for the page's note. */
  static Optional<String> limitNote(StatusView view) {
    long fromHistory =
        view.hosts().stream().filter(h -> h.source() == StatusView.Source.HISTORY).count();
    return fromHistory == 0
        ? Optional.empty()
        : Optional.of(
            fromHistory
                + " host(s) show their last change from the history, not a read of Route 53:"
                + " a page reads at most "
                + MAX_ZONE_READS
                + " zones");
  }
}
