package dev.dyndns53.acme;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request to the ACME DNS-01 endpoint as the core sees it, whichever entry point received it.
 *
 * @param action what the client asks for ({@code /acme/present} or {@code /acme/cleanup})
 * @param headers header values by name; names compare case-insensitively
 * @param body the request body as text (already base64-decoded), or null when there was none
 * @param sourceAddress the TCP peer as the edge saw it, or null when unknown
 * @param requestId an id to find this request in the logs
 */
public record AcmeRequest(
    Action action,
    Map<String, String> headers,
    String body,
    String sourceAddress,
    String requestId) {

  /** The two calls of lego's {@code httpreq} provider and acme.sh's {@code dns_acmeproxy}. */
  public enum Action {
    /** Add the challenge value to the TXT record set. */
    PRESENT,
    /** Remove the challenge value; remove the record set when nothing is left. */
    CLEANUP;

    String path() {
      return "acme/" + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public AcmeRequest {
    TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseInsensitive.putAll(headers);
    headers = Collections.unmodifiableMap(caseInsensitive);
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }
}
