package dev.dyndns53.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request as every endpoint sees it, whichever entry point received it (an API Gateway proxy
 * event or the local server's socket).
 *
 * <p>Whatever an entry point hands over, the request is well formed: a header or parameter without
 * a name, or a header without a value, is dropped, a parameter value that is null counts as empty,
 * and a null method is {@code GET}. So nothing later has to guard against a null.
 *
 * @param method the HTTP method as sent (methods are case-sensitive)
 * @param path the request path, with or without the stage, or null when the event had none
 * @param headers header values by name; names compare case-insensitively (API Gateway keeps the
 *     client's spelling, HTTP/2 lower-cases)
 * @param parameters query and form parameters, percent-decoded exactly once, in arrival order
 * @param body the body as text (already base64-decoded), or null when there was none or it could
 *     not be read
 * @param sourceAddress the TCP peer as the edge saw it, or null when unknown
 * @param requestId an id to find this request in the logs
 * @param translationNotes sentences for the log about parts of the request the entry point could
 *     not read (such as a body that claimed to be base64 and was not)
 */
public record HttpRequest(
    String method,
    String path,
    Map<String, String> headers,
    Map<String, List<String>> parameters,
    String body,
    String sourceAddress,
    String requestId,
    List<String> translationNotes) {

  public HttpRequest {
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

  /** A dyndns2 update ({@code /nic/update}) without a body, read completely. */
  public static HttpRequest update(
      String method,
      Map<String, String> headers,
      Map<String, List<String>> parameters,
      String sourceAddress,
      String requestId) {
    return new HttpRequest(
        method, "/nic/update", headers, parameters, null, sourceAddress, requestId, List.of());
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
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
