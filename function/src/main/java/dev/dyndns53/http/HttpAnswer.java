package dev.dyndns53.http;

import java.util.Map;

/**
 * What the client gets back from any endpoint: the one answer type every entry point translates.
 *
 * @param status the HTTP status
 * @param headers response headers (at least Content-Type)
 * @param body the body as text: a dyndns2 answer (one line per requested host, each ending in
 *     {@code \n}), an ACME JSON object or the checkip page
 */
public record HttpAnswer(int status, Map<String, String> headers, String body) {
  public static final String CONTENT_TYPE = "text/plain; charset=utf-8";
  public static final String REALM = "Basic realm=\"dyndns53\"";

  public HttpAnswer {
    headers = Map.copyOf(headers);
  }

  /** The headers of a plain-text (dyndns2) answer, with the Basic challenge on a 401. */
  public static Map<String, String> headersFor(int status) {
    return status == 401
        ? Map.of("Content-Type", CONTENT_TYPE, "WWW-Authenticate", REALM)
        : Map.of("Content-Type", CONTENT_TYPE);
  }

  /** An answer for a request that never reached the update logic. */
  public static HttpAnswer of(GatewayAnswer answer) {
    return new HttpAnswer(answer.status(), answer.headers(), answer.body());
  }
}
