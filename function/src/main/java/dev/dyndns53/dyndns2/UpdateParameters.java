package dev.dyndns53.dyndns2;

import dev.dyndns53.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters an update reads from a request: its host names, and which parameters it carried
 * that no update reads. Kept here, not on {@link HttpRequest}, since they are dyndns2's vocabulary
 * and the request type sits below every endpoint.
 */
final class UpdateParameters {
  /**
   * Every parameter an update reads. A parameter not in this list is ignored, and named in the
   * request's log line ({@link #unreadNames(HttpRequest)}).
   */
  static final List<String> READ =
      List.of(
          "hostname",
          "myip",
          "myipv6",
          "offline",
          // Router and provider spellings of the IPv6 address and the LAN prefix: dynv6's "ipv6"
          // (an address, or a CIDR), AVM's "ip6lanprefix" placeholder, which other providers
          // take as a parameter name, and "ipv6prefix" (dynv6 and others).
          "ipv6",
          AddressSelection.LAN_PREFIX_PARAMETERS.get(0),
          AddressSelection.LAN_PREFIX_PARAMETERS.get(1));

  private UpdateParameters() {}

  /**
   * The host names of the {@code hostname} parameter: every value, split at commas (Dyn's form for
   * several hosts), with spaces around each name cut (some scripts write {@code a, b}) and empty
   * entries dropped. Nothing else is cut: a tab, a NUL or any other control character stays in the
   * name, so that {@link dev.dyndns53.records.HostNames#check(String)} refuses it and says why,
   * rather than the update writing a name the client did not send.
   */
  static List<String> hostNames(HttpRequest request) {
    List<String> names = new ArrayList<>();
    for (String value : request.parameter("hostname")) {
      for (String name : value.split(",", -1)) {
        int start = 0;
        int end = name.length();
        while (start < end && name.charAt(start) == ' ') {
          start++;
        }
        while (end > start && name.charAt(end - 1) == ' ') {
          end--;
        }
        if (start < end) {
          names.add(name.substring(start, end));
        }
      }
    }
    return names;
  }

  /** The names of the parameters the request carried that no update reads, in arrival order. */
  static List<String> unreadNames(HttpRequest request) {
    List<String> unread = new ArrayList<>();
    for (String name : request.parameters().keySet()) {
      if (!READ.contains(name)) {
        unread.add(name);
      }
    }
    return unread;
  }
}
