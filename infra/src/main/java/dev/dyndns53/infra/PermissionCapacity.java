package dev.dyndns53.infra;

import dev.dyndns53.config.ChangePartition;
import dev.dyndns53.config.ChangePartitions;
import dev.dyndns53.config.HostConfig;
import dev.dyndns53.records.HostNames;
import dev.dyndns53.records.RecordType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.function.IntFunction;
import software.amazon.awscdk.Stack;

/**
 * What to tell an operator whose configuration needs more managed policies than the role can take:
 * a search for the largest configuration that fits (hosts in one zone), and the message that names
 * the quota, this configuration and that largest one.
 */
final class PermissionCapacity {
  private PermissionCapacity() {}

  /**
   * The most hosts of {@code nameLength} characters that fit in one zone whose id is as long as
   * {@code zoneId}, all with both record types, next to the statements every configuration has.
   */
  static int largestZone(
      Stack stack,
      int nameLength,
      String zoneId,
      List<Integer> otherSizes,
      int managedPolicySlots) {
    // A statement's size is its overhead plus its names, and only the part number in its Sid grows.
    ChangePartition sample =
        new ChangePartition(
            zoneId, EnumSet.allOf(RecordType.class), 1, List.of(syntheticName(0, nameLength)));
    int overhead =
        PolicyPacking.size(stack, PermissionStatements.changeRecords(stack, sample))
            - ChangePartitions.nameCost(sample.hostNames().get(0))
            + 1;
    IntFunction<Boolean> fits =
        hostCount -> {
          List<HostConfig> hosts = new ArrayList<>();
          for (int i = 0; i < hostCount; i++) {
            hosts.add(
                new HostConfig(
                    syntheticName(i, nameLength),
                    zoneId,
                    60,
                    EnumSet.allOf(RecordType.class),
                    false));
          }
          List<Integer> sizes = new ArrayList<>(otherSizes);
          for (ChangePartition partition : ChangePartitions.of(hosts).all()) {
            int names =
                partition.hostNames().stream().mapToInt(ChangePartitions::nameCost).sum() - 1;
            sizes.add(overhead + names + String.valueOf(partition.part()).length() - 1);
          }
          return PolicyPacking.pack(sizes).size() <= managedPolicySlots;
        };
    int low = 0;
    int high = 1;
    while (fits.apply(high)) {
      low = high;
      high *= 2;
    }
    while (high - low > 1) {
      int middle = (low + high) >>> 1;
      if (fits.apply(middle)) {
        low = middle;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** A distinct host name of exactly {@code length} characters. */
  static String syntheticName(int index, int length) {
    String head = "h" + index + ".";
    String tail = ".example.com";
    return head + "x".repeat(Math.max(1, length - head.length() - tail.length())) + tail;
  }

  static String tooLarge(
      Stack stack, Collection<HostConfig> hosts, int needed, int slots, List<Integer> otherSizes) {
    int longestName =
        hosts.stream()
            .mapToInt(h -> HostNames.route53Normalized(h.name()).length())
            .max()
            .orElse(0);
    String longestZone =
        hosts.stream()
            .map(HostConfig::zoneId)
            .reduce((a, b) -> a.length() >= b.length() ? a : b)
            .orElse("");
    long zones = hosts.stream().map(HostConfig::zoneId).distinct().count();
    int largest = largestZone(stack, longestName, longestZone, otherSizes, slots);
    return "the function's permissions need "
        + needed
        + " IAM managed policies of at most "
        + PolicySize.MANAGED_POLICY_MAX_CHARS
        + " characters, and a role takes at most "
        + slots
        + " (IAM quota"
        + " 'Managed policies per role': "
        + PolicySize.MANAGED_POLICIES_PER_ROLE
        + " by default). Each host"
        + " is named exactly once in its zone's statements (least privilege), so the hosts are what fills them:"
        + " this configuration has "
        + hosts.size()
        + " hosts in "
        + zones
        + " zone(s), names up to "
        + longestName
        + " characters. The largest configuration that fits: "
        + largest
        + " hosts of "
        + longestName
        + " characters in one hosted zone with the same record types (fewer over several zones or record-type"
        + " mixes). Move some hosts to a second stack (its own config file and -c stackName=...)";
  }
}
