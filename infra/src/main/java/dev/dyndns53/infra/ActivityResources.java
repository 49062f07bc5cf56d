package dev.dyndns53.infra;

import dev.dyndns53.activity.ActivityClients;
import dev.dyndns53.config.Dyndns53Config;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.MethodResponse;
import software.amazon.awscdk.services.apigateway.Model;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * Everything issue 17 adds to the stack, in one place: the history table, the notification topic
 * and its subscriptions, the function's variables and IAM for them, {@code GET /status} with its
 * own throttle, and an alarm on failed or skipped history and notification calls.
 */
final class ActivityResources extends Construct {
  /** The page, 401 asking to log in, 500/503 when the function cannot serve it. */
  static final List<String> STATUS_STATUSES = List.of("200", "401", "500", "503");

  private final HistoryTable history;
  private final Notifications notifications;

  ActivityResources(
      Construct scope,
      String id,
      String stackName,
      Dyndns53Config config,
      UpdateFunction function,
      RestApi api,
      ITopic alarmTopic) {
    super(scope, id);
    history = new HistoryTable(this, "History");
    notifications = new Notifications(this, "Notifications", stackName, config);
    // The role's one inline policy: the managed policies (10 per role) are all FunctionPermissions'
    // for the hosts' record statements, and these two small statements fit the role's separate
    // inline quota (10,240 characters) whatever the number of hosts.
    function.role().addToPrincipalPolicy(history.historyStatement());
    function.role().addToPrincipalPolicy(notifications.publishStatement());
    function
        .function()
        .addEnvironment(ActivityClients.HISTORY_TABLE_VARIABLE, history.table().getTableName());
    function
        .function()
        .addEnvironment(ActivityClients.TOPIC_VARIABLE, notifications.topic().getTopicArn());

    Method status =
        api.getRoot()
            .addResource(UpdateApi.STATUS_PATH.substring(1))
            .addMethod(
                "GET",
                LambdaIntegration.Builder.create(function.alias())
                    .proxy(true)
                    .allowTestInvoke(false)
                    .build(),
                MethodOptions.builder()
                    .methodResponses(
                        STATUS_STATUSES.stream()
                            .map(
                                s ->
                                    MethodResponse.builder()
                                        .statusCode(s)
                                        .responseModels(Map.of("text/html", Model.EMPTY_MODEL))
                                        .build())
                            .toList())
                    .build());
    String basicAuth =
        "The status page takes the routers' HTTP Basic credentials, checked by the function as for"
            + " updates (constant-time, against Secrets Manager); people open it in a browser.";
    AcceptedFindings.accept(status, "AwsSolutions-APIG4", basicAuth);
    AcceptedFindings.accept(status, "AwsSolutions-COG4", basicAuth);

    Alarm alarm =
        Alarm.Builder.create(this, "SideCallFailures")
            .alarmName(stackName + "-SideCallFailures")
            .alarmDescription(
                "History writes or notifications failed or were skipped; the routers' answers were"
                    + " not affected (docs/status-page.md). See docs/operations.md, \"Alarms\".")
            .metric(
                Metric.Builder.create()
                    .namespace(ServiceMetrics.NAMESPACE)
                    .metricName("SideCallFailures")
                    .dimensionsMap(Map.of(ServiceMetrics.STACK, stackName))
                    .statistic("Sum")
                    .period(Duration.hours(1))
                    .build())
            .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
            .threshold(1)
            .evaluationPeriods(1)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
    alarm.addAlarmAction(new SnsAction(alarmTopic));
    alarm.addOkAction(new SnsAction(alarmTopic));
  }

  HistoryTable history() {
    return history;
  }

  Notifications notifications() {
    return notifications;
  }
}
