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
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.IFilterPattern;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
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
   * How long without a health check counts as "not running": the schedule fires every 4 hours, so 9
   * hours is two runs missed, with an hour to spare for retries.
   */
  static final int HEALTH_CHECK_SILENCE_HOURS = 9;

  /**
   * A 5xx that API Gateway gave itself, not for throttling (THROTTLED, QUOTA_EXCEEDED), and not
   * after Lambda ran the function (lambdaServiceStatus 200: its answers are ServerErrors, its
   * crashes FunctionErrors) nor refused for concurrency (429: FunctionThrottles).
   */
  static final IFilterPattern GATEWAY_FAILURES =
      FilterPattern.all(
          FilterPattern.stringValue("$.status", "=", "5*"),
          FilterPattern.stringValue("$.errorType", "!=", "THROTTLED"),
          FilterPattern.stringValue("$.errorType", "!=", "QUOTA_EXCEEDED"),
          FilterPattern.stringValue("$.lambdaServiceStatus", "!=", "200"),
          FilterPattern.stringValue("$.lambdaServiceStatus", "!=", "429"));

  static final String GATEWAY_FAILURES_METRIC = "GatewayFailures";

  /** The ids of {@link #releaseAlarms()}. */
  static final List<String> RELEASE_ALARMS = List.of("FunctionErrors", "GatewayFailures");

  private final String stackName;
  private final Topic topic;
  private final List<Alarm> alarms = new ArrayList<>();

  Alarms(
      Construct scope,
      String id,
      ServiceMetrics metrics,
      Alias function,
      ILogGroup accessLogs,
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
    // Not API Gateway's 5XXError: it counts the 503s of throttled requests too, so a stranger's
    // flood of /checkip would page the operator, and it counts every 911 (ServerErrors) and crash
    // (FunctionErrors) a second time. This counts only what neither of those sees: 5xx answers
    // API Gateway gave because Lambda itself could not run the function (a SnapStart version being
    // re-initialised, a missing invoke permission, Lambda failing), from the access log.
    MetricFilter gatewayFailures =
        MetricFilter.Builder.create(this, "GatewayFailuresFilter")
            .logGroup(accessLogs)
            .filterPattern(GATEWAY_FAILURES)
            // A metric filter's dimensions can only be fields of the line, and the access log has
            // no stack field: the stack is in the namespace instead.
            .metricNamespace(ServiceMetrics.NAMESPACE + "/" + stackName)
            .metricName(GATEWAY_FAILURES_METRIC)
            .metricValue("1")
            .build();
    alarm(
        "GatewayFailures",
        gatewayFailures.metric(
            MetricOptions.builder().period(REQUEST_PERIOD).statistic("Sum").build()),
        ComparisonOperator.GREATER_THAN_THRESHOLD,
        0,
        1,
        TreatMissingData.NOT_BREACHING,
        "API Gateway answered 5xx because Lambda could not run the function (lambdaServiceStatus"
            + " not 200): a SnapStart version being re-initialised, a missing invoke permission, or"
            + " Lambda failing. Throttled requests and the function's own answers do not count.");
    // IGNORE keeps the state of the last run until the next one: a problem stays in ALARM until a
    // check finds none, instead of clearing itself an hour later.
    alarm(
        "HealthCheckProblems",
        metrics.sum(ServiceMetrics.HEALTH_CHECK_PROBLEMS, Duration.hours(1)),
        ComparisonOperator.GREATER_THAN_THRESHOLD,
        0,
        1,
        TreatMissingData.IGNORE,
        "The last health check found something that will make updates fail (missing secret, missing"
            + " zone, access denied, a record set dyndns53 will not touch). Its log line lists each problem.");
    // IGNORE for the same reason: the state holds until a run reaches all of its share.
    alarm(
        "HealthCheckZonesSkipped",
        metrics.sum(ServiceMetrics.HEALTH_CHECK_ZONES_SKIPPED, Duration.hours(1)),
        ComparisonOperator.GREATER_THAN_THRESHOLD,
        0,
        1,
        TreatMissingData.IGNORE,
        "The last health check ran out of time before reading all of its share of the zones, so"
            + " the rotation no longer reads every zone within its stated number of runs. Its log"
            + " line lists what it left (notChecked); Route 53 paging of large zones or throttling"
            + " by other tools slow it.");
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

  /**
   * The alarms that stop a release while CodeDeploy moves alias live and move it back: the
   * function's crashes and API Gateway's failures to run it, both about the function's code, not
   * about Route 53, secrets or strangers' traffic.
   */
  List<IAlarm> releaseAlarms() {
    return alarms.stream()
        .filter(alarm -> RELEASE_ALARMS.contains(alarm.getNode().getId()))
        .map(IAlarm.class::cast)
        .toList();
  }

  Topic topic() {
    return topic;
  }

  List<Alarm> alarms() {
    return List.copyOf(alarms);
  }
}
