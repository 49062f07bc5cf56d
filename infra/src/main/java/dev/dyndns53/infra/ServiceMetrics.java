package dev.dyndns53.infra;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Metric;

/**
 * The function's own metrics, as it writes them in CloudWatch Embedded Metric Format on its log
 * lines: namespace {@value #NAMESPACE}, dimension {@value #STACK} = the stack name (from the
 * function's {@link UpdateFunction#STACK_NAME_ENV}). The names are a contract with the function; a
 * metric nobody writes would leave an alarm silently quiet, so they are spelled once, here.
 *
 * <p>No unit is set on purpose: an alarm with a unit only sees data points written with exactly
 * that unit, so a unit the function leaves out or spells differently would silence it.
 */
final class ServiceMetrics {
  static final String NAMESPACE = "dyndns53";
  static final String STACK = "Stack";
  static final String ANSWER = "Answer";

  /** One per request; also written per dyndns2 answer token with the {@value #ANSWER} dimension. */
  static final String REQUESTS = "Requests";

  /** 1 when a request answered {@code 911} or {@code dnserr} on any line, else 0. */
  static final String SERVER_ERRORS = "ServerErrors";

  /** 1 when a request answered {@code badauth}, else 0. */
  static final String AUTH_FAILURES = "AuthFailures";

  static final String ROUTE53_CALLS = "Route53Calls";

  /** Milliseconds. */
  static final String LATENCY = "Latency";

  /** 1 per health-check run. */
  static final String HEALTH_CHECKS = "HealthChecks";

  /**
   * Zones of one health-check run's share that it did not reach: the rotation then no longer reads
   * every zone within its stated number of runs.
   */
  static final String HEALTH_CHECK_ZONES_SKIPPED = "HealthCheckZonesSkipped";

  /** What one health-check run found that would make updates fail. */
  static final String HEALTH_CHECK_PROBLEMS = "HealthCheckProblems";

  private final String stackName;

  ServiceMetrics(String stackName) {
    this.stackName = stackName;
  }

  String stackName() {
    return stackName;
  }

  /** A metric of this stack, summed over {@code period}. */
  Metric sum(String name, Duration period) {
    return Metric.Builder.create()
        .namespace(NAMESPACE)
        .metricName(name)
        .dimensionsMap(Map.of(STACK, stackName))
        .statistic("Sum")
        .period(period)
        .build();
  }

  /** The request latency at {@code statistic} (such as {@code p99}). */
  Metric latency(String statistic, Duration period) {
    return Metric.Builder.create()
        .namespace(NAMESPACE)
        .metricName(LATENCY)
        .dimensionsMap(Map.of(STACK, stackName))
        .statistic(statistic)
        .period(period)
        .label("latency " + statistic)
        .build();
  }

  /**
   * A search expression over every answer token this stack has written, one line per token; tokens
   * are open-ended ({@code good}, {@code nochg}, {@code badauth}, ...), so they are found, not
   * listed.
   */
  String requestsByAnswerSearch(Duration period) {
    return "SEARCH('{"
        + NAMESPACE
        + ","
        + STACK
        + ","
        + ANSWER
        + "} MetricName=\""
        + REQUESTS
        + "\" "
        + STACK
        + "=\""
        + stackName
        + "\"', 'Sum', "
        + period.toSeconds().intValue()
        + ")";
  }
}
