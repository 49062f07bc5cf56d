package dev.dyndns53.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.aws.AwsCallBudget;
import dev.dyndns53.health.HealthCheck;
import dev.dyndns53.health.HealthReport;
import dev.dyndns53.http.HttpAnswer;
import java.time.Duration;
import java.util.LinkedHashMap;

/**
 * The scheduled health-check event ({@link HealthCheck#EVENT_RESOURCE}, recognised by {@link
 * UpdateHandler}): runs the check and turns its report into the invocation's answer (200 when
 * healthy, 500 with the problems otherwise, as text). The answer is for a person running the check
 * by hand; the schedule and the alarms use the log line's metrics.
 */
final class HealthCheckEvents {
  /**
   * Left at the end of the invocation after the last read may start: one AWS call's budget, and a
   * second for the log line and the answer.
   */
  static final Duration MARGIN = AwsCallBudget.LAMBDA.callTimeout().plusSeconds(1);

  /** The time limit without a Lambda context (tests): the deployed timeout less the margin. */
  static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(20).minus(MARGIN);

  private HealthCheckEvents() {}

  /** Runs the check within what is left of the invocation. */
  static APIGatewayProxyResponseEvent run(HealthCheck check, Context context) {
    if (check == null) {
      return answer(500, "dyndns53 health check: not available in this handler\n");
    }
    Duration limit =
        context == null
            ? DEFAULT_TIME_LIMIT
            : Duration.ofMillis(
                Math.max(0, context.getRemainingTimeInMillis() - MARGIN.toMillis()));
    HealthReport report = check.run(context == null ? null : context.getAwsRequestId(), limit);
    return answer(report.healthy() ? 200 : 500, report.summary());
  }

  private static APIGatewayProxyResponseEvent answer(int status, String body) {
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(status)
        .withHeaders(new LinkedHashMap<>(HttpAnswer.headersFor(200)))
        .withBody(body)
        .withIsBase64Encoded(false);
  }
}
