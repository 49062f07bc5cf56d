package dev.dyndns53.history;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing that happened to a host and that its history keeps: Route 53 accepted a change of its
 * addresses, or an ACME challenge value was presented or cleaned up.
 *
 * @param host the canonical host name
 * @param at when Route 53 accepted the change
 * @param kind what happened
 * @param before the addresses (or challenge values) before, as text
 * @param after the addresses (or challenge values) after, as text
 * @param user the configured user who asked
 * @param client the client's {@code User-Agent}, bounded, if it sent one
 * @param sourceAddress the request's source address, unless {@code history.sourceAddress} is false
 * @param requestId the request's id, to find its log line
 */
public record HostEvent(
    String host,
    Instant at,
    Kind kind,
    List<String> before,
    List<String> after,
    String user,
    Optional<String> client,
    Optional<String> sourceAddress,
    String requestId) {

  /** The longest client text kept: a User-Agent is the client's to choose. */
  public static final int MAX_CLIENT_LENGTH = 200;

  /** What happened. */
  public enum Kind {
    /** Route 53 accepted new address records (or their removal, for {@code offline}). */
    CHANGED,
    /** An ACME challenge value was added to {@code _acme-challenge.<host>}. */
    ACME_PRESENT,
    /** An ACME challenge value was removed. */
    ACME_CLEANUP
  }

  public HostEvent {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    before = List.copyOf(before);
    after = List.copyOf(after);
    Objects.requireNonNull(user, "user");
    client = client.map(HostEvent::bounded);
    Objects.requireNonNull(sourceAddress, "sourceAddress");
    requestId = requestId == null ? "" : bounded(requestId);
  }

  /** Cuts client-controlled text to {@link #MAX_CLIENT_LENGTH} characters. */
  public static String bounded(String text) {
    return text.length() <= MAX_CLIENT_LENGTH ? text : text.substring(0, MAX_CLIENT_LENGTH) + "…";
  }
}
