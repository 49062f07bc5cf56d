package dev.dyndns53.dyndns2;

import dev.dyndns53.address.IpAddress;
import dev.dyndns53.config.ChangePartitions;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.config.UserConfig;
import dev.dyndns53.envelope.Endpoint;
import dev.dyndns53.envelope.Exchange;
import dev.dyndns53.envelope.Refusal;
import dev.dyndns53.history.HostActivity;
import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.http.HttpRequest;
import dev.dyndns53.log.RequestLog;
import dev.dyndns53.metrics.RequestMetrics;
import dev.dyndns53.records.HostNames;
import dev.dyndns53.records.KnownRecords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dyndns2 update protocol ({@code /nic/update}) over a record store: works out which records
 * each requested host should hold ({@link HostPlan}), writes what changed zone by zone ({@link
 * ZoneWriter}), and answers one line per host. The envelope has authenticated the user and writes
 * the log line. Knows nothing of Lambda, HTTP servers or the AWS SDK.
 */
public final class UpdateService implements Endpoint {
  /** Dyn's limit on host names per request; more is answered {@code numhost}. */
  public static final int MAX_HOSTS = 20;

  private final Dyndns53Config config;
  private final ZoneWriter zones;
  private final HostActivity activity;

  /**
   * @param known this environment's hints of what each host's records hold
   */
  public UpdateService(Dyndns53Config config, KnownRecords known) {
    this(config, known, HostActivity.NONE);
  }

  /**
   * @param activity hears what became of each of the user's hosts, after the answer is decided
   *     (issue 17: history and notifications)
   */
  public UpdateService(Dyndns53Config config, KnownRecords known, HostActivity activity) {
    this.config = config;
    this.zones = new ZoneWriter(known, ChangePartitions.of(config.hosts().values()));
    this.activity = activity;
  }

  @Override
  public boolean authenticated() {
    return true;
  }

  /**
   * Credentials refused: {@code badauth} (or {@code 911} when the passwords could not be read), one
   * line per requested name, as clients pair line i with name i; one line past {@link #MAX_HOSTS}.
   */
  @Override
  public HttpAnswer refused(Refusal refusal, HttpRequest request) {
    int lines = answerLines(UpdateParameters.hostNames(request));
    return refusal == Refusal.UNAVAILABLE
        ? Answers.requestLevel(config.responseStyle(), Dyndns2Token.SERVER_ERROR, lines, false)
        : Answers.requestLevel(
            config.responseStyle(), Dyndns2Token.BADAUTH, lines, refusal == Refusal.MISSING);
  }

  @Override
  public HttpAnswer failed() {
    return Answers.requestLevel(config.responseStyle(), Dyndns2Token.SERVER_ERROR, 1, false);
  }

  @Override
  public Summary summarize(HttpAnswer answer) {
    return new Summary(
        RequestMetrics.answerOf(answer.body()), answer.body().strip().replace('\n', '|'));
  }

  @Override
  public HttpAnswer serve(Exchange exchange) {
    long started = System.nanoTime();
    HttpRequest request = exchange.request();
    RequestLog entry = exchange.log();
    List<String> requested = UpdateParameters.hostNames(request);
    entry.put("hosts", RequestLog.bounded(requested, MAX_HOSTS));
    if (requested.isEmpty()) {
      entry.note("no hostname parameter");
      return Answers.forHosts(
          config.responseStyle(),
          List.of(HostOutcome.of("", Dyndns2Token.NOTFQDN, "no hostname parameter")));
    }
    if (requested.size() > MAX_HOSTS) {
      // Rejected as a whole, in one line, so the answer stays small whatever the request holds.
      entry.note(requested.size() + " host names in one request; at most " + MAX_HOSTS);
      return Answers.requestLevel(config.responseStyle(), Dyndns2Token.NUMHOST, 1, false);
    }

    AddressSelection addresses = AddressSelection.from(request);
    addresses.notes().forEach(entry::note);
    entry.put("addresses", addresses.all().stream().map(IpAddress::toString).toList());
    entry.put("addressFrom", addresses.fromSource() ? "source" : "myip");
    boolean offline =
        request.firstParameter("offline").map(v -> v.equalsIgnoreCase("yes")).orElse(false);
    if (offline) {
      entry.put("offline", true);
    }

    UserConfig user = exchange.requireUser();
    HostOutcome[] outcomes = new HostOutcome[requested.size()];
    Map<String, HostPlan> plans = new LinkedHashMap<>();
    for (int i = 0; i < requested.size(); i++) {
      String name = requested.get(i);
      HostNames.Checked checked = HostNames.check(name);
      Optional<String> canonical = Optional.ofNullable(checked.canonical());
      if (canonical.isEmpty()) {
        outcomes[i] =
            HostOutcome.of(
                name,
                Dyndns2Token.NOTFQDN,
                "not a fully qualified host name: " + checked.refusal());
      } else if (!user.mayUpdate(canonical.get())) {
        outcomes[i] = HostOutcome.of(name, Dyndns2Token.NOHOST, "not one of this user's hosts");
      } else {
        plans.computeIfAbsent(
            canonical.get(),
            host -> new HostPlan(config.host(host).orElseThrow(), addresses, offline));
      }
    }

    Map<String, List<HostPlan>> byZone = new LinkedHashMap<>();
    for (HostPlan plan : plans.values()) {
      if (plan.outcome == null) {
        byZone.computeIfAbsent(plan.host.zoneId(), zone -> new ArrayList<>()).add(plan);
      }
    }
    byZone.forEach(
        (zoneId, zonePlans) -> zones.write(zoneId, zonePlans, exchange.records(), entry));

    List<Map<String, Object>> perHost = new ArrayList<>();
    for (int i = 0; i < requested.size(); i++) {
      if (outcomes[i] == null) {
        HostPlan plan = plans.get(HostNames.canonical(requested.get(i)).orElseThrow());
        outcomes[i] = plan.outcome.withHost(requested.get(i));
      }
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("host", RequestLog.bounded(requested.get(i)));
      line.put("answer", outcomes[i].line());
      line.put("reason", outcomes[i].reason());
      perHost.add(line);
      if (outcomes[i].token().retryLater()) {
        entry.put("level", "ERROR");
      }
    }
    entry.put("outcomes", perHost);
    // Issue 17 hook: history and notifications, once Route 53 has accepted the changes.
    activity.afterUpdate(HostActivities.ofUpdate(request, user.name(), plans.values(), started));
    return Answers.forHosts(config.responseStyle(), List.of(outcomes));
  }

  /** How many lines a request-level answer has: one per name, but one past the limit. */
  private static int answerLines(List<String> requested) {
    return requested.size() > MAX_HOSTS ? 1 : Math.max(1, requested.size());
  }
}
