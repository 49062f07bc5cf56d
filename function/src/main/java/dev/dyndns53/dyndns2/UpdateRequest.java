package dev.dyndns53.dyndns2;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An update request as the core sees it, whichever entry point received it.
 *
 * <p>Whatever an entry point hands over, the request is well formed: a header or parameter without
 * a name, or a header without a value, is dropped, a parameter value that is null counts as empty,
 * and a null method is {@code GET}. So nothing later has to guard against a null.
 *
 * @param method the HTTP method, upper case
 * @param headers header values by name; names compare case-insensitively (API Gateway keeps the
 *     client's spelling, HTTP/2 lower-cases)
 * @param parameters query and form parameters, percent-decoded exactly once, in arrival order
 * @param sourceAddress the TCP peer as the edge saw it, or null when unknown
 * @param requestId an id to find this request in the logs
 * @param translationNotes sentences for the log about parts of the request the entry point could
 *     not read (such as a body that claimed to be base64 and was not)
 */
public record UpdateRequest(
    String method,
    Map<String, String> headers,
    Map<String, List<String>> parameters,
    String sourceAddress,
    String requestId,
    List<String> translationNotes) {

  public UpdateRequest {
    method = method == null ? "GET" : method;
    TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach(
          (name, value) -> {
            if (name != null && value != null) {
              caseInsensitive.put(name, value);
            }
          });
    }
    headers = Collections.unmodifiableMap(caseInsensitive);
    Map<String, List<String>> named = new LinkedHashMap<>();
    if (parameters != null) {
      parameters.forEach(
          (name, values) -> {
            if (name != null && values != null) {
              List<String> texts = new ArrayList<>(values.size());
              values.forEach(value -> texts.add(value == null ? "" : value));
              named.put(name, List.copyOf(texts));
            }
          });
    }
    parameters = Collections.unmodifiableMap(named);
    translationNotes = translationNotes == null ? List.of() : List.copyOf(translationNotes);
  }

  /** A request the entry point read completely. */
  public UpdateRequest(
      String method,
      Map<String, String> headers,
      Map<String, List<String>> parameters,
      String sourceAddress,
      String requestId) {
    this(method, headers, parameters, sourceAddress, requestId, List.of());
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** All values of a parameter; parameter names are case-sensitive, as in Dyn's protocol. */
  public List<String> parameter(String name) {
    return parameters.getOrDefault(name, List.of());
  }

  /**
   * The host names of the {@code hostname} parameter: every value, split at commas (Dyn's form for
   * several hosts), with spaces around each name cut (some scripts write {@code a, b}) and empty
   * entries dropped. Nothing else is cut: a tab, a NUL or any other control character stays in the
   * name, so that {@link dev.dyndns53.records.HostNames#check(String)} refuses it and says why,
   * rather than the update writing a name the client did not send.
   */
  public List<String> hostNames() {
    List<String> names = new ArrayList<>();
    for (String value : parameter("hostname")) {
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

  /**
   * Every parameter an update reads. A parameter not in this list is ignored, and named in the
   * request's log line ({@link #unreadParameterNames()}).
   */
  public static final List<String> READ_PARAMETERS =
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

  /** The names of the parameters the request carried that no update reads, in arrival order. */
  public List<String> unreadParameterNames() {
    List<String> unread = new ArrayList<>();
    for (String name : parameters.keySet()) {
      if (!READ_PARAMETERS.contains(name)) {
        unread.add(name);
      }
    }
    return unread;
  }

  /** The first value of a parameter. */
  public Optional<String> firstParameter(String name) {
    List<String> values = parameter(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
