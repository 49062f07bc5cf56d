package dev.dyndns53.local;

import dev.dyndns53.http.GatewayAnswer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer the local server gives itself, without the handler: one of the deployed API's gateway
 * answers, or one of the two that only a server of its own needs (an HTTP version it does not
 * speak, a connection over the cap).
 *
 * @param status the HTTP status
 * @param headers the header fields besides those every answer gets
 * @param body the body, a dyndns2 token and a newline
 */
record ServerAnswer(int status, Map<String, String> headers, String body) {
  static final ServerAnswer BAD_REQUEST = of(GatewayAnswer.BAD_REQUEST);

  /**
   * {@code 505} for {@code HTTP/2.0}, {@code HTTP/1.7} and the like: the body a malformed request
   * gets, since to a router it is one.
   */
  static final ServerAnswer VERSION_NOT_SUPPORTED =
      new ServerAnswer(505, GatewayAnswer.BAD_REQUEST.headers(), GatewayAnswer.BAD_REQUEST.body());

  static ServerAnswer of(GatewayAnswer answer) {
    return new ServerAnswer(answer.status(), answer.headers(), answer.body());
  }

  /**
   * {@code 503 911} with {@code Retry-After}: API Gateway's answer when throttled, so clients treat
   * it the same way (ddclient and inadyn retry a 5xx later).
   */
  static ServerAnswer overCapacity(long retryAfterSeconds) {
    Map<String, String> headers = new LinkedHashMap<>(GatewayAnswer.THROTTLED.headers());
    headers.put("Retry-After", Long.toString(retryAfterSeconds));
    return new ServerAnswer(
        GatewayAnswer.THROTTLED.status(),
        Collections.unmodifiableMap(headers),
        GatewayAnswer.THROTTLED.body());
  }
}
