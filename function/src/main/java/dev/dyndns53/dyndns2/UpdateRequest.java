package dev.dyndns53.dyndns2;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An update request as the core sees it, whichever entry point received it.
 *
 * @param method the HTTP method, upper case
 * @param headers header values by name; names compare case-insensitively (API Gateway keeps the
 *     client's spelling, HTTP/2 lower-cases)
 * @param parameters query and form parameters, already percent-decoded, in arrival order
 * @param sourceAddress the TCP peer as the edge saw it, or null when unknown
 * @param requestId an id to find this request in the logs
 */
public record UpdateRequest(
    String method,
    Map<String, String> headers,
    Map<String, List<String>> parameters,
    String sourceAddress,
    String requestId) {

  public UpdateRequest {
    TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseInsensitive.putAll(headers);
    headers = Collections.unmodifiableMap(caseInsensitive);
    parameters = Map.copyOf(parameters);
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** All values of a parameter; parameter names are case-sensitive, as in Dyn's protocol. */
  public List<String> parameter(String name) {
    return parameters.getOrDefault(name, List.of());
  }

  /** The first value of a parameter. */
  public Optional<String> firstParameter(String name) {
    List<String> values = parameter(name);
    return values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
  }
}
