package dev.dyndns53.records;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The record sets this execution environment last read from, or wrote to, Route 53 for each host,
 * kept for a bounded time: a hint that may save a read, never an answer.
 *
 * <p>Other execution environments write the same records, so what one remembers may be stale at any
 * moment. The update service therefore uses a hint only where a stale one cannot change the answer:
 * when it says the record differs from the address asked for, the service skips the read and writes
 * (an UPSERT is right whatever Route 53 holds, and the answer {@code good} is then true); {@code
 * nochg} is only ever answered from a read made during the request. The window bounds how long an
 * edit made outside dyndns53 can be overwritten without being read first.
 *
 * <p>Within one process, requests for one host may overlap (the local endpoint serves requests
 * concurrently), and the order in which their reads and writes return says nothing about the order
 * Route 53 applied them in. Each read or write of a host is therefore bracketed by {@link #begin}
 * and {@link Observation#remember} or {@link Observation#forget}; when two of them overlap, neither
 * result is kept (compare-before-remember), so the hint never disagrees with what was written last
 * through this process.
 */
public final class KnownRecords {
  private record Known(Map<RecordType, RecordSet> sets, Instant verifiedAt) {}

  /** Per host: the last result kept, and the reads and writes of it in progress. */
  private record HostState(Known known, int inFlight, boolean overlapped) {}

  private final Duration ttl;
  private final Clock clock;
  private final ConcurrentHashMap<String, HostState> hosts = new ConcurrentHashMap<>();

  public KnownRecords(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  /** The host's record sets as last seen or written here, if that was within the window. */
  public Optional<Map<RecordType, RecordSet>> fresh(String host) {
    HostState state = hosts.get(host);
    Known known = state == null ? null : state.known();
    if (known == null || !clock.instant().isBefore(known.verifiedAt().plus(ttl))) {
      return Optional.empty();
    }
    return Optional.of(known.sets());
  }

  /** Starts a read or write of the host; end it with exactly one of the observation's methods. */
  public Observation begin(String host) {
    hosts.compute(
        host,
        (name, state) ->
            state == null
                ? new HostState(null, 1, false)
                : new HostState(
                    state.known(),
                    state.inFlight() + 1,
                    state.inFlight() > 0 || state.overlapped()));
    return new Observation(host);
  }

  /** One read or write of a host in progress. */
  public final class Observation {
    private final String host;
    private boolean ended;

    private Observation(String host) {
      this.host = host;
    }

    /**
     * Keeps what Route 53 holds for the host now (after a read, or after it accepted a write),
     * unless another read or write of the host overlapped this one.
     */
    public void remember(Map<RecordType, RecordSet> sets) {
      end(ttl.isZero() ? null : new Known(Map.copyOf(sets), clock.instant()));
    }

    /** Keeps nothing for the host (after a failed or rejected call): the next request reads. */
    public void forget() {
      end(null);
    }

    private void end(Known result) {
      if (ended) {
        throw new IllegalStateException("observation of " + host + " already ended");
      }
      ended = true;
      hosts.compute(
          host,
          (name, state) -> {
            boolean overlapped = state.overlapped();
            Known known = overlapped ? null : result;
            int inFlight = state.inFlight() - 1;
            if (inFlight == 0 && known == null) {
              return null;
            }
            // The flag stays until the last overlapping call has ended, so each of them forgets.
            return new HostState(known, inFlight, inFlight > 0 && overlapped);
          });
    }
  }

  public void clear() {
    hosts.replaceAll((name, state) -> new HostState(null, state.inFlight(), state.overlapped()));
    hosts.values().removeIf(state -> state.inFlight() == 0);
  }
}
