package dev.dyndns53.dyndns2;

import dev.dyndns53.address.IpAddress;
import dev.dyndns53.address.Ipv6Prefix;
import dev.dyndns53.config.HostConfig;
import dev.dyndns53.log.RequestLog;
import dev.dyndns53.records.RecordChange;
import dev.dyndns53.records.RecordSet;
import dev.dyndns53.records.RecordStoreException;
import dev.dyndns53.records.RecordType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What one configured host should become, and then what became of it. */
final class HostPlan {
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

  HostPlan(HostConfig host, AddressSelection addresses, boolean offline) {
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
      if (!host.allows(RecordType.of(address))) {
        ignored.add(
            address + " (" + RecordType.of(address) + " records are not enabled for this host)");
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
      wanted.put(RecordType.of(address), address);
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
    if (addresses.unreadPrefix().isPresent()) {
      // Not good with the WAN prefix: the router may have sent its LAN prefix under that name.
      outcome = HostOutcome.of(host.name(), Dyndns2Token.BADAGENT, addresses.unreadPrefix().get());
      return Optional.empty();
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
   * says whether it did: not when there is no hint, when the host goes offline (a DELETE must match
   * Route 53's set exactly), when the hint shows a set dyndns53 does not write (a conflict is
   * answered from a read), or when it shows the addresses already there ({@code nochg} is answered
   * from a read).
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
          HostOutcome.of(host.name(), Dyndns2Token.NOCHG, "offline: no address records to remove");
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
