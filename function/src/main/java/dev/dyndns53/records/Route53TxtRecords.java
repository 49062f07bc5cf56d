package dev.dyndns53.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The {@link TxtRecordStore} on Route 53: one {@code ListResourceRecordSets} of at most eight sets,
 * from the name's CNAME on, per read, one {@code ChangeResourceRecordSets} (DELETE as read, CREATE)
 * per replacement.
 */
final class Route53TxtRecords {
  private final Route53Calls calls;

  Route53TxtRecords(Route53Calls calls) {
    this.calls = calls;
  }

  /**
   * Record sets asked for per TXT read. The read starts at the name's CNAME (types sort
   * alphabetically, CNAME before TXT), so one page shows a CNAME, or the TXT set with enough after
   * it to see whether there are several, past a few other types a challenge name rarely holds.
   */
  static final int TXT_PAGE_SIZE = 8;

  public Optional<TxtRecordSet> readTxt(String zoneId, String name) {
    Route53Calls.requireBareZoneId(zoneId);
    String wireName = Route53Changes.wireName(name);
    // From CNAME rather than TXT: a CNAME at the name excludes a TXT set there, so a write would
    // be refused; reading it here answers the conflict without trying that write.
    ListResourceRecordSetsResponse response =
        calls.listPage(
            zoneId, List.of(name), new ZoneListing.Start(wireName, "CNAME", null), TXT_PAGE_SIZE);
    List<ResourceRecordSet> sets = new ArrayList<>();
    for (ResourceRecordSet set : response.resourceRecordSets()) {
      if (!wireName.equals(ZoneListing.normalize(set.name()))) {
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
            && wireName.equals(ZoneListing.normalize(response.nextRecordName()))
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
