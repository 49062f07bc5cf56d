package dev.dyndns53.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Something a host's subscribers hear about.
 *
 * @param host the canonical host name
 * @param user the user whose request changed it (the host's first user for {@link Kind#SILENT})
 * @param kind what happened
 * @param before the addresses before a change
 * @param after the addresses after it
 * @param at when
 * @param client the client that asked, if known
 */
public record Notification(
    String host,
    String user,
    Kind kind,
    List<String> before,
    List<String> after,
    Instant at,
    Optional<String> client) {

  /** What happened. */
  public enum Kind {
    /** Route 53 accepted new addresses for the host. */
    CHANGED,
    /** No request named the host for {@code notify.silentDays}. */
    SILENT
  }

  public Notification {
    before = List.copyOf(before);
    after = List.copyOf(after);
  }

  /** A short title, for a phone's notification list. */
  public String title() {
    return switch (kind) {
      case CHANGED -> host + " has a new address";
      case SILENT -> host + " stopped updating";
    };
  }

  /** The message, in words a person reads on a phone. */
  public String message() {
    return switch (kind) {
      case CHANGED ->
          host
              + " changed from "
              + (before.isEmpty() ? "no address" : String.join(", ", before))
              + " to "
              + (after.isEmpty() ? "no address (offline)" : String.join(", ", after))
              + " at "
              + at
              + (client.isPresent() ? ", asked by " + client.get() : "")
              + " (user "
              + user
              + ").";
      case SILENT ->
          "No update for "
              + host
              + " since "
              + at
              + ". Its router or updater may be off, offline, or using a wrong password.";
    };
  }
}
