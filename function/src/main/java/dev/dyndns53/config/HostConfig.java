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
 */
public record HostConfig(
    String name, String zoneId, long ttl, Set<RecordType> recordTypes, boolean allowNonPublic) {
  public HostConfig {
    recordTypes = Set.copyOf(recordTypes);
  }

  public boolean allows(RecordType type) {
    return recordTypes.contains(type);
  }
}
