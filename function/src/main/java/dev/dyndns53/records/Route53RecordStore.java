package dev.dyndns53.records;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
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
 * <p>Also the {@link TxtRecordStore} of the ACME challenges ({@link Route53TxtRecords}), over the
 * same client and call count. The paging rules live in {@link ZoneListing}, the change builders in
 * {@link Route53Changes}, and the calls, their counts and their failures in {@link Route53Calls}.
 */
public final class Route53RecordStore implements RecordStore, TxtRecordStore {
  private final Route53Calls calls;
  private final Route53TxtRecords txt;

  /**
   * @param route53 a client built by {@link dev.dyndns53.aws.AwsClients}, or any client with the
   *     retries and timeouts the caller wants
   */
  public Route53RecordStore(Route53Client route53) {
    this(new Route53Calls(route53));
  }

  private Route53RecordStore(Route53Calls calls) {
    this.calls = calls;
    this.txt = new Route53TxtRecords(calls);
  }

  @Override
  public Route53RecordStore countingTxtCallsIn(CallCounter counter) {
    return countingCallsIn(counter);
  }

  @Override
  public Route53RecordStore countingCallsIn(CallCounter counter) {
    return new Route53RecordStore(calls.countingIn(counter));
  }

  /** Reads the names with as few listings as {@link ZoneListing} needs. */
  @Override
  public Map<String, Map<RecordType, RecordSet>> read(String zoneId, Collection<String> names) {
    Route53Calls.requireBareZoneId(zoneId);
    Map<String, String> canonicalByWire = new HashMap<>();
    for (String name : names) {
      canonicalByWire.put(Route53Changes.wireName(name), name);
    }
    ZoneListing listing = new ZoneListing(zoneId, canonicalByWire);
    while (!listing.done()) {
      listing.accept(calls.listPage(zoneId, listing.open(), listing.start(), listing.pageSize()));
    }
    Map<String, Map<RecordType, RecordSet>> result = new HashMap<>();
    for (Map.Entry<String, String> name : canonicalByWire.entrySet()) {
      result.put(
          name.getValue(), addressSets(listing.found().getOrDefault(name.getKey(), List.of())));
    }
    return Collections.unmodifiableMap(result);
  }

  @Override
  public void apply(String zoneId, List<RecordChange> changes) {
    Route53Calls.requireBareZoneId(zoneId);
    if (changes == null || changes.isEmpty()) {
      throw new IllegalArgumentException("a change batch needs at least one change");
    }
    List<Change> batch = new ArrayList<>(changes.size());
    for (RecordChange change : changes) {
      batch.add(Route53Changes.of(change));
    }
    calls.changeBatch(zoneId, Route53Changes.describe(changes), batch);
  }

  @Override
  public Optional<TxtRecordSet> readTxt(String zoneId, String name) {
    return txt.readTxt(zoneId, name);
  }

  @Override
  public void replaceTxt(
      String zoneId, String name, Optional<TxtRecordSet> current, Optional<TxtRecordSet> wanted) {
    txt.replaceTxt(zoneId, name, current, wanted);
  }

  @Override
  public long callCount() {
    return calls.count();
  }

  private static Map<RecordType, RecordSet> addressSets(List<ResourceRecordSet> sets) {
    Map<RecordType, List<ResourceRecordSet>> byType = new EnumMap<>(RecordType.class);
    for (ResourceRecordSet set : sets) {
      byType
          .computeIfAbsent(ZoneListing.addressType(set.typeAsString()), t -> new ArrayList<>())
          .add(set);
    }
    Map<RecordType, RecordSet> result = new EnumMap<>(RecordType.class);
    byType.forEach((type, ofType) -> result.put(type, toRecordSet(type, ofType)));
    return Collections.unmodifiableMap(result);
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
}
