package dev.dyndns53.config;

import dev.dyndns53.records.RecordType;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Hosts whose record changes one IAM statement allows and one Route 53 change batch carries: all in
 * one hosted zone, all with the same set of record types, and few enough for their names to fit in
 * one statement. See {@link ChangePartitions}.
 *
 * @param zoneId the hosted zone of every host in the partition
 * @param recordTypes the record types every host in the partition has, no more and no fewer
 * @param part 1 for the first partition of this zone and type set, 2 for the next, ...
 * @param hostNames canonical host names, sorted
 */
public record ChangePartition(
    String zoneId, Set<RecordType> recordTypes, int part, List<String> hostNames) {
  public ChangePartition {
    recordTypes = Set.copyOf(recordTypes);
    hostNames = List.copyOf(hostNames);
  }

  /**
   * Letters and digits only, unique within a configuration and the same for the same configuration,
   * such as {@code Z0123456789EXAMPLE01AAndAAAA1}: usable as an IAM statement id.
   */
  public String id() {
    return zoneId + typesKey(recordTypes) + part;
  }

  static String typesKey(Set<RecordType> types) {
    return types.stream().sorted().map(RecordType::name).collect(Collectors.joining("And"));
  }
}
