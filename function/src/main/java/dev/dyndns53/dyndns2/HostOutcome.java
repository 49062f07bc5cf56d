package dev.dyndns53.dyndns2;

import java.util.List;

/**
 * The answer for one requested host.
 *
 * @param host the name as the client sent it
 * @param token the dyndns2 return code
 * @param addresses for good and nochg, the host's addresses after the update; for conflict, the
 *     record type in conflict
 * @param reason why, in words, for the log; never sent to the client
 */
public record HostOutcome(String host, Dyndns2Token token, List<String> addresses, String reason) {
  public HostOutcome {
    addresses = List.copyOf(addresses);
  }

  HostOutcome withHost(String requestedName) {
    return new HostOutcome(requestedName, token, addresses, reason);
  }

  static HostOutcome of(String host, Dyndns2Token token, String reason) {
    return new HostOutcome(host, token, List.of(), reason);
  }

  /**
   * The answer line without its line end: the token, then for good, nochg and conflict what follows
   * it. Dual-stack addresses are comma-joined ({@code good 198.51.100.7,2001:db8::7}), the form
   * ddclient 3.11+ reads back for an update that sent both.
   */
  public String line() {
    if (addresses.isEmpty()) {
      return token.text();
    }
    return token.text() + " " + String.join(",", addresses);
  }
}
