package dev.dyndns53.dyndns2;

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
  BAD_CREDENTIALS(401, Dyndns2Token.BADAUTH),
  /** No such path or method (API Gateway's MISSING_AUTHENTICATION_TOKEN). Retrying won't help. */
  UNKNOWN_PATH(404, Dyndns2Token.BADAGENT),
  /** A request API Gateway could not parse or would not accept (any other 4xx). */
  BAD_REQUEST(400, Dyndns2Token.BADAGENT),
  /** Throttled by the stage or the account: 503, not 429, so inadyn retries instead of exiting. */
  THROTTLED(503, Dyndns2Token.SERVER_ERROR),
  /** The function failed or answered something API Gateway could not use. */
  INTEGRATION_FAILURE(502, Dyndns2Token.SERVER_ERROR),
  /** The function did not answer within the integration timeout. */
  INTEGRATION_TIMEOUT(504, Dyndns2Token.SERVER_ERROR),
  /** Any other server-side failure. */
  SERVER_ERROR(500, Dyndns2Token.SERVER_ERROR);

  private final int status;
  private final Dyndns2Token token;

  GatewayAnswer(int status, Dyndns2Token token) {
    this.status = status;
    this.token = token;
  }

  public int status() {
    return status;
  }

  /** The headers: plain text, and the Basic challenge on a 401. */
  public Map<String, String> headers() {
    return UpdateAnswer.headersFor(status);
  }

  /** The body, a single dyndns2 token and a newline. */
  public String body() {
    return token.text() + "\n";
  }
}
