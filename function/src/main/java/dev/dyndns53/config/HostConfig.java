package dev.dyndns53.config;

import dev.dyndns53.records.RecordType;
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
 * @param acme whether the host's users may write its ACME DNS-01 challenge, the TXT records at
 *     {@code _acme-challenge.<name>}
 */
public record HostConfig(
    String name,
    String zoneId,
    long ttl,
    Set<RecordType> recordTypes,
    boolean allowNonPublic,
    boolean acme) {
  public HostConfig {
    recordTypes = Set.copyOf(recordTypes);
  }

  /** A host without ACME challenges. */
  public HostConfig(
      String name, String zoneId, long ttl, Set<RecordType> recordTypes, boolean allowNonPublic) {
    this(name, zoneId, ttl, recordTypes, allowNonPublic, false);
  }

  public boolean allows(RecordType type) {
    return recordTypes.contains(type);
  }
}
