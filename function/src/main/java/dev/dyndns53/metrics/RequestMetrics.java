package dev.dyndns53.metrics;

import dev.dyndns53.metrics.EmbeddedMetrics.Unit;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The metrics of one request to any endpoint, in Embedded Metric Format, for its log line: {@code
 * Requests} by stack and by stack and answer token, and per stack {@code ServerErrors}, {@code
 * AuthFailures}, {@code Route53Calls} and {@code Latency}.
 *
 * <p>The {@code Answer} dimension is the request's most severe answer token ({@link #SEVERITY}), so
 * a request naming three hosts counts once, under the token worth looking at; the ACME and checkip
 * endpoints name the token of the same meaning. Its values are the ten dyndns2 tokens and nothing
 * else, which keeps the number of metrics (each costs money) fixed: no per-host, per-user or
 * per-endpoint dimension. The endpoint is a property ({@code Endpoint}), a root member that is no
 * dimension: searchable in Logs Insights, free in CloudWatch Metrics.
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

  /** The property that names the endpoint; not a dimension. */
  public static final String ENDPOINT = "Endpoint";

  /**
   * The EMF members for a request's log line.
   *
   * @param endpoint the endpoint's name, such as {@code update}: a property, not a dimension
   * @param answer the answer's token, one of {@link #SEVERITY} (anything else counts as {@value
   *     #OTHER})
   * @param route53Calls Route 53 calls the request made
   * @param latencyMs how long the request took
   */
  public Map<String, Object> rootMembers(
      String endpoint, String answer, long route53Calls, long latencyMs) {
    String token = SEVERITY.contains(answer) ? answer : OTHER;
    Map<String, Object> members =
        new LinkedHashMap<>(
            EmbeddedMetrics.at(clock.millis())
                .dimension(EmbeddedMetrics.STACK, stackName)
                .dimension("Answer", token)
                .metric("Requests", Unit.COUNT, 1, BY_STACK_AND_ANSWER)
                .metric(
                    "ServerErrors",
                    Unit.COUNT,
                    token.equals("911") || token.equals("dnserr") ? 1 : 0,
                    EmbeddedMetrics.BY_STACK)
                .metric(
                    "AuthFailures",
                    Unit.COUNT,
                    token.equals("badauth") ? 1 : 0,
                    EmbeddedMetrics.BY_STACK)
                .metric("Route53Calls", Unit.COUNT, route53Calls, EmbeddedMetrics.BY_STACK)
                .metric("Latency", Unit.MILLISECONDS, latencyMs, EmbeddedMetrics.BY_STACK)
                .rootMembers());
    members.put(ENDPOINT, endpoint);
    return members;
  }

  /**
   * The most severe token of a dyndns2 answer body (one token-led line per host), or {@value
   * #OTHER}.
   */
  public static String answerOf(String dyndns2Body) {
    return mostSevere(tokens(dyndns2Body));
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
