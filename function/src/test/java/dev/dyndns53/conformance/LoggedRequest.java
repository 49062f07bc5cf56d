package dev.dyndns53.conformance;

import java.util.List;
import java.util.Map;

/**
 * One line of the endpoint's request log (one JSON object per request), as the conformance tests
 * read it back from the endpoint's stdout.
 */
public record LoggedRequest(Map<String, Object> fields) {

  /** The HTTP status answered, such as {@code "200"}. */
  public String status() {
    return text("status");
  }

  /** The answer body, lines joined with {@code |}, such as {@code "good 203.0.113.7"}. */
  public String answer() {
    return text("answer");
  }

  /** The host names the request carried, in request order; empty when it was not authenticated. */
  public List<String> hosts() {
    Object hosts = fields.get("hosts");
    return hosts instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }

  public String userAgent() {
    return text("userAgent");
  }

  /** Route 53 HTTP attempts the request made, retries included. */
  public String route53Calls() {
    return text("route53Calls");
  }

  /** A field as text, or null when absent. */
  public String text(String key) {
    Object value = fields.get(key);
    return value == null ? null : String.valueOf(value);
  }
}
