package dev.dyndns53.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The {@link TxtRecordStore} on Route 53: one {@code ListResourceRecordSets} of at most two sets
 * per read, one {@code ChangeResourceRecordSets} (DELETE as read, CREATE) per replacement.
 */
final class Route53TxtRecords {
  private final Route53Calls calls;

  Route53TxtRecords(Route53Calls calls) {
    this.calls = calls;
  }

  /** TXT sets asked for per read: one plain set, or enough to see that there are several. */
  static final int TXT_PAGE_SIZE = 2;

  public Optional<TxtRecordSet> readTxt(String zoneId, String name) {
    Route53Calls.requireBareZoneId(zoneId);
    String wireName = Route53Changes.wireName(name);
    ListResourceRecordSetsResponse response =
        calls.listPage(
            zoneId, List.of(name), new ZoneListing.Start(wireName, "TXT", null), TXT_PAGE_SIZE);
    List<ResourceRecordSet> sets = new ArrayList<>();
    for (ResourceRecordSet set : response.resourceRecordSets()) {
      if (wireName.equals(ZoneListing.normalize(set.name())) && "TXT".equals(set.typeAsString())) {
        sets.add(set);
      }
    }
    if (sets.isEmpty()) {
      return Optional.empty();
    }
    ResourceRecordSet first = sets.get(0);
    List<String> values = new ArrayList<>();
    for (ResourceRecordSet set : sets) {
      for (ResourceRecord value : set.resourceRecords()) {
        values.add(value.value());
      }
    }
    // A truncated page that goes on with this name's TXT sets means more than fit: several sets.
    boolean more =
        Boolean.TRUE.equals(response.isTruncated())
            && wireName.equals(ZoneListing.normalize(response.nextRecordName()))
            && "TXT".equals(response.nextRecordTypeAsString());
    boolean plain =
        sets.size() == 1
            && !more
            && first.setIdentifier() == null
            && first.aliasTarget() == null
            && first.trafficPolicyInstanceId() == null;
    return Optional.of(new TxtRecordSet(first.ttl() == null ? 0 : first.ttl(), values, plain));
  }

  public void replaceTxt(
      String zoneId, String name, Optional<TxtRecordSet> current, Optional<TxtRecordSet> wanted) {
    Route53Calls.requireBareZoneId(zoneId);
    // DELETE of the set exactly as read, then CREATE: Route 53 refuses the whole batch if the set
    // changed in between, where an UPSERT would silently drop another writer's value. Only these
    // two actions are granted on TXT records.
    List<Change> batch = new ArrayList<>(2);
    current.ifPresent(set -> batch.add(Route53Changes.txt("DELETE", name, set)));
    wanted.ifPresent(set -> batch.add(Route53Changes.txt("CREATE", name, set)));
    if (batch.isEmpty()) {
      throw new IllegalArgumentException("a TXT change needs a set to delete or to create");
    }
    calls.changeBatch(zoneId, name + " TXT", batch);
  }
}
