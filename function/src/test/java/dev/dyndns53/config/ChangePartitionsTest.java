package dev.dyndns53.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.records.RecordType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangePartitionsTest {
  private static final String ZONE_1 = "Z1EXAMPLE000000000001";
  private static final String ZONE_2 = "Z2EXAMPLE000000000002";

  private static HostConfig host(String name, String zone, RecordType... types) {
    return new HostConfig(name, zone, 60, Set.of(types), false);
  }

  @Test
  void hostsOfOneZone_withDifferentTypeSets_areInDifferentPartitions() {
    ChangePartitions partitions =
        ChangePartitions.of(
            List.of(
                host("x.example.com", ZONE_1, RecordType.AAAA),
                host("y.example.com", ZONE_1, RecordType.A),
                host("z.example.com", ZONE_1, RecordType.A),
                host("w.example.org", ZONE_2, RecordType.A)));

    assertEquals(
        List.of(
            new ChangePartition(
                ZONE_1, Set.of(RecordType.A), 1, List.of("y.example.com", "z.example.com")),
            new ChangePartition(ZONE_1, Set.of(RecordType.AAAA), 1, List.of("x.example.com")),
            new ChangePartition(ZONE_2, Set.of(RecordType.A), 1, List.of("w.example.org"))),
        partitions.all());
    assertEquals(partitions.of("y.example.com"), partitions.of("z.example.com"));
    assertTrue(partitions.of("not.configured.example").isEmpty());
  }

  @Test
  void partitions_doNotDependOnTheOrderOfTheConfiguration() {
    List<HostConfig> hosts = manyHosts(600, 40);
    List<HostConfig> shuffled = new ArrayList<>(hosts);
    Collections.shuffle(shuffled, new Random(7));

    assertEquals(ChangePartitions.of(hosts).all(), ChangePartitions.of(shuffled).all());
  }

  @Test
  void namesBeyondOneStatementsBudget_continueInTheNextPart_andEveryHostIsInExactlyOne() {
    List<HostConfig> hosts = manyHosts(1000, 40);

    List<ChangePartition> all = ChangePartitions.of(hosts).all();

    List<String> covered = new ArrayList<>();
    for (ChangePartition partition : all) {
      int chars = partition.hostNames().stream().mapToInt(ChangePartitions::nameCost).sum();
      assertTrue(chars <= ChangePartitions.NAME_LIST_CHARS, partition.id() + " takes " + chars);
      covered.addAll(partition.hostNames());
    }
    assertEquals(
        hosts.stream().map(HostConfig::name).sorted().toList(), covered.stream().sorted().toList());
    // 40-character names cost 43: 127 fit in 5,500 characters, so 1,000 names need 8 parts.
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), all.stream().map(ChangePartition::part).toList());
    assertEquals(127, all.get(0).hostNames().size());
  }

  @Test
  void ids_areLettersAndDigitsAndUnique() {
    List<HostConfig> hosts = new ArrayList<>(manyHosts(400, 60));
    hosts.add(host("v6.example.org", ZONE_2, RecordType.AAAA));
    hosts.add(host("both.example.org", ZONE_2, RecordType.A, RecordType.AAAA));

    List<String> ids = ChangePartitions.of(hosts).all().stream().map(ChangePartition::id).toList();

    assertEquals(ids.size(), Set.copyOf(ids).size(), ids.toString());
    ids.forEach(id -> assertTrue(id.matches("[A-Za-z0-9]+"), id));
    assertTrue(ids.contains(ZONE_2 + "AAndAAAA1"), ids.toString());
  }

  /** {@code count} hosts in ZONE_1, all with A, names of exactly {@code length} characters. */
  static List<HostConfig> manyHosts(int count, int length) {
    List<HostConfig> hosts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String prefix = "host-" + String.format("%05d", i) + ".";
      String suffix = ".example.com";
      String middle = "m".repeat(length - prefix.length() - suffix.length());
      hosts.add(host(prefix + middle + suffix, ZONE_1, RecordType.A));
    }
    return hosts;
  }
}
