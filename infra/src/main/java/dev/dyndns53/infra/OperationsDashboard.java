package dev.dyndns53.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.apigateway.Stage;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.lambda.Alias;
import software.constructs.Construct;

/**
 * One CloudWatch dashboard with the figures the alarms watch, and the ones that explain them:
 * requests by answer, server errors, authentication failures, Route 53 calls, latency, the
 * function's errors, throttles and duration, the API's 4xx and 5xx, and the health check.
 */
final class OperationsDashboard extends Construct {
  static final Duration PERIOD = Duration.minutes(5);

  private final Dashboard dashboard;

  OperationsDashboard(
      Construct scope,
      String id,
      ServiceMetrics metrics,
      Alias function,
      Stage stage,
      List<? extends IAlarm> alarms) {
    super(scope, id);
    // Dashboards are global to the account, stacks per region: the region keeps two stacks of the
    // same name in two regions from claiming the same dashboard.
    dashboard =
        Dashboard.Builder.create(this, "Dashboard")
            .dashboardName(Fn.join("-", List.of("dyndns53", metrics.stackName(), Aws.REGION)))
            .build();
    MetricOptions sum = MetricOptions.builder().period(PERIOD).statistic("Sum").build();

    dashboard.addWidgets(
        AlarmStatusWidget.Builder.create()
            .title("Alarms")
            .alarms(List.copyOf(alarms))
            .width(24)
            .build());
    dashboard.addWidgets(
        graph(
            "Requests by answer",
            List.of(
                MathExpression.Builder.create()
                    .expression(metrics.requestsByAnswerSearch(PERIOD))
                    .usingMetrics(Map.of())
                    .label("")
                    .period(PERIOD)
                    .build())),
        graph(
            "Server errors (911, dnserr) and authentication failures (badauth)",
            List.of(
                metrics.sum(ServiceMetrics.SERVER_ERRORS, PERIOD),
                metrics.sum(ServiceMetrics.AUTH_FAILURES, PERIOD))));
    dashboard.addWidgets(
        graph("Route 53 calls", List.of(metrics.sum(ServiceMetrics.ROUTE53_CALLS, PERIOD))),
        graph(
            "Request latency (ms)",
            List.of(
                metrics.latency("p50", PERIOD),
                metrics.latency("p99", PERIOD),
                metrics.latency("Maximum", PERIOD))));
    dashboard.addWidgets(
        graph(
            "Function (alias live): errors and throttles",
            List.of(
                function.metricErrors(sum),
                function.metricThrottles(sum),
                function.metricInvocations(sum))),
        graph(
            "Function (alias live): duration (ms)",
            List.of(
                function.metricDuration(
                    MetricOptions.builder().period(PERIOD).statistic("p50").build()),
                function.metricDuration(
                    MetricOptions.builder().period(PERIOD).statistic("p99").build()),
                function.metricDuration(
                    MetricOptions.builder().period(PERIOD).statistic("Maximum").build()))));
    Duration day = Duration.days(1);
    dashboard.addWidgets(
        graph(
            "API: 4xx and 5xx answers",
            List.of(
                stage.metricClientError(sum),
                stage.metricServerError(sum),
                stage.metricCount(sum))),
        graph(
            "Daily health check: runs and problems found",
            List.of(
                metrics.sum(ServiceMetrics.HEALTH_CHECKS, day),
                metrics.sum(ServiceMetrics.HEALTH_CHECK_PROBLEMS, day))));
  }

  private static GraphWidget graph(String title, List<? extends IMetric> left) {
    return GraphWidget.Builder.create()
        .title(title)
        .left(List.copyOf(left))
        .width(12)
        .height(6)
        .build();
  }

  Dashboard dashboard() {
    return dashboard;
  }
}
