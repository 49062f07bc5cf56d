package dev.dyndns53.history;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides when a host's "last asked for" time is worth a write, so that the steady {@code nochg}
 * path (a router asking every few minutes) does not become one DynamoDB write per request.
 *
 * <p>Per execution environment, it remembers when it last wrote each host's time, and asks for a
 * write again only after {@link #RESOLUTION}. A router asking every 5 minutes costs one write an
 * hour per execution environment that serves it instead of twelve; a new environment writes once on
 * its first request. The time shown is therefore up to an hour old, which is plenty for what it is
 * used for: the status page, and noticing after {@code notify.silentDays} days that a host stopped
 * asking.
 */
public final class AskedTracker {
  /** How stale a host's stored "last asked" time may get. */
  public static final Duration RESOLUTION = Duration.ofHours(1);

  private final Duration resolution;
  private final ConcurrentHashMap<String, Instant> written = new ConcurrentHashMap<>();

  public AskedTracker() {
    this(RESOLUTION);
  }

  /** A tracker with another resolution ({@link Duration#ZERO}: write every time). */
  public AskedTracker(Duration resolution) {
    this.resolution = resolution;
  }

  /** Whether the host's time should be written with a request at {@code now}. */
  public boolean due(String host, Instant now) {
    Instant last = written.get(host);
    return last == null || !now.isBefore(last.plus(resolution));
  }

  /** The host's time was written at {@code at}. */
  public void written(String host, Instant at) {
    written.put(host, at);
  }

  /** Forgets every host, as after a SnapStart restore. */
  public void clear() {
    written.clear();
  }
}
