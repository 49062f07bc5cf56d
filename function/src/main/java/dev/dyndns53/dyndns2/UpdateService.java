package dev.dyndns53.dyndns2;

import dev.dyndns53.activity.HostActivity;
import dev.dyndns53.config.ChangePartition;
import dev.dyndns53.config.ChangePartitions;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.config.HostConfig;
import dev.dyndns53.credentials.Authenticator;
import dev.dyndns53.credentials.BasicCredentials;
import dev.dyndns53.credentials.CredentialStoreException;
import dev.dyndns53.credentials.UserPasswords;
import dev.dyndns53.metrics.EmbeddedMetrics;
import dev.dyndns53.metrics.RequestMetrics;
import dev.dyndns53.records.CallCounter;
import dev.dyndns53.records.HostNames;
import dev.dyndns53.records.KnownRecords;
import dev.dyndns53.records.RecordChange;
import dev.dyndns53.records.RecordSet;
import dev.dyndns53.records.RecordStore;
import dev.dyndns53.records.RecordStoreException;
import dev.dyndns53.records.RecordType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The dyndns2 update protocol over a record store: authenticates the user, works out which records
 * each requested host should hold, writes what changed, and answers one line per host. Knows
 * nothing of Lambda, HTTP servers or the AWS SDK.
 */
public final class UpdateService {
  /** Dyn's limit on host names per request; more is answered {@code numhost}. */
  public static final int MAX_HOSTS = 20;

  private final Dyndns53Config config;
  private final Authenticator authenticator;
  private final RecordStore store;
  private final KnownRecords known;
  private final Consumer<String> log;
  private final ChangePartitions partitions;
  private final RequestMetrics metrics;
  private final HostActivity activity;

  /**
   * A service whose log lines carry metrics for the default stack name, {@value
   * EmbeddedMetrics#DEFAULT_STACK_NAME}.
   *
   * @param log receives one JSON line per request
   */
  public UpdateService(
      Dyndns53Config config,
      Authenticator authenticator,
      RecordStore store,
      KnownRecords known,
      Consumer<String> log) {
    this(
        config,
        authenticator,
        store,
        known,
        log,
        new RequestMetrics(EmbeddedMetrics.DEFAULT_STACK_NAME, Clock.systemUTC()));
  }

  /**
   * @param log receives one JSON line per request
   * @param metrics adds the request's metrics to that line
   */
  public UpdateService(
      Dyndns53Config config,
      Authenticator authenticator,
      RecordStore store,
      KnownRecords known,
      Consumer<String> log,
      RequestMetrics metrics) {
    this(config, authenticator, store, known, log, metrics, HostActivity.NONE);
  }

  /**
   * @param activity hears what became of each of the user's hosts, after the answer is decided
   *     (issue 17: history and notifications)
   */
  public UpdateService(
      Dyndns53Config config,
      Authenticator authenticator,
      RecordStore store,
      KnownRecords known,
      Consumer<String> log,
      RequestMetrics metrics,
      HostActivity activity) {
    this.activity = activity;
    this.config = config;
    this.authenticator = authenticator;
    this.store = store;
    this.known = known;
    this.log = log;
    this.partitions = ChangePartitions.of(config.hosts().values());
    this.metrics = metrics;
  }

  /** Handles one request. Never throws: every failure becomes an answer and a log line. */
  public UpdateAnswer handle(UpdateRequest request) {
    long started = System.nanoTime();
    CallCounter route53Calls = new CallCounter();
    RequestLog entry = new RequestLog();
    // Every value below but the service's own comes from the client (or, for a direct invoke,
    // whoever invoked the function), so each is cut to a bound before it reaches the log.
    entry.putClientText("requestId", request.requestId());
    entry.putClientText("method", request.method());
    entry.putClientText("source", request.sourceAddress());
    entry.putClientText("userAgent", request.header("User-Agent").orElse(null));
    request.translationNotes().forEach(entry::note);
    UpdateAnswer answer;
    try {
      answer = process(request, entry, store.countingCallsIn(route53Calls), started);
    } catch (RuntimeException unexpected) {
      // A bug, not an AWS failure (those are mapped where they happen). The client may retry.
      entry.put("level", "ERROR");
      entry.put("error", unexpected.getClass().getName());
      entry.note(
          "unexpected failure: "
              + unexpected.getClass().getSimpleName()
              + (unexpected.getStackTrace().length > 0
                  ? " at " + unexpected.getStackTrace()[0]
                  : ""));
      answer = Answers.requestLevel(config.responseStyle(), Dyndns2Token.SERVER_ERROR, 1, false);
    }
    entry.put("status", answer.status());
    entry.put("answer", answer.body().strip().replace('\n', '|'));
    entry.put("route53Calls", route53Calls.count());
    entry.put("latencyMs", (System.nanoTime() - started) / 1_000_000);
    metrics
        .rootMembers(answer.body(), entry.number("route53Calls"), entry.number("latencyMs"))
        .forEach(entry::put);
    log.accept(entry.toJson());
    return answer;
  }

  /**
   * Answers a request the entry point could not even read, with {@code 911} (the fault is ours, not
   * the client's) and one log line naming the failure.
   */
  public UpdateAnswer unreadable(String requestId, RuntimeException failure) {
    RequestLog entry = new RequestLog();
    entry.putClientText("requestId", requestId);
    entry.put("level", "ERROR");
    entry.put("error", failure.getClass().getName());
    entry.note(
        "the entry point could not read the request: "
            + failure.getClass().getSimpleName()
            + (failure.getStackTrace().length > 0 ? " at " + failure.getStackTrace()[0] : ""));
    UpdateAnswer answer =
        Answers.requestLevel(config.responseStyle(), Dyndns2Token.SERVER_ERROR, 1, false);
    entry.put("status", answer.status());
    entry.put("answer", answer.body().strip());
    entry.put("route53Calls", 0);
    entry.put("latencyMs", 0);
    metrics.rootMembers(answer.body(), 0, 0).forEach(entry::put);
    log.accept(entry.toJson());
    return answer;
  }

  /**
   * @param store the record store, counting this request's calls
   */
  private UpdateAnswer process(
      UpdateRequest request, RequestLog entry, RecordStore store, long started) {
    String method = request.method().toUpperCase(Locale.ROOT);
    if (!method.equals("GET") && !method.equals("POST")) {
      entry.note("method " + RequestLog.bounded(method) + " is not served; use GET or POST");
      return UpdateAnswer.of(GatewayAnswer.UNKNOWN_PATH);
    }
    List<String> requested = requestedHosts(request);
    // One line per name, as clients pair line i with name i; but a request past the limit is
    // rejected as a whole, in one line, so the answer stays small whatever the request holds.
    int lines = requested.size() > MAX_HOSTS ? 1 : Math.max(1, requested.size());

    BasicCredentials.Parsed parsed =
        BasicCredentials.parse(request.header("Authorization").orElse(null));
    if (parsed.credentials().isEmpty()) {
      entry.put("auth", "rejected");
      entry.note("credentials missing or malformed (" + parsed.problem().orElseThrow() + ")");
      boolean missing = parsed.problem().get() == BasicCredentials.Problem.MISSING;
      return Answers.requestLevel(config.responseStyle(), Dyndns2Token.BADAUTH, lines, missing);
    }
    BasicCredentials credentials = parsed.credentials().get();
    boolean configuredUser = config.user(credentials.user()).isPresent();
    // Only configured names reach the log: an unknown "user" may be a password typed in the
    // wrong field.
    entry.put("user", configuredUser ? credentials.user() : "(not a configured user)");
    Authenticator.Verdict verdict;
    try {
      verdict = authenticator.check(credentials);
    } catch (CredentialStoreException unavailable) {
      // Every name reaches this point alike (all users' passwords are read together), so an
      // outage answers 911 to a configured and an unknown name alike.
      entry.put("level", "ERROR");
      entry.put("credentialStoreError", unavailable.errorCode());
      entry.note(
          "could not read the users' passwords ("
              + unavailable.errorCode()
              + "); answered 911 so the client retries instead of treating it as a wrong password");
      return Answers.requestLevel(config.responseStyle(), Dyndns2Token.SERVER_ERROR, lines, false);
    }
    if (!verdict.accepted()) {
      entry.put("auth", "rejected");
      switch (verdict.result()) {
        case SECRET_UNAVAILABLE -> {
          // The client is answered as for an unknown name; only the operator learns why.
          UserPasswords.SecretProblem problem = verdict.secretProblem().orElseThrow();
          entry.put("level", "ERROR");
          entry.put("secretProblem", problem.code());
          entry.note(
              "this configured user's secret is missing or unreadable ("
                  + problem.code()
                  + ": "
                  + problem.message()
                  + "); answered badauth as for an unknown user");
        }
        case UNKNOWN_USER -> entry.note("unknown user");
        default -> entry.note("wrong password");
      }
      return Answers.requestLevel(config.responseStyle(), Dyndns2Token.BADAUTH, lines, false);
    }
    entry.put("auth", "ok");
    entry.put("hosts", RequestLog.bounded(requested, MAX_HOSTS));

    if (requested.isEmpty()) {
      entry.note("no hostname parameter");
      return Answers.forHosts(
          config.responseStyle(),
          List.of(HostOutcome.of("", Dyndns2Token.NOTFQDN, "no hostname parameter")));
    }
    if (requested.size() > MAX_HOSTS) {
      entry.note(requested.size() + " host names in one request; at most " + MAX_HOSTS);
      return Answers.requestLevel(config.responseStyle(), Dyndns2Token.NUMHOST, lines, false);
    }

    AddressSelection addresses =
        AddressSelection.from(
            request.parameter("myip"), request.parameter("myipv6"), request.sourceAddress());
    addresses.notes().forEach(entry::note);
    entry.put("addresses", addresses.all().stream().map(IpAddress::toString).toList());
    entry.put("addressFrom", addresses.fromSource() ? "source" : "myip");
    boolean offline =
        request.firstParameter("offline").map(v -> v.equalsIgnoreCase("yes")).orElse(false);
    if (offline) {
      entry.put("offline", true);
    }

    String user = credentials.user();
    HostOutcome[] outcomes = new HostOutcome[requested.size()];
    Map<String, HostUpdate> updates = new LinkedHashMap<>();
    for (int i = 0; i < requested.size(); i++) {
      String name = requested.get(i);
      Optional<String> canonical = HostNames.canonical(name);
      if (canonical.isEmpty()) {
        outcomes[i] = HostOutcome.of(name, Dyndns2Token.NOTFQDN, "not a fully qualified host name");
      } else if (!config.user(user).orElseThrow().mayUpdate(canonical.get())) {
        outcomes[i] = HostOutcome.of(name, Dyndns2Token.NOHOST, "not one of this user's hosts");
      } else {
        updates.computeIfAbsent(
            canonical.get(),
            host -> new HostUpdate(config.host(host).orElseThrow(), addresses, offline));
      }
    }

    Map<String, List<HostUpdate>> byZone = new LinkedHashMap<>();
    for (HostUpdate update : updates.values()) {
      if (update.outcome == null) {
        byZone.computeIfAbsent(update.host.zoneId(), zone -> new ArrayList<>()).add(update);
      }
    }
    byZone.forEach((zoneId, zoneUpdates) -> updateZone(zoneId, zoneUpdates, store, entry));

    List<Map<String, Object>> perHost = new ArrayList<>();
    for (int i = 0; i < requested.size(); i++) {
      if (outcomes[i] == null) {
        HostUpdate update = updates.get(HostNames.canonical(requested.get(i)).orElseThrow());
        outcomes[i] = update.outcome.withHost(requested.get(i));
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
    activity.afterUpdate(activityOf(request, user, updates.values(), started));
    return Answers.forHosts(config.responseStyle(), List.of(outcomes));
  }

  /** Issue 17: what became of each of the user's hosts, for {@link HostActivity}. */
  private static HostActivity.UpdateActivity activityOf(
      UpdateRequest request, String user, java.util.Collection<HostUpdate> updates, long started) {
    List<HostActivity.HostResult> hosts = new ArrayList<>();
    for (HostUpdate update : updates) {
      boolean changed = update.outcome.token() == Dyndns2Token.GOOD;
      hosts.add(
          new HostActivity.HostResult(
              update.host.name(),
              changed,
              addressesOf(update.before),
              changed ? addressesOf(update.after) : List.of()));
    }
    return new HostActivity.UpdateActivity(
        started,
        request.requestId(),
        user,
        request.header("User-Agent"),
        Optional.ofNullable(request.sourceAddress()),
        hosts);
  }

  private static List<String> addressesOf(Map<RecordType, RecordSet> records) {
    List<String> addresses = new ArrayList<>();
    if (records != null) {
      for (RecordType type : RecordType.values()) {
        RecordSet set = records.get(type);
        if (set != null) {
          addresses.addAll(set.values());
        }
      }
    }
    return addresses;
  }

  private static List<String> requestedHosts(UpdateRequest request) {
    List<String> names = new ArrayList<>();
    for (String value : request.parameter("hostname")) {
      for (String name : value.split(",", -1)) {
        // trim, not strip: only ASCII blanks are cut, so a name padded with another script's
        // space stays non-ASCII and is answered notfqdn.
        String trimmed = name.trim();
        if (!trimmed.isEmpty()) {
          names.add(trimmed);
        }
      }
    }
    return names;
  }

  /**
   * Plans every host of one zone, then writes their changes in one atomic batch per {@link
   * ChangePartition}: at most the listings that cover the hosts (one, when they lie within 300
   * record sets of the zone) and one write per partition (one, when the zone's hosts share their
   * record types).
   *
   * <p>A host is planned without a read only when this environment's {@link KnownRecords} hint says
   * its records differ from the addresses asked for: then every wanted type is UPSERTed (also those
   * the hint says already match, since another environment may have changed them), so {@code good}
   * is true whatever Route 53 held. Otherwise the host is read, and {@code nochg} comes only from
   * that read.
   *
   * <p>The trade-off of skipping the read: a record set changed outside dyndns53 within the hint's
   * window is not seen before the write. A plain set with several values, or an alias, is replaced
   * by the UPSERT, where a read would have answered {@code conflict} and left it alone; that is the
   * price of one call instead of two per change, bounded by {@code cache.recordStateSeconds}
   * ({@code 0} reads before every write). A routing-policy set makes Route 53 refuse the batch;
   * then the hinted hosts are read and planned again, so they are answered {@code conflict} from
   * what is really there, and the zone's other hosts are still written.
   */
  private void updateZone(
      String zoneId, List<HostUpdate> updates, RecordStore store, RequestLog entry) {
    List<HostUpdate> toRead = new ArrayList<>();
    for (HostUpdate update : updates) {
      if (!update.planFromHint(known.fresh(update.host.name()))) {
        toRead.add(update);
      }
    }
    readAndPlan(zoneId, toRead, store, entry);
    // The role may change a set of names only within one IAM statement, one per partition.
    Map<ChangePartition, List<HostUpdate>> byPartition = new LinkedHashMap<>();
    for (HostUpdate update : updates) {
      byPartition
          .computeIfAbsent(partitions.of(update.host.name()).orElseThrow(), p -> new ArrayList<>())
          .add(update);
    }
    byPartition
        .values()
        .forEach(batchUpdates -> writePartition(zoneId, batchUpdates, store, entry));
  }

  /**
   * Writes the changes of one partition's hosts as one batch; when Route 53 refuses a batch that
   * was planned without reading some of them, reads those and tries once more.
   */
  private void writePartition(
      String zoneId, List<HostUpdate> updates, RecordStore store, RequestLog entry) {
    try {
      write(zoneId, updates, store);
    } catch (RecordStoreException failed) {
      List<HostUpdate> hinted =
          updates.stream().filter(u -> u.outcome == null && u.fromHint).toList();
      if (failed.kind() != RecordStoreException.Kind.REJECTED || hinted.isEmpty()) {
        failPending(updates, failed, entry);
        return;
      }
      entry.note(
          "Route 53 refused a batch planned without reading "
              + hinted.size()
              + " host(s) ("
              + failed.errorCode()
              + "); read them and tried once more");
      hinted.forEach(HostUpdate::unplan);
      readAndPlan(zoneId, hinted, store, entry);
      try {
        write(zoneId, updates, store);
      } catch (RecordStoreException failedAgain) {
        failPending(updates, failedAgain, entry);
      }
    }
  }

  /** Reads the hosts' current record sets in one read of the zone, and plans each from them. */
  private void readAndPlan(
      String zoneId, List<HostUpdate> updates, RecordStore store, RequestLog entry) {
    if (updates.isEmpty()) {
      return;
    }
    List<String> names = updates.stream().map(u -> u.host.name()).toList();
    List<KnownRecords.Observation> observations = names.stream().map(known::begin).toList();
    Map<String, Map<RecordType, RecordSet>> read;
    try {
      read = store.read(zoneId, names);
    } catch (RecordStoreException failed) {
      observations.forEach(KnownRecords.Observation::forget);
      updates.forEach(update -> update.fail(failed, "reading", entry));
      return;
    }
    for (int i = 0; i < updates.size(); i++) {
      Map<RecordType, RecordSet> current = read.get(names.get(i));
      observations.get(i).remember(current);
      updates.get(i).plan(current);
    }
  }

  /**
   * Writes the changes of every host still pending as one batch, and remembers what each then
   * holds. Throws, having forgotten those hosts, when the batch was not accepted.
   */
  private void write(String zoneId, List<HostUpdate> updates, RecordStore store) {
    List<HostUpdate> pending = updates.stream().filter(u -> u.outcome == null).toList();
    List<RecordChange> batch = new ArrayList<>();
    pending.forEach(update -> batch.addAll(update.changes));
    if (batch.isEmpty()) {
      return;
    }
    List<KnownRecords.Observation> observations =
        pending.stream().map(u -> known.begin(u.host.name())).toList();
    try {
      store.apply(zoneId, batch);
    } catch (RecordStoreException failed) {
      observations.forEach(KnownRecords.Observation::forget);
      throw failed;
    }
    for (int i = 0; i < pending.size(); i++) {
      observations.get(i).remember(pending.get(i).after);
      pending.get(i).succeed();
    }
  }

  private static void failPending(
      List<HostUpdate> updates, RecordStoreException failed, RequestLog entry) {
    for (HostUpdate update : updates) {
      if (update.outcome == null) {
        update.fail(failed, "writing", entry);
      }
    }
  }

  /** What one configured host should become, and then what became of it. */
  private static final class HostUpdate {
    final HostConfig host;
    final Map<RecordType, IpAddress> wanted = new EnumMap<>(RecordType.class);
    final boolean offline;
    final List<RecordChange> changes = new ArrayList<>();
    // Values of the request this host does not use, and how its AAAA address was made from a
    // prefix: both go into the log's reason for this host's answer.
    final List<String> ignored = new ArrayList<>();
    String derivation;
    Map<RecordType, RecordSet> after;
    // Issue 17: what the plan started from, for the history.
    Map<RecordType, RecordSet> before;

    /** Planned from this environment's hint rather than a read of Route 53. */
    boolean fromHint;

    HostOutcome outcome;

    HostUpdate(HostConfig host, AddressSelection addresses, boolean offline) {
      this.host = host;
      this.offline = offline;
      if (offline) {
        return;
      }
      List<IpAddress> candidates = new ArrayList<>(2);
      addresses.v4().ifPresent(candidates::add);
      ipv6Address(addresses).ifPresent(candidates::add);
      if (outcome != null) {
        return;
      }
      for (IpAddress address : candidates) {
        if (!host.allows(address.recordType())) {
          ignored.add(
              address + " (" + address.recordType() + " records are not enabled for this host)");
          continue;
        }
        if (!address.isPublic() && !host.allowNonPublic()) {
          outcome =
              HostOutcome.of(
                  host.name(),
                  Dyndns2Token.BADAGENT,
                  address
                      + (address.isV4() || derivation == null ? "" : " (" + derivation + ")")
                      + " is not a public address; set \"allowNonPublic\": true for this host to accept it");
          return;
        }
        wanted.put(address.recordType(), address);
      }
      if (wanted.isEmpty()) {
        outcome =
            HostOutcome.of(
                host.name(),
                Dyndns2Token.BADAGENT,
                addresses.isEmpty()
                    ? "no address in the request and no source address"
                    : "no address this host accepts: " + String.join(", ", ignored));
      }
    }

    /**
     * The IPv6 address for this host: the request's, or for a host with an interface id (a LAN host
     * behind the router), the request's prefix plus that id. A bare prefix is never written as an
     * address: {@code 2001:db8:20:1::} is the LAN's subnet-router anycast address, no host.
     */
    private Optional<IpAddress> ipv6Address(AddressSelection addresses) {
      if (host.ipv6InterfaceId().isEmpty()) {
        if (addresses.v6().isEmpty() && addresses.v6Prefix().isPresent()) {
          ignored.add(
              addresses.v6Prefix().get()
                  + (host.allows(RecordType.AAAA)
                      ? " (a prefix, not an address; give this host \"ipv6InterfaceId\" to follow the prefix)"
                      : " (AAAA records are not enabled for this host)"));
        }
        return addresses.v6();
      }
      if (addresses.v6Prefix().isEmpty()) {
        return Optional.empty();
      }
      Ipv6Prefix prefix = addresses.v6Prefix().get();
      IpAddress interfaceId = host.ipv6InterfaceId().get();
      Optional<IpAddress> address = prefix.withInterfaceId(interfaceId);
      if (address.isEmpty()) {
        outcome =
            HostOutcome.of(
                host.name(),
                Dyndns2Token.BADAGENT,
                "the interface id "
                    + interfaceId
                    + " does not fit in the "
                    + (128 - prefix.length())
                    + " bits the prefix "
                    + prefix
                    + " leaves; send this host a prefix of /64 or shorter");
        return Optional.empty();
      }
      derivation = "AAAA from prefix " + prefix + " + interface id " + interfaceId;
      return address;
    }

    /**
     * Plans from what this environment last saw of the host when that can only lead to a write, and
     * says whether it did: not when there is no hint, when the host goes offline (a DELETE must
     * match Route 53's set exactly), when the hint shows a set dyndns53 does not write (a conflict
     * is answered from a read), or when it shows the addresses already there ({@code nochg} is
     * answered from a read).
     */
    boolean planFromHint(Optional<Map<RecordType, RecordSet>> hint) {
      if (hint.isEmpty() || offline) {
        return false;
      }
      boolean differs = false;
      for (Map.Entry<RecordType, IpAddress> want : wanted.entrySet()) {
        RecordSet existing = hint.get().get(want.getKey());
        if (existing != null && !existing.ownShape()) {
          return false;
        }
        differs |= !holds(existing, want.getValue());
      }
      if (!differs) {
        return false;
      }
      before = hint.get();
      after = new EnumMap<>(RecordType.class);
      after.putAll(hint.get());
      for (Map.Entry<RecordType, IpAddress> want : wanted.entrySet()) {
        RecordSet record = RecordSet.single(want.getKey(), host.ttl(), want.getValue().toString());
        changes.add(new RecordChange(RecordChange.Action.UPSERT, host.name(), record));
        after.put(want.getKey(), record);
      }
      fromHint = true;
      return true;
    }

    /** Drops a plan made from a hint, so that the host can be planned again from a read. */
    void unplan() {
      changes.clear();
      after = null;
      fromHint = false;
    }

    private boolean holds(RecordSet existing, IpAddress address) {
      return existing != null
          && existing.ttl() == host.ttl()
          && IpAddress.parse(existing.values().get(0)).equals(Optional.of(address));
    }

    void plan(Map<RecordType, RecordSet> current) {
      before = current;
      after = new EnumMap<>(RecordType.class);
      after.putAll(current);
      if (offline) {
        planOffline(current);
        return;
      }
      for (Map.Entry<RecordType, IpAddress> want : wanted.entrySet()) {
        RecordType type = want.getKey();
        RecordSet existing = current.get(type);
        if (existing != null && !existing.ownShape()) {
          outcome = conflict(type, existing);
          return;
        }
        if (!holds(existing, want.getValue())) {
          RecordSet record = RecordSet.single(type, host.ttl(), want.getValue().toString());
          changes.add(new RecordChange(RecordChange.Action.UPSERT, host.name(), record));
          after.put(type, record);
        }
      }
      if (changes.isEmpty()) {
        outcome =
            new HostOutcome(
                host.name(),
                Dyndns2Token.NOCHG,
                addressTexts(),
                "records already hold these addresses with TTL " + host.ttl() + detail());
      }
    }

    private void planOffline(Map<RecordType, RecordSet> current) {
      for (RecordType type : RecordType.values()) {
        RecordSet existing = current.get(type);
        if (existing == null || !host.allows(type)) {
          continue;
        }
        if (!existing.ownShape()) {
          outcome = conflict(type, existing);
          return;
        }
        changes.add(new RecordChange(RecordChange.Action.DELETE, host.name(), existing));
        after.remove(type);
      }
      if (changes.isEmpty()) {
        outcome =
            HostOutcome.of(
                host.name(), Dyndns2Token.NOCHG, "offline: no address records to remove");
      }
    }

    private HostOutcome conflict(RecordType type, RecordSet existing) {
      return new HostOutcome(
          host.name(),
          Dyndns2Token.CONFLICT,
          List.of(type.name()),
          existing.notOwnShape()
              + "; left alone. Delete it in Route 53 to let dyndns53 manage this name");
    }

    void succeed() {
      if (offline) {
        outcome =
            HostOutcome.of(
                host.name(),
                Dyndns2Token.GOOD,
                "offline: removed " + changes.stream().map(c -> c.record().type().name()).toList());
      } else {
        outcome =
            new HostOutcome(
                host.name(),
                Dyndns2Token.GOOD,
                addressTexts(),
                "updated "
                    + changes.stream().map(c -> c.record().type().name()).toList()
                    + detail()
                    + (fromHint
                        ? " without reading first: this environment last saw other records"
                        : ""));
      }
    }

    void fail(RecordStoreException failed, String doing, RequestLog entry) {
      Dyndns2Token token =
          failed.kind() == RecordStoreException.Kind.REJECTED
              ? Dyndns2Token.DNSERR
              : Dyndns2Token.SERVER_ERROR;
      entry.put("route53Error", failed.errorCode());
      outcome =
          HostOutcome.of(
              host.name(),
              token,
              "Route 53 failed while "
                  + doing
                  + " zone "
                  + host.zoneId()
                  + ": "
                  + failed.errorCode()
                  + " ("
                  + failed.getMessage()
                  + ")");
    }

    private String detail() {
      return (derivation == null ? "" : "; " + derivation)
          + (ignored.isEmpty() ? "" : "; ignored " + String.join(", ", ignored));
    }

    private List<String> addressTexts() {
      return wanted.values().stream().map(IpAddress::toString).toList();
    }
  }
}
