package dev.dyndns53.records;

import dev.dyndns53.aws.AttemptCounter;
import dev.dyndns53.aws.AwsFailure;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The {@link RecordStore} on Route 53: {@code ListResourceRecordSets} to read a zone's names (one
 * listing covers as many of them as its page holds), one {@code ChangeResourceRecordSets} per
 * write.
 *
 * <p>Retries are the client's (see {@link dev.dyndns53.aws.AwsClients}): throttling, {@code
 * PriorRequestNotComplete}, 5xx, timeouts and I/O errors are retried within its budget, and what is
 * left is reported as a {@link RecordStoreException}: {@code REJECTED} when Route 53 refused the
 * request itself (4xx other than throttling: {@code InvalidChangeBatch}, {@code InvalidInput},
 * {@code NoSuchHostedZone}, {@code AccessDenied}, …), {@code UNAVAILABLE} for the rest, with the
 * AWS error code or one of {@code Timeout}, {@code IoError}, {@code Unreadable}, {@code
 * ServiceError}.
 *
 * <p>Calls are counted as HTTP attempts, retries included: Route 53's quota of five control-plane
 * requests per second per account counts every request that reaches it, so the number in the
 * request log should too.
 */
public final class Route53RecordStore implements RecordStore {

  /**
   * Record sets asked for when one name is left to read. A name in dyndns53's shape has at most two
   * (A and AAAA); eight leave room for a few routing-policy sets so that paging stays rare, and the
   * answer stays a couple of kilobytes.
   */
  static final int SINGLE_NAME_PAGE_SIZE = 8;

  /**
   * Record sets asked for when several names are left: Route 53's maximum ({@code maxitems} 300),
   * so that one listing covers as many of a request's hosts (at most 20) as the zone's order
   * allows.
   */
  static final int MAX_PAGE_SIZE = 300;

  /**
   * Pages one name's A and AAAA record sets may span. Only a name with many weighted, latency or
   * other set-identifier record sets needs more than one; past this many the read is reported as
   * rejected rather than answered partially, since dyndns53 will not change such a name anyway.
   */
  static final int MAX_PAGES = 4;

  /** Shown with each change in Route 53's change history and in CloudTrail. */
  private static final String CHANGE_COMMENT = "dyndns53 update";

  private final Route53Client route53;
  private final AtomicLong calls;
  private final List<CallCounter> requestCounters;

  /**
   * @param route53 a client built by {@link dev.dyndns53.aws.AwsClients}, or any client with the
   *     retries and timeouts the caller wants
   */
  public Route53RecordStore(Route53Client route53) {
    this(Objects.requireNonNull(route53, "route53"), new AtomicLong(), List.of());
  }

  private Route53RecordStore(
      Route53Client route53, AtomicLong calls, List<CallCounter> requestCounters) {
    this.route53 = route53;
    this.calls = calls;
    this.requestCounters = requestCounters;
  }

  @Override
  public RecordStore countingCallsIn(CallCounter counter) {
    List<CallCounter> counters = new ArrayList<>(requestCounters);
    counters.add(Objects.requireNonNull(counter, "counter"));
    return new Route53RecordStore(route53, calls, List.copyOf(counters));
  }

  /** Where the next listing starts: a name, a type, and within them a set identifier or null. */
  private record Start(String name, String type, String identifier) {
    static Start at(String wireName) {
      return new Start(wireName, RecordType.A.name(), null);
    }

    boolean isAtTheStartOf(String wireName) {
      return name.equals(wireName) && type.equals(RecordType.A.name()) && identifier == null;
    }
  }

  /**
   * Lists from the first name not yet covered (in Route 53's order, at type A, which sorts before
   * every other type), takes every wanted name the page covers, and starts the next listing at the
   * next name still open. The page's next-record marker is followed only when the page ended inside
   * an open name's A or AAAA sets (set identifiers); otherwise the first open name is at least as
   * near, and it is the only start that decides a name whatever the listing order (see {@link
   * ListingOrder}): a listing that starts exactly at a name shows its records first, or none.
   */
  @Override
  public Map<String, Map<RecordType, RecordSet>> read(String zoneId, Collection<String> names) {
    requireBareZoneId(zoneId);
    Map<String, String> canonicalByWire = new HashMap<>();
    for (String name : names) {
      canonicalByWire.put(wireName(name), name);
    }
    TreeSet<String> open = new TreeSet<>(ListingOrder.ROUTE53);
    open.addAll(canonicalByWire.keySet());
    Map<String, List<ResourceRecordSet>> found = new HashMap<>();
    // The open name whose address sets the last page ended inside, and those sets so far.
    String continuing = null;
    List<ResourceRecordSet> partial = new ArrayList<>();
    int pagesOfContinuing = 0;
    Start start = open.isEmpty() ? null : Start.at(open.first());
    while (!open.isEmpty()) {
      int pageSize = open.size() == 1 ? SINGLE_NAME_PAGE_SIZE : MAX_PAGE_SIZE;
      ListResourceRecordSetsResponse page = listPage(zoneId, open, start, pageSize);
      boolean truncated = Boolean.TRUE.equals(page.isTruncated());
      String nextName = truncated ? normalize(page.nextRecordName()) : null;
      String lastListed = null;
      Map<String, List<ResourceRecordSet>> listed = new HashMap<>();
      for (ResourceRecordSet set : page.resourceRecordSets()) {
        lastListed = normalize(set.name());
        List<ResourceRecordSet> sets = listed.computeIfAbsent(lastListed, n -> new ArrayList<>());
        if (addressType(set.typeAsString()) != null) {
          sets.add(set);
        }
      }
      boolean endsInsideAddressSets =
          truncated && addressType(page.nextRecordTypeAsString()) != null;
      String endedInside = null;
      for (String name : List.copyOf(open)) {
        List<ResourceRecordSet> here = listed.get(name);
        if (name.equals(continuing)) {
          here = here == null ? new ArrayList<>() : here;
          here.addAll(0, partial);
        } else if (here == null) {
          // Not listed: absent when the listing started exactly at it, or when every plausible
          // order puts it between the start and the next record.
          boolean absent =
              (start.isAtTheStartOf(name) && (!truncated || !name.equals(nextName)))
                  || ((start.name().equals(name)
                          || ListingOrder.certainlyBefore(start.name(), name))
                      && (!truncated
                          || (!name.equals(nextName)
                              && ListingOrder.certainlyBefore(name, nextName))));
          if (absent) {
            found.put(name, List.of());
            open.remove(name);
          }
          continue;
        }
        // Listed: a name's records are listed together, A and AAAA first. Unless the page ends
        // inside them, they are all here.
        if (name.equals(lastListed) && endsInsideAddressSets && name.equals(nextName)) {
          endedInside = name;
          partial = here;
        } else {
          found.put(name, here);
          open.remove(name);
        }
      }
      if (endedInside != null) {
        pagesOfContinuing = endedInside.equals(continuing) ? pagesOfContinuing + 1 : 1;
        if (pagesOfContinuing == MAX_PAGES) {
          throw tooManyRecordSets(zoneId, canonicalByWire.get(endedInside));
        }
        continuing = endedInside;
        start = new Start(nextName, page.nextRecordTypeAsString(), page.nextRecordIdentifier());
      } else {
        if (open.contains(start.name()) && start.isAtTheStartOf(start.name())) {
          // A listing that starts exactly at a name decides it, unless the answer is an empty
          // page that claims more follows at that very name: listing again would loop.
          throw new RecordStoreException(
              RecordStoreException.Kind.UNAVAILABLE,
              "Unreadable",
              "Route 53 ListResourceRecordSets from "
                  + start.name()
                  + " in hosted zone "
                  + zoneId
                  + " answered a truncated page without the records it pointed to",
              null);
        }
        continuing = null;
        partial = new ArrayList<>();
        if (!open.isEmpty()) {
          start = Start.at(open.first());
        }
      }
    }
    Map<String, Map<RecordType, RecordSet>> result = new HashMap<>();
    for (Map.Entry<String, String> name : canonicalByWire.entrySet()) {
      result.put(name.getValue(), addressSets(found.getOrDefault(name.getKey(), List.of())));
    }
    return Collections.unmodifiableMap(result);
  }

  private static Map<RecordType, RecordSet> addressSets(List<ResourceRecordSet> sets) {
    Map<RecordType, List<ResourceRecordSet>> byType = new EnumMap<>(RecordType.class);
    for (ResourceRecordSet set : sets) {
      byType.computeIfAbsent(addressType(set.typeAsString()), t -> new ArrayList<>()).add(set);
    }
    Map<RecordType, RecordSet> result = new EnumMap<>(RecordType.class);
    byType.forEach((type, ofType) -> result.put(type, toRecordSet(type, ofType)));
    return Collections.unmodifiableMap(result);
  }

  private static RecordStoreException tooManyRecordSets(String zoneId, String name) {
    return new RecordStoreException(
        RecordStoreException.Kind.REJECTED,
        "TooManyRecordSets",
        "Route 53 lists more A and AAAA record sets for "
            + name
            + " in hosted zone "
            + zoneId
            + " than "
            + MAX_PAGES
            + " pages hold"
            + " (weighted, latency or other routing-policy sets); dyndns53 only manages names"
            + " with one simple A and one simple AAAA record set",
        null);
  }

  private ListResourceRecordSetsResponse listPage(
      String zoneId, Collection<String> open, Start start, int pageSize) {
    return call(
        "ListResourceRecordSets",
        zoneId,
        open.size() == 1 ? open.iterator().next() : open.size() + " names from " + start.name(),
        attempts ->
            route53.listResourceRecordSets(
                r ->
                    r.hostedZoneId(zoneId)
                        .startRecordName(start.name())
                        .startRecordType(start.type())
                        .startRecordIdentifier(start.identifier())
                        .maxItems(Integer.toString(pageSize))
                        .overrideConfiguration(o -> o.addMetricPublisher(attempts))));
  }

  @Override
  public void apply(String zoneId, List<RecordChange> changes) {
    requireBareZoneId(zoneId);
    if (changes == null || changes.isEmpty()) {
      throw new IllegalArgumentException("a change batch needs at least one change");
    }
    List<Change> batch = new ArrayList<>(changes.size());
    for (RecordChange change : changes) {
      batch.add(toChange(change));
    }
    changeBatch(zoneId, describe(changes), batch);
  }

  /**
   * Sends one atomic change batch. Returns once Route 53 has accepted it (status PENDING): waiting
   * for INSYNC with GetChange would cost more calls against the same quota and tell the client
   * nothing more.
   */
  private void changeBatch(String zoneId, String subject, List<Change> batch) {
    call(
        "ChangeResourceRecordSets",
        zoneId,
        subject,
        attempts ->
            route53.changeResourceRecordSets(
                r ->
                    r.hostedZoneId(zoneId)
                        .changeBatch(b -> b.comment(CHANGE_COMMENT).changes(batch))
                        .overrideConfiguration(o -> o.addMetricPublisher(attempts))));
  }

  @Override
  public long callCount() {
    return calls.get();
  }

  /**
   * Record sets asked for per TXT read. The read starts at the name's CNAME (types sort
   * alphabetically, CNAME before TXT), so one page shows a CNAME, or the TXT set with enough after
   * it to see whether there are several, past a few other types a challenge name rarely holds.
   */
  static final int TXT_PAGE_SIZE = 8;

  @Override
  public Optional<TxtRecordSet> readTxt(String zoneId, String name) {
    requireBareZoneId(zoneId);
    String wireName = wireName(name);
    // From CNAME rather than TXT: a CNAME at the name excludes a TXT set there, so a write would
    // be refused; reading it here answers the conflict without trying that write.
    ListResourceRecordSetsResponse response =
        listPage(zoneId, List.of(name), new Start(wireName, "CNAME", null), TXT_PAGE_SIZE);
    List<ResourceRecordSet> sets = new ArrayList<>();
    for (ResourceRecordSet set : response.resourceRecordSets()) {
      if (!wireName.equals(normalize(set.name()))) {
        continue;
      }
      if ("CNAME".equals(set.typeAsString())) {
        String target =
            set.resourceRecords().isEmpty()
                ? (set.aliasTarget() == null ? "" : set.aliasTarget().dnsName())
                : set.resourceRecords().get(0).value();
        return Optional.of(TxtRecordSet.cname(set.ttl() == null ? 0 : set.ttl(), target));
      }
      if ("TXT".equals(set.typeAsString())) {
        sets.add(set);
      }
    }
    // A truncated page that goes on with this name at TXT or before it: TXT sets not (all) seen.
    boolean more =
        Boolean.TRUE.equals(response.isTruncated())
            && wireName.equals(normalize(response.nextRecordName()))
            && response.nextRecordTypeAsString() != null
            && response.nextRecordTypeAsString().compareTo("TXT") <= 0;
    if (sets.isEmpty()) {
      // Other types of this name filled the page before its TXT sets: unknown, so not plain.
      return more ? Optional.of(new TxtRecordSet(0, List.of(), false)) : Optional.empty();
    }
    ResourceRecordSet first = sets.get(0);
    List<String> values = new ArrayList<>();
    for (ResourceRecordSet set : sets) {
      for (ResourceRecord value : set.resourceRecords()) {
        values.add(value.value());
      }
    }
    boolean plain =
        sets.size() == 1
            && !more
            && first.setIdentifier() == null
            && first.aliasTarget() == null
            && first.trafficPolicyInstanceId() == null;
    return Optional.of(new TxtRecordSet(first.ttl() == null ? 0 : first.ttl(), values, plain));
  }

  @Override
  public void replaceTxt(
      String zoneId, String name, Optional<TxtRecordSet> current, Optional<TxtRecordSet> wanted) {
    requireBareZoneId(zoneId);
    // DELETE of the set exactly as read, then CREATE: Route 53 refuses the whole batch if the set
    // changed in between, where an UPSERT would silently drop another writer's value. Only these
    // two actions are granted on TXT records.
    List<Change> batch = new ArrayList<>(2);
    current.ifPresent(set -> batch.add(txtChange("DELETE", name, set)));
    wanted.ifPresent(set -> batch.add(txtChange("CREATE", name, set)));
    if (batch.isEmpty()) {
      throw new IllegalArgumentException("a TXT change needs a set to delete or to create");
    }
    changeBatch(zoneId, name + " TXT", batch);
  }

  private static Change txtChange(String action, String name, TxtRecordSet set) {
    List<ResourceRecord> values = new ArrayList<>(set.values().size());
    for (String value : set.values()) {
      values.add(ResourceRecord.builder().value(value).build());
    }
    return Change.builder()
        .action(action)
        .resourceRecordSet(
            ResourceRecordSet.builder()
                .name(wireName(name))
                .type("TXT")
                .ttl(set.ttl())
                .resourceRecords(values)
                .build())
        .build();
  }

  private <T> T call(
      String operation, String zoneId, String subject, Function<AttemptCounter, T> request) {
    AttemptCounter attempts = new AttemptCounter();
    try {
      return request.apply(attempts);
    } catch (SdkException failure) {
      AwsFailure reason = AwsFailure.of(failure);
      RecordStoreException.Kind kind =
          reason.kind() == AwsFailure.Kind.REJECTED
              ? RecordStoreException.Kind.REJECTED
              : RecordStoreException.Kind.UNAVAILABLE;
      throw new RecordStoreException(
          kind,
          reason.code(),
          "Route 53 "
              + operation
              + " for "
              + subject
              + " in hosted zone "
              + zoneId
              + " failed after "
              + plural(attempts.attempts(), "attempt")
              + ": "
              + reason.description(),
          failure);
    } finally {
      long made = attempts.attempts();
      calls.addAndGet(made);
      for (CallCounter counter : requestCounters) {
        counter.add(made);
      }
    }
  }

  private static Change toChange(RecordChange change) {
    RecordSet record = change.record();
    List<ResourceRecord> values = new ArrayList<>(record.values().size());
    for (String value : record.values()) {
      values.add(ResourceRecord.builder().value(value).build());
    }
    return Change.builder()
        .action(change.action().name())
        .resourceRecordSet(
            ResourceRecordSet.builder()
                .name(wireName(change.name()))
                .type(record.type().name())
                .ttl(record.ttl())
                .resourceRecords(values)
                .build())
        .build();
  }

  private static RecordSet toRecordSet(RecordType type, List<ResourceRecordSet> sets) {
    ResourceRecordSet first = sets.get(0);
    List<String> values = new ArrayList<>();
    for (ResourceRecordSet set : sets) {
      for (ResourceRecord value : set.resourceRecords()) {
        values.add(value.value());
      }
    }
    long ttl = first.ttl() == null ? 0 : first.ttl();
    // Several sets of one type exist only with set identifiers (weighted, latency, failover,
    // geolocation, geoproximity, IP-based or multivalue routing). An alias has no values of its
    // own, and a traffic-policy set belongs to the traffic policy. None of these is dyndns53's.
    boolean plain =
        sets.size() == 1
            && first.setIdentifier() == null
            && first.aliasTarget() == null
            && first.trafficPolicyInstanceId() == null;
    return new RecordSet(type, ttl, values, plain);
  }

  private static RecordType addressType(String type) {
    if (RecordType.A.name().equals(type)) {
      return RecordType.A;
    }
    if (RecordType.AAAA.name().equals(type)) {
      return RecordType.AAAA;
    }
    return null;
  }

  /** The name as Route 53 lists it: normalized (lower case, octal escapes) with a trailing dot. */
  private static String wireName(String canonicalName) {
    return HostNames.route53Normalized(canonicalName) + ".";
  }

  /** Route 53 answers names in this form already; this also copes with emulators that don't. */
  private static String normalize(String listedName) {
    if (listedName == null) {
      return null;
    }
    String lower = listedName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }

  private static void requireBareZoneId(String zoneId) {
    if (zoneId == null || zoneId.isBlank() || zoneId.indexOf('/') >= 0) {
      // SDK v2 would send "/hostedzone/Z…" percent-encoded inside the path, and Route 53 would
      // not find the zone. The configuration parser strips the prefix; this is a programming
      // error.
      throw new IllegalArgumentException(
          "expected a bare hosted zone id such as Z0123456789ABCDEFGHIJ, got \"" + zoneId + "\"");
    }
  }

  private static String describe(List<RecordChange> changes) {
    StringBuilder out = new StringBuilder();
    for (RecordChange change : changes) {
      if (!out.isEmpty()) {
        out.append(", ");
      }
      out.append(change.action())
          .append(' ')
          .append(change.name())
          .append(' ')
          .append(change.record().type());
    }
    return out.toString();
  }

  private static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
