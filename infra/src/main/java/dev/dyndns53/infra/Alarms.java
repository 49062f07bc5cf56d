package dev.dyndns53.infra;

import dev.dyndns53.config.AlertsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.Stage;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The alarms that say dyndns53 stopped working before a host name points at an old address, all
 * sent to one SNS topic (state changes both ways, so a recovery is mailed too). docs/operations.md,
 * "Alarms", says what each one means and what to do.
 */
final class Alarms extends Construct {
  /** Five minutes: the shortest period standard-resolution custom metrics are cheap to alarm on. */
  static final Duration REQUEST_PERIOD = Duration.minutes(5);

  /**
   * Authentication failures in one {@link #REQUEST_PERIOD} that count as a burst. One router with a
   * wrong password retries at most about once a minute (ddclient's and inadyn's shortest intervals
   * in daemon mode), so at most 5 in five minutes; 10 means several routers broke at once (a
   * password rotated in Secrets Manager but not on the routers) or someone is guessing. The stage's
   * throttle (5 per second by default) still bounds how fast guessing can go.
   */
  static final int AUTH_FAILURE_BURST = 10;

  /**
   * How long without a health check counts as "not running": the schedule fires once a day within a
   * one-hour flexible window, so runs are at most 25 hours apart; 26 leaves an hour to spare.
   */
  static final int HEALTH_CHECK_SILENCE_HOURS = 26;

  private final String stackName;
  private final Topic topic;
  private final List<Alarm> alarms = new ArrayList<>();

  Alarms(
      Construct scope,
      String id,
      ServiceMetrics metrics,
      Alias function,
      Stage stage,
      AlertsConfig alerts) {
    super(scope, id);
    stackName = metrics.stackName();
    // enforceSsl: the topic policy denies publishing over plain HTTP. No KMS key: CloudWatch
    // cannot publish to a topic encrypted with the AWS-managed aws/sns key, a customer-managed key
    // costs $1 a month (more than the service), and the messages carry alarm names and states only.
    topic =
        Topic.Builder.create(this, "Topic")
            .displayName("dyndns53 " + metrics.stackName() + " alarms")
            .enforceSsl(true)
            .build();
    // A topic policy replaces SNS's default one, which is what lets an account's own alarms
    // publish;
    // so allow CloudWatch explicitly, for this stack's alarms only (confused deputy: the account
    // and the alarm ARN must both match).
    String alarmArns =
        Stack.of(this)
            .formatArn(
                ArnComponents.builder()
                    .service("cloudwatch")
                    .resource("alarm")
                    .resourceName(stackName + "-*")
                    .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                    .build());
    topic.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .sid("AlarmsOfThisStackPublish")
            .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
            .actions(List.of("sns:Publish"))
            .resources(List.of(topic.getTopicArn()))
            .conditions(
                Map.of(
                    "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                    "ArnLike", Map.of("aws:SourceArn", alarmArns)))
            .build());
    alerts.email().ifPresent(email -> topic.addSubscription(new EmailSubscription(email)));

    alarm(
        "ServerErrors",
        metrics.sum(ServiceMetrics.SERVER_ERRORS, REQUEST_PERIOD),
        ComparisonOperator.GREATER_THAN_THRESHOLD,
        0,
        1,
        TreatMissingData.NOT_BREACHING,
        "A request answered 911 or dnserr: Route 53 or Secrets Manager failed or refused an update."
            + " The function log's error field names the AWS error code.");
    alarm(
        "AuthFailureBurst",
        metrics.sum(ServiceMetrics.AUTH_FAILURES, REQUEST_PERIOD),
        ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        AUTH_FAILURE_BURST,
        1,
        TreatMissingData.NOT_BREACHING,
        AUTH_FAILURE_BURST
            + " or more badauth answers in 5 minutes: routers with an old password, or"
            + " someone guessing. The access log has the source addresses.");
    MetricOptions fiveMinuteSum =
        MetricOptions.builder().period(REQUEST_PERIOD).statistic("Sum").build();
    alarm(
        "FunctionErrors",
        function.metricErrors(fiveMinuteSum),
        ComparisonOperator.GREATER_THAN_THRESHOLD,
        0,
        1,
        TreatMissingData.NOT_BREACHING,
        "The function (alias live) failed without an answer: a crash, a timeout or out of memory.");
    alarm(
        "FunctionThrottles",
        function.metricThrottles(fiveMinuteSum),
        ComparisonOperator.GREATER_THAN_THRESHOLD,
        0,
        1,
        TreatMissingData.NOT_BREACHING,
        "Lambda refused to run the function (alias live): the account's concurrency is used up.");
    alarm(
        "Api5xx",
        stage.metricServerError(fiveMinuteSum),
        ComparisonOperator.GREATER_THAN_THRESHOLD,
        0,
        1,
        TreatMissingData.NOT_BREACHING,
        "API Gateway answered 5xx: the function failed, timed out or was throttled, or answered 911/dnserr.");
    // IGNORE keeps the state of the last run until the next one: a problem stays in ALARM until a
    // check finds none, instead of clearing itself an hour later.
    alarm(
        "HealthCheckProblems",
        metrics.sum(ServiceMetrics.HEALTH_CHECK_PROBLEMS, Duration.hours(1)),
        ComparisonOperator.GREATER_THAN_THRESHOLD,
        0,
        1,
        TreatMissingData.IGNORE,
        "The daily health check found something that will make updates fail (missing secret, missing"
            + " zone, access denied, a record set dyndns53 will not touch). Its log line lists each problem.");
    // Hourly periods, all of them empty: no run for 26 hours. Missing data is exactly the failure
    // here, so it breaches. Periods of an hour or more may span up to 7 days (PutMetricAlarm).
    alarm(
        "HealthCheckNotRunning",
        metrics.sum(ServiceMetrics.HEALTH_CHECKS, Duration.hours(1)),
        ComparisonOperator.LESS_THAN_THRESHOLD,
        1,
        HEALTH_CHECK_SILENCE_HOURS,
        TreatMissingData.BREACHING,
        "No health check has run for "
            + HEALTH_CHECK_SILENCE_HOURS
            + " hours: the schedule is disabled,"
            + " cannot invoke the function, or the function cannot write its log.");
  }

  private void alarm(
      String name,
      IMetric metric,
      ComparisonOperator comparison,
      double threshold,
      int periods,
      TreatMissingData missing,
      String description) {
    Alarm alarm =
        Alarm.Builder.create(this, name)
            .alarmName(stackName + "-" + name)
            .alarmDescription(description + " See docs/operations.md, \"Alarms\".")
            .metric(metric)
            .comparisonOperator(comparison)
            .threshold(threshold)
            .evaluationPeriods(periods)
            .datapointsToAlarm(periods)
            .treatMissingData(missing)
            .build();
    SnsAction notify = new SnsAction(topic);
    alarm.addAlarmAction(notify);
    alarm.addOkAction(notify);
    alarms.add(alarm);
  }

  Topic topic() {
    return topic;
  }

  List<Alarm> alarms() {
    return List.copyOf(alarms);
  }
}
