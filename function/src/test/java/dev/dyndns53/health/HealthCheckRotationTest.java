package dev.dyndns53.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.fakes.InMemoryCredentialStore;
import dev.dyndns53.fakes.InMemoryRecordStore;
import dev.dyndns53.json.Json;
import dev.dyndns53.testing.EmbeddedMetricFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * More zones than one run reaches: each run starts where the previous run's share ended, so every
 * zone is read within {@code ceil(zones / 24)} runs, and a run that does not finish its share says
 * so in {@code HealthCheckZonesSkipped}.
 */
class HealthCheckRotationTest {
  private static final int ZONES = 60;
  private static final Dyndns53Config CONFIG = config(ZONES);

  private final InMemoryCredentialStore credentials = new InMemoryCredentialStore();
  private final InMemoryRecordStore records = new InMemoryRecordStore();
  private final MovingClock clock = new MovingClock();
  private final List<String> log = new ArrayList<>();
  private final HealthCheck check =
      new HealthCheck(
          CONFIG,
          credentials,
          records,
          "Dyndns53",
          clock,
          duration -> clock.now = clock.now.plus(duration),
          log::add);

  HealthCheckRotationTest() {
    credentials.passwords.put("alice", "alice-password");
  }

  private static Dyndns53Config config(int zones) {
    StringBuilder hosts = new StringBuilder();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < zones; i++) {
      String name = "h" + i + ".zone" + i + ".example";
      names.add("\"" + name + "\"");
      hosts
          .append(i == 0 ? "" : ",")
          .append("\"")
          .append(name)
          .append("\": {\"zoneId\": \"Z")
          .append(String.format("%019d", i))
          .append("\"}");
    }
    return ConfigParser.parse(
        "rotation.json",
        "{\"hosts\": {"
            + hosts
            + "}, \"users\": {\"alice\": {\"hosts\": ["
            + String.join(",", names)
            + "]}}}");
  }

  private Set<String> hostsReadIn(Instant at) {
    clock.now = at;
    int before = records.reads.size();
    check.run(null, Duration.ofSeconds(14));
    Set<String> read = new HashSet<>();
    records.reads.subList(before, records.reads.size()).forEach(read::addAll);
    return read;
  }

  @Test
  void consecutiveRuns_fourHoursApart_readEveryZoneWithinCeilZonesOver24Runs() {
    Instant first = Instant.parse("2026-12-02T08:00:02Z");
    Set<String> read = new HashSet<>();
    int runs = (ZONES + ZoneRotation.ZONES_PER_RUN - 1) / ZoneRotation.ZONES_PER_RUN;
    for (int run = 0; run < runs; run++) {
      read.addAll(hostsReadIn(first.plus(ZoneRotation.RUN_INTERVAL.multipliedBy(run))));
    }
    assertEquals(ZONES, read.size(), "every zone's host was read in " + runs + " runs");
  }

  @Test
  void aRunWithTimeForItsShare_skipsNoneOfIt_andLeavesTheRestForTheNextRuns() {
    Set<String> read = hostsReadIn(Instant.parse("2026-12-02T08:00:02Z"));

    assertTrue(read.size() >= ZoneRotation.ZONES_PER_RUN, read.size() + " zones read");
    assertTrue(read.size() < ZONES, "not every zone fits one run");
    Map<?, ?> line = (Map<?, ?>) Json.parse(log.get(0));
    assertEquals("INFO", line.get("level"));
    assertEquals(0, EmbeddedMetricFormat.check(log.get(0)).value("HealthCheckZonesSkipped"));
  }

  @Test
  void aRunCutShortInItsShare_countsTheZonesItSkipped() {
    clock.now = Instant.parse("2026-12-02T08:00:02Z");

    // 5 s at 2 reads a second: 10 zones of the 24 of its share.
    HealthReport report = check.run(null, Duration.ofSeconds(5));

    assertEquals(ZoneRotation.ZONES_PER_RUN - 10, report.zonesSkipped());
    assertEquals(
        ZoneRotation.ZONES_PER_RUN - 10,
        EmbeddedMetricFormat.check(log.get(0)).value("HealthCheckZonesSkipped"));
    assertEquals("WARN", ((Map<?, ?>) Json.parse(log.get(0))).get("level"));
  }

  @Test
  void order_startsEachSlotWhereThePreviousSlotsShareEnded() {
    List<String> zones = IntStream.range(0, 30).mapToObj(i -> "z" + i).toList();
    Instant slot = Instant.parse("2026-12-02T08:00:00Z");

    List<String> first = ZoneRotation.order(zones, slot);
    List<String> next = ZoneRotation.order(zones, slot.plus(ZoneRotation.RUN_INTERVAL));

    assertEquals(first.get(ZoneRotation.ZONES_PER_RUN), next.get(0));
    assertEquals(30, next.size());
    assertEquals(Set.copyOf(zones), Set.copyOf(next));
    assertEquals(
        first,
        ZoneRotation.order(zones, slot.minus(Duration.ofMinutes(5))),
        "a hand run just before");
  }

  /** Stands still unless a pause moves it. */
  private static final class MovingClock extends Clock {
    Instant now;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
