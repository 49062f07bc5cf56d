package dev.dyndns53.health;

import dev.dyndns53.config.HostConfig;
import dev.dyndns53.records.CallCounter;
import dev.dyndns53.records.RecordSet;
import dev.dyndns53.records.RecordStore;
import dev.dyndns53.records.RecordStoreException;
import dev.dyndns53.records.RecordType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The health check's look at one hosted zone: reads the A and AAAA record sets of the zone's hosts
 * as the update path does (one listing for all of them), and reports a zone that does not exist or
 * may not be read, a host whose records could not be read, and a record set in a shape dyndns53
 * will not touch. A host with no address records at all is fine: the first update creates them.
 */
final class ZoneCheck {
  /** Codes that mean the whole zone is unreadable, so its other hosts need not be tried. */
  private static final Set<String> ZONE_WIDE_CODES =
      Set.of("NoSuchHostedZone", "AccessDenied", "AccessDeniedException");

  private final RecordStore records;
  private final ReadPacer pacer;

  ZoneCheck(RecordStore records, ReadPacer pacer) {
    this.records = records;
    this.pacer = pacer;
  }

  /**
   * Checks one zone.
   *
   * @param problems receives what was found
   * @param notChecked receives the hosts left unread for lack of time
   * @return whether every host was read (or the zone found unreadable as a whole)
   */
  boolean check(
      String zoneId,
      List<HostConfig> hosts,
      List<HealthProblem> problems,
      List<String> notChecked) {
    ZoneReading reading = readZone(zoneId, hosts.stream().map(HostConfig::name).toList());
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
      return true;
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
    return reading.unread.isEmpty();
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
   * read of the zone. A failure that concerns the whole zone ends the zone; any other is traced to
   * its host by reading the hosts one by one, so that one host's odd record sets (or a passing
   * throttle) do not make the zone's other hosts problems. Stops at the deadline.
   */
  private ZoneReading readZone(String zoneId, List<String> names) {
    if (!pacer.waitForTurn()) {
      return new ZoneReading(Map.of(), Map.of(), null, names);
    }
    try {
      return new ZoneReading(read(zoneId, names), Map.of(), null, List.of());
    } catch (RecordStoreException failed) {
      if (isZoneWide(failed)) {
        return new ZoneReading(Map.of(), Map.of(), failed, names);
      }
    }
    Map<String, Map<RecordType, RecordSet>> found = new LinkedHashMap<>();
    Map<String, RecordStoreException> failures = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!pacer.waitForTurn()) {
        return new ZoneReading(found, failures, null, names.subList(i, names.size()));
      }
      try {
        found.putAll(read(zoneId, List.of(name)));
      } catch (RecordStoreException failed) {
        if (isZoneWide(failed)) {
          return new ZoneReading(found, failures, failed, names.subList(i, names.size()));
        }
        failures.put(name, failed);
      }
    }
    return new ZoneReading(found, failures, null, List.of());
  }

  private Map<String, Map<RecordType, RecordSet>> read(String zoneId, List<String> names) {
    CallCounter calls = new CallCounter();
    try {
      return records.countingCallsIn(calls).read(zoneId, names);
    } finally {
      pacer.made(calls.count());
    }
  }

  private static boolean isZoneWide(RecordStoreException failed) {
    return failed.kind() == RecordStoreException.Kind.REJECTED
        && ZONE_WIDE_CODES.contains(failed.errorCode());
  }
}
