package dev.dyndns53.metrics;

import dev.dyndns53.metrics.EmbeddedMetrics.Unit;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The metrics of one update request, in Embedded Metric Format, for its log line: {@code Requests}
 * by stack and by stack and answer token, and per stack {@code ServerErrors}, {@code AuthFailures},
 * {@code Route53Calls} and {@code Latency}.
 *
 * <p>The {@code Answer} dimension is the request's most severe answer token ({@link #SEVERITY}), so
 * a request naming three hosts counts once, under the token worth looking at. Its values are the
 * ten dyndns2 tokens and nothing else, which keeps the number of metrics (each costs money) fixed:
 * no per-host or per-user dimension.
 */
public final class RequestMetrics {

  /**
   * The dyndns2 tokens, most severe first: server-side failures (the client retries, an operator
   * should look), refused credentials, then requests the client got wrong, then success, where a
   * write ({@code good}) says more than no change.
   */
  static final List<String> SEVERITY =
      List.of(
          "911",
          "dnserr",
          "badauth",
          "nohost",
          "numhost",
          "notfqdn",
          "badagent",
          "conflict",
          "good",
          "nochg");

  /** The {@code Answer} value of a body whose lines start with no known token; never expected. */
  static final String OTHER = "other";

  private static final List<List<String>> BY_STACK_AND_ANSWER =
      List.of(List.of(EmbeddedMetrics.STACK), List.of(EmbeddedMetrics.STACK, "Answer"));

  private final String stackName;
  private final Clock clock;

  /**
   * @param stackName the {@code Stack} dimension's value
   * @param clock stamps each record
   */
  public RequestMetrics(String stackName, Clock clock) {
    if (stackName == null || stackName.isBlank()) {
      throw new IllegalArgumentException("the stack name must not be blank");
    }
    this.stackName = stackName;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The EMF members for a request's log line.
   *
   * @param answerBody the dyndns2 answer as sent, one token-led line per host
   * @param route53Calls Route 53 calls the request made
   * @param latencyMs how long the request took
   */
  public Map<String, Object> rootMembers(String answerBody, long route53Calls, long latencyMs) {
    List<String> tokens = tokens(answerBody);
    return EmbeddedMetrics.at(clock.millis())
        .dimension(EmbeddedMetrics.STACK, stackName)
        .dimension("Answer", mostSevere(tokens))
        .metric("Requests", Unit.COUNT, 1, BY_STACK_AND_ANSWER)
        .metric(
            "ServerErrors",
            Unit.COUNT,
            tokens.contains("911") || tokens.contains("dnserr") ? 1 : 0,
            EmbeddedMetrics.BY_STACK)
        .metric(
            "AuthFailures",
            Unit.COUNT,
            tokens.contains("badauth") ? 1 : 0,
            EmbeddedMetrics.BY_STACK)
        .metric("Route53Calls", Unit.COUNT, route53Calls, EmbeddedMetrics.BY_STACK)
        .metric("Latency", Unit.MILLISECONDS, latencyMs, EmbeddedMetrics.BY_STACK)
        .rootMembers();
  }

  /** The first word of each line: the token. */
  static List<String> tokens(String answerBody) {
    return answerBody
        .lines()
        .filter(line -> !line.isBlank())
        .map(line -> line.strip().split(" ", 2)[0])
        .toList();
  }

  static String mostSevere(List<String> tokens) {
    int best = SEVERITY.size();
    for (String token : tokens) {
      int rank = SEVERITY.indexOf(token);
      if (rank >= 0 && rank < best) {
        best = rank;
      }
    }
    return best < SEVERITY.size() ? SEVERITY.get(best) : OTHER;
  }
}
