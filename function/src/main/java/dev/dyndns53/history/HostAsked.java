package dev.dyndns53.history;

import java.time.Instant;
import java.util.Optional;

/**
 * An authenticated request named one of its user's hosts, whatever the answer.
 *
 * @param host the canonical host name
 * @param at when
 * @param user the configured user
 * @param client the {@code User-Agent}, bounded
 */
public record HostAsked(String host, Instant at, String user, Optional<String> client) {
  public HostAsked {
    client = client.map(HostEvent::bounded);
  }
}
