package dev.dyndns53.config;

import dev.dyndns53.json.Json;
import dev.dyndns53.records.HostNames;
import dev.dyndns53.records.RecordType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Splits the configured hosts into the partitions that both sides of the deployment use: the stack
 * writes one IAM statement per partition, and the function sends each request's changes as one
 * change batch per partition. Both must agree exactly, because IAM evaluates {@code ForAllValues}
 * conditions per statement: a batch whose names span two statements matches neither and is denied.
 *
 * <p>Why these three keys:
 *
 * <ul>
 *   <li><b>zone</b>: a statement's resource is one hosted zone;
 *   <li><b>set of record types</b>: IAM ORs the values within a condition key and ANDs the keys, so
 *       a statement listing names {X, Y} and types {A, AAAA} lets X have an A record even when X is
 *       configured for AAAA only. With one type set per statement, every name it lists may have
 *       every type it lists;
 *   <li><b>size</b>: a customer-managed policy holds at most 6,144 characters, so a statement's
 *       name list is capped at {@link #NAME_LIST_CHARS}; beyond that the names continue in the next
 *       partition.
 * </ul>
 *
 * <p>The result depends only on the set of hosts, never on the order of the configuration file:
 * zones, type sets and names are taken in sorted order and cut greedily.
 */
public final class ChangePartitions {
  /**
   * How many characters of an IAM policy the names of one partition may take, counted as IAM counts
   * them: each name as a JSON string plus its separating comma. It is what is left of one managed
   * policy (6,144 characters) after the document frame and the rest of the statement in the worst
   * case (a 32-character zone id, both record types, the longest partition and region names); the
   * infra module's {@code PartitionStatementSizeTest} holds it to that.
   */
  public static final int NAME_LIST_CHARS = 5_500;

  private static final Comparator<Set<RecordType>> BY_TYPES =
      Comparator.comparing(ChangePartition::typesKey);

  private final List<ChangePartition> all;
  private final Map<String, ChangePartition> byHost = new HashMap<>();

  private ChangePartitions(List<ChangePartition> all) {
    this.all = List.copyOf(all);
    for (ChangePartition partition : all) {
      partition.hostNames().forEach(name -> byHost.put(name, partition));
    }
  }

  /** Partitions the hosts of a configuration. */
  public static ChangePartitions of(Collection<HostConfig> hosts) {
    Map<String, Map<Set<RecordType>, List<String>>> grouped = new TreeMap<>();
    for (HostConfig host : hosts) {
      grouped
          .computeIfAbsent(host.zoneId(), zone -> new TreeMap<>(BY_TYPES))
          .computeIfAbsent(EnumSet.copyOf(host.recordTypes()), types -> new ArrayList<>())
          .add(host.name());
    }
    List<ChangePartition> partitions = new ArrayList<>();
    grouped.forEach(
        (zoneId, byTypes) ->
            byTypes.forEach(
                (types, names) -> {
                  List<String> sorted = names.stream().sorted().toList();
                  List<String> current = new ArrayList<>();
                  int used = 0;
                  int part = 1;
                  for (String name : sorted) {
                    int cost = nameCost(name);
                    if (!current.isEmpty() && used + cost > NAME_LIST_CHARS) {
                      partitions.add(new ChangePartition(zoneId, types, part++, current));
                      current = new ArrayList<>();
                      used = 0;
                    }
                    current.add(name);
                    used += cost;
                  }
                  partitions.add(new ChangePartition(zoneId, types, part, current));
                }));
    return new ChangePartitions(partitions);
  }

  /**
   * What a name takes in a statement's name list: its Route 53 normalized form as a JSON string,
   * plus a comma.
   */
  public static int nameCost(String canonicalName) {
    return Json.quote(HostNames.route53Normalized(canonicalName)).length() + 1;
  }

  /** Every partition: by zone, then type set, then part. */
  public List<ChangePartition> all() {
    return all;
  }

  /** The partition of a configured host, by canonical name. */
  public Optional<ChangePartition> of(String canonicalName) {
    return Optional.ofNullable(byHost.get(canonicalName));
  }
}
