package dev.dyndns53.dyndns2;

import java.util.Map;

/**
 * What the client gets back.
 *
 * @param status the HTTP status
 * @param headers response headers (at least Content-Type)
 * @param body the dyndns2 answer, one line per requested host, each ending in {@code \n}
 */
public record UpdateAnswer(int status, Map<String, String> headers, String body) {
  public static final String CONTENT_TYPE = "text/plain; charset=utf-8";
  public static final String REALM = "Basic realm=\"dyndns53\"";

  public UpdateAnswer {
    headers = Map.copyOf(headers);
  }

  /** The headers of every answer: plain text, and the Basic challenge on a 401. */
  public static Map<String, String> headersFor(int status) {
    return status == 401
        ? Map.of("Content-Type", CONTENT_TYPE, "WWW-Authenticate", REALM)
        : Map.of("Content-Type", CONTENT_TYPE);
  }

  /** An answer for a request that never reached the update logic. */
  public static UpdateAnswer of(GatewayAnswer answer) {
    return new UpdateAnswer(answer.status(), answer.headers(), answer.body());
  }
}
