package dev.dyndns53.envelope;

import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.http.HttpRequest;

/**
 * One capability behind the {@link Envelope}: the envelope routes, authenticates, counts Route 53
 * calls, bounds and writes the log line and adds metrics; the endpoint only turns an authenticated
 * (or public) request into an answer, writing its own facts into the exchange's log line. A new
 * endpoint is a class implementing this and one entry in {@link Routes}.
 */
public interface Endpoint {
  /** Whether the envelope checks the request's Basic credentials before {@link #serve}. */
  boolean authenticated();

  /**
   * The answer to a request. May throw: the envelope turns an unexpected failure into {@link
   * #failed()} and a log line naming it.
   */
  HttpAnswer serve(Exchange exchange);

  /** The answer when the envelope refused the request's credentials (authenticated ones only). */
  HttpAnswer refused(Refusal refusal, HttpRequest request);

  /** The answer when something failed that the client cannot fix: it should retry later. */
  HttpAnswer failed();

  /**
   * How the answer reads in the metrics and the log: its {@code Answer} dimension (one of the
   * dyndns2 tokens, so the metric count stays fixed) and the text of the log line's {@code answer}
   * field (null for none).
   */
  Summary summarize(HttpAnswer answer);

  /**
   * @param token a dyndns2 token: {@code good}, {@code nochg}, {@code badauth}, {@code 911}, ...
   * @param logText the answer as the log shows it, or null
   */
  record Summary(String token, String logText) {}
}
