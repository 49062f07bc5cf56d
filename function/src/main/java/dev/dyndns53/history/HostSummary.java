package dev.dyndns53.history;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the history knows of one host now: when it was last asked for and by which client, and its
 * last change. One small item per host, so the status page reads it without reading every event.
 *
 * @param host the canonical host name
 * @param lastAsked when an authenticated request last named this host, to within {@link
 *     AskedTracker}'s resolution
 * @param askedBy the user of that request
 * @param askedClient that request's {@code User-Agent}, bounded
 * @param lastChanged when Route 53 last accepted a change of the host's addresses
 * @param addresses the addresses of that change
 */
public record HostSummary(
    String host,
    Optional<Instant> lastAsked,
    Optional<String> askedBy,
    Optional<String> askedClient,
    Optional<Instant> lastChanged,
    List<String> addresses) {
  public HostSummary {
    addresses = List.copyOf(addresses);
  }

  /** A host the history knows nothing of. */
  public static HostSummary unknown(String host) {
    return new HostSummary(
        host, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
  }
}
