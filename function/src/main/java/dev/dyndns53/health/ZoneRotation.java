package dev.dyndns53.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which zones a run reads first. A run has time for about {@link #ZONES_PER_RUN} zones (2 reads a
 * second for about 14 s); with more zones than that, each run starts where the previous one's share
 * ended, so every zone is read at least once every {@code ceil(zones / ZONES_PER_RUN)} runs. The
 * start is worked out from the run's time slot, not remembered: runs land in different execution
 * environments. The schedule fires at fixed times ({@link #RUN_INTERVAL} apart, on the hour, with
 * no flexible window), so consecutive runs have consecutive slots.
 */
final class ZoneRotation {
  /** The schedule's interval. */
  static final Duration RUN_INTERVAL = HealthCheck.RUN_INTERVAL;

  /** Zones one run surely reaches: 28 paced reads fit its 14 s, less room for a paged listing. */
  static final int ZONES_PER_RUN = 24;

  private ZoneRotation() {}

  /**
   * The zones in the order a run at {@code at} reads them: its share ({@link #ZONES_PER_RUN} zones
   * from the slot's start) first, then the rest, as time allows.
   */
  static List<String> order(List<String> zones, Instant at) {
    if (zones.size() <= ZONES_PER_RUN) {
      return zones;
    }
    // Half an interval's margin: a run at 04:00:03 and one invoked by hand at 03:55 share slot 1.
    long slot =
        Math.floorDiv(at.getEpochSecond() + RUN_INTERVAL.toSeconds() / 2, RUN_INTERVAL.toSeconds());
    int start = (int) Math.floorMod(slot * ZONES_PER_RUN, (long) zones.size());
    List<String> ordered = new ArrayList<>(zones.subList(start, zones.size()));
    ordered.addAll(zones.subList(0, start));
    return ordered;
  }

  /** How many of {@code order}'s first zones are the run's share. */
  static int share(int zones) {
    return Math.min(zones, ZONES_PER_RUN);
  }
}
