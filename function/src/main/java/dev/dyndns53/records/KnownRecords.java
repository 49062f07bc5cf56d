package dev.dyndns53.records;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The record sets this function last read from, or wrote to, Route 53 for each host, trusted for
 * a bounded time.
 *
 * <p>Healthy clients resend the same address every few minutes (ddclient 3.10 with {@code usev4}
 * every five), and Route 53 allows five API calls per second per account. Answering those repeats
 * from memory keeps a {@code nochg} at zero Route 53 calls, and a change at one (the write). The
 * bound is how long an edit made outside dyndns53 can go unnoticed; after it the next request
 * reads Route 53 again. Each execution environment has its own memory, so the worst case is one
 * read per environment per window.
 */
public final class KnownRecords {
  private record Known(Map<RecordType, RecordSet> sets, Instant verifiedAt) {}

  private final Duration ttl;
  private final Clock clock;
  private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();

  public KnownRecords(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  /** The host's record sets if they were verified within the window. */
  public Optional<Map<RecordType, RecordSet>> fresh(String host) {
    Known entry = known.get(host);
    if (entry == null || !clock.instant().isBefore(entry.verifiedAt().plus(ttl))) {
      return Optional.empty();
    }
    return Optional.of(entry.sets());
  }

  /** Records what Route 53 holds for the host now (after a read, or after it accepted a write). */
  public void remember(String host, Map<RecordType, RecordSet> sets) {
    if (!ttl.isZero()) {
      known.put(host, new Known(Map.copyOf(sets), clock.instant()));
    }
  }

  /** Forgets a host, so the next request reads Route 53 (after a failed or rejected write). */
  public void forget(String host) {
    known.remove(host);
  }

  public void clear() {
    known.clear();
  }
}
