package dev.dyndns53.http;

import java.util.Map;

/**
 * Answers for requests that never reach the update logic: an unknown path or method, a throttled
 * stage, a failed or timed-out function. The deployed API sets these as API Gateway gateway
 * responses and the local endpoint gives the same ones, so routers see one behaviour.
 *
 * <p>The statuses follow what real clients do with them (see docs/routers.md, "How routers read the
 * answers"): inadyn 2.10 gives up for good on any 4xx but 401/403, and retries later on a 5xx;
 * ddclient 3.10 retries every non-2xx after its error interval. So anything a client should retry
 * is a 5xx (API Gateway's own 429 included), and nothing here contains a word inadyn reads as
 * success.
 */
public enum GatewayAnswer {
  /**
   * Access denied by API Gateway itself (UNAUTHORIZED, ACCESS_DENIED). There is no authorizer, so
   * this is for a resource policy added later: routers must still get the answer for bad
   * credentials.
   */
  BAD_CREDENTIALS(401, "badauth"),
  /** No such path or method (API Gateway's MISSING_AUTHENTICATION_TOKEN). Retrying won't help. */
  UNKNOWN_PATH(404, "badagent"),
  /** A request API Gateway could not parse or would not accept (any other 4xx). */
  BAD_REQUEST(400, "badagent"),
  /** Throttled by the stage or the account: 503, not 429, so inadyn retries instead of exiting. */
  THROTTLED(503, "911"),
  /** The function failed or answered something API Gateway could not use. */
  INTEGRATION_FAILURE(502, "911"),
  /** The function did not answer within the integration timeout. */
  INTEGRATION_TIMEOUT(504, "911"),
  /** Any other server-side failure. */
  SERVER_ERROR(500, "911");

  private final int status;
  // The dyndns2 token of the body, spelled out so this leaf package needs no protocol import;
  // a test checks each is one of dev.dyndns53.dyndns2.Dyndns2Token's texts.
  private final String token;

  GatewayAnswer(int status, String token) {
    this.status = status;
    this.token = token;
  }

  public int status() {
    return status;
  }

  /** The headers: plain text, and the Basic challenge on a 401. */
  public Map<String, String> headers() {
    return HttpAnswer.headersFor(status);
  }

  /** The body, a single dyndns2 token and a newline. */
  public String body() {
    return token + "\n";
  }
}
