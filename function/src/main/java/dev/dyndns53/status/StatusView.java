package dev.dyndns53.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one status page shows, before it is written as HTML or JSON.
 *
 * @param user the authenticated user
 * @param admin whether the user sees every host
 * @param at when the view was made
 * @param since the start of the history window
 * @param route53Calls Route 53 calls this view made (0 when served from the per-user cache)
 * @param hosts the hosts, in configuration order
 */
public record StatusView(
    String user,
    boolean admin,
    Instant at,
    Instant since,
    long route53Calls,
    List<HostView> hosts) {

  /** Where a host's current addresses come from. */
  public enum Source {
    /** Read from Route 53 for this view (or within the short per-user cache). */
    ROUTE53,
    /** Route 53 was not read (past the view's call limit, or it failed): the last change known. */
    HISTORY,
    /** Neither: nothing is known. */
    UNKNOWN
  }

  /**
   * One host.
   *
   * @param addresses its A and AAAA values
   * @param source where {@code addresses} come from
   * @param lastChanged when the history last saw Route 53 accept a change
   * @param lastAsked when a request last named it (to within an hour)
   * @param client the client of that request
   * @param pendingAcme ACME challenge values presented and not yet cleaned up
   * @param timeline its changes within the window, oldest first
   */
  public record HostView(
      String host,
      List<String> addresses,
      Source source,
      Optional<Instant> lastChanged,
      Optional<Instant> lastAsked,
      Optional<String> client,
      List<String> pendingAcme,
      List<Change> timeline) {}

  /** One change on a host's timeline. */
  public record Change(Instant at, List<String> addresses, Optional<String> client) {}
}
