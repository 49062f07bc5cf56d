package dev.dyndns53.config;

import dev.dyndns53.address.IpAddress;
import dev.dyndns53.records.RecordType;
import java.util.Optional;
import java.util.Set;

/**
 * One host the service may update.
 *
 * @param name canonical fully qualified name (lower case, no trailing dot)
 * @param zoneId bare Route 53 hosted zone id, such as {@code Z0123456789ABCDEFGHIJ}
 * @param ttl time to live, in seconds, of the records the service writes
 * @param recordTypes the record types the service may write for this host
 * @param allowNonPublic whether private, loopback, link-local and other non-public addresses are
 *     accepted (for split-horizon or lab zones)
 * @param ipv6InterfaceId for a host on the router's LAN, the last 64 bits of its IPv6 address (such
 *     as {@code ::1:2:3:4}): its AAAA record is then the request's IPv6 prefix plus this
 * @param acme whether the host's users may write its ACME DNS-01 challenge, the TXT records at
 *     {@code _acme-challenge.<name>}
 */
public record HostConfig(
    String name,
    String zoneId,
    long ttl,
    Set<RecordType> recordTypes,
    boolean allowNonPublic,
    Optional<IpAddress> ipv6InterfaceId,
    boolean acme) {
  public HostConfig {
    recordTypes = Set.copyOf(recordTypes);
  }

  /**
   * A host that writes the addresses of the request as they are (no interface id), without ACME.
   */
  public HostConfig(
      String name, String zoneId, long ttl, Set<RecordType> recordTypes, boolean allowNonPublic) {
    this(name, zoneId, ttl, recordTypes, allowNonPublic, Optional.empty(), false);
  }

  /** A host without ACME challenges. */
  public HostConfig(
      String name,
      String zoneId,
      long ttl,
      Set<RecordType> recordTypes,
      boolean allowNonPublic,
      Optional<IpAddress> ipv6InterfaceId) {
    this(name, zoneId, ttl, recordTypes, allowNonPublic, ipv6InterfaceId, false);
  }

  public boolean allows(RecordType type) {
    return recordTypes.contains(type);
  }
}
