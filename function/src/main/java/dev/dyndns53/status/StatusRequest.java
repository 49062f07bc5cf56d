package dev.dyndns53.status;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request for the status page.
 *
 * @param headers header values by name; names compare case-insensitively
 * @param sourceAddress the TCP peer as the edge saw it, or null
 * @param requestId an id to find this request in the logs
 */
public record StatusRequest(Map<String, String> headers, String sourceAddress, String requestId) {
  public StatusRequest {
    TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach(
          (k, v) -> {
            if (k != null && v != null) {
              caseInsensitive.put(k, v);
            }
          });
    }
    headers = caseInsensitive;
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** Whether the client asked for JSON rather than the page. */
  public boolean wantsJson() {
    return header("Accept").map(a -> a.contains("application/json")).orElse(false);
  }
}
