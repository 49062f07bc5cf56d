package dev.dyndns53.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * What an operator gets: the alarms and their topic, the dashboard and the daily health check, for
 * a stack named {@code HomeDns} whose configuration subscribes an address to the alarms.
 */
class OperationsTest {
  private static final String STACK = "HomeDns";

  @TempDir static Path work;
  static Template template;

  /** The same configuration without {@code alerts}. */
  static Template withoutEmail;

  @BeforeAll
  static void synthesize() {
    String config =
        """
        {"hosts": {"home.example.com": {"zoneId": "Z0123456789EXAMPLE01"}},
         "users": {"edgerouter": {"hosts": ["home.example.com"]}}%s}
        """;
    Path withAlerts =
        TestStacks.write(
            work.resolve("alerts.json"),
            config.formatted(", \"alerts\": {\"email\": \"ops@example.com\"}"));
    Path plain = TestStacks.write(work.resolve("plain.json"), config.formatted(""));
    template = Template.fromStack(stack(withAlerts, work.resolve("a")));
    withoutEmail = Template.fromStack(stack(plain, work.resolve("b")));
  }

  private static Dyndns53Stack stack(Path configFile, Path dir) {
    return new Dyndns53Stack(
        TestStacks.app(Map.of()),
        STACK,
        new Dyndns53StackProps(
            dev.dyndns53.config.ConfigParser.load(configFile),
            configFile,
            TestStacks.standInJar(dir),
            dir.resolve("asset"),
            FunctionSettings.DEFAULT));
  }

  private static String onlyLogicalId(String type) {
    if (type.equals("AWS::SNS::Topic")) {
      // Issue 17 adds the notification topic; the alarms' topic is the one under Alarms.
      List<String> alarmTopics =
          template.findResources(type).keySet().stream()
              .filter(id -> id.startsWith("Alarms"))
              .toList();
      org.junit.jupiter.api.Assertions.assertEquals(1, alarmTopics.size(), alarmTopics.toString());
      return alarmTopics.get(0);
    }
    return ExampleConfigStackTest.onlyLogicalIdIn(template, type);
  }

  private static Map<String, Object> alarm(String name) {
    Map<String, Map<String, Object>> found =
        template.findResources(
            "AWS::CloudWatch::Alarm",
            Match.objectLike(
                Map.of("Properties", Match.objectLike(Map.of("AlarmName", STACK + "-" + name)))));
    assertEquals(1, found.size(), "alarms named " + STACK + "-" + name);
    return ExampleConfigStackTest.properties(found.values().iterator().next());
  }

  private static Map<String, Object> ownMetric(String metricName, int period) {
    return Map.of(
        "Namespace",
        "dyndns53",
        "MetricName",
        metricName,
        "Statistic",
        "Sum",
        "Period",
        period,
        "Dimensions",
        List.of(Map.of("Name", "Stack", "Value", STACK)));
  }

  private static void assertAlarm(String name, Map<String, Object> expected) {
    Map<String, Object> alarm = alarm(name);
    expected.forEach((key, value) -> assertEquals(value, alarm.get(key), name + "." + key));
  }

  @Test
  void serverErrors_alarmOnAnyOneIn5Minutes() {
    Map<String, Object> expected = new java.util.HashMap<>(ownMetric("ServerErrors", 300));
    expected.putAll(
        Map.of(
            "ComparisonOperator",
            "GreaterThanThreshold",
            "Threshold",
            0,
            "EvaluationPeriods",
            1,
            "TreatMissingData",
            "notBreaching"));
    assertAlarm("ServerErrors", expected);
  }

  @Test
  void authFailures_alarmOnABurstOfTenIn5Minutes() {
    Map<String, Object> expected = new java.util.HashMap<>(ownMetric("AuthFailures", 300));
    expected.putAll(
        Map.of(
            "ComparisonOperator",
            "GreaterThanOrEqualToThreshold",
            "Threshold",
            10,
            "EvaluationPeriods",
            1,
            "TreatMissingData",
            "notBreaching"));
    assertAlarm("AuthFailureBurst", expected);
  }

  @Test
  void healthCheckProblems_alarmOnAnyAndHoldUntilTheNextRun() {
    Map<String, Object> expected = new java.util.HashMap<>(ownMetric("HealthCheckProblems", 3600));
    expected.putAll(
        Map.of(
            "ComparisonOperator",
            "GreaterThanThreshold",
            "Threshold",
            0,
            "EvaluationPeriods",
            1,
            "TreatMissingData",
            "ignore"));
    assertAlarm("HealthCheckProblems", expected);
  }

  @Test
  void healthCheckZonesSkipped_alarmsOnAnyAndHoldsUntilARunReachesItsShare() {
    Map<String, Object> expected =
        new java.util.HashMap<>(ownMetric("HealthCheckZonesSkipped", 3600));
    expected.putAll(
        Map.of(
            "ComparisonOperator",
            "GreaterThanThreshold",
            "Threshold",
            0,
            "EvaluationPeriods",
            1,
            "TreatMissingData",
            "ignore"));
    assertAlarm("HealthCheckZonesSkipped", expected);
  }

  @Test
  void healthCheckNotRunning_alarmsAfter9HoursWithoutARun_twoMissedRuns() {
    Map<String, Object> expected = new java.util.HashMap<>(ownMetric("HealthChecks", 3600));
    expected.putAll(
        Map.of(
            "ComparisonOperator",
            "LessThanThreshold",
            "Threshold",
            1,
            "EvaluationPeriods",
            9,
            "DatapointsToAlarm",
            9,
            "TreatMissingData",
            "breaching"));
    assertAlarm("HealthCheckNotRunning", expected);
    // PutMetricAlarm: at most 7 days of evaluation for periods of an hour or more.
    assertTrue(3600 * 9 <= 7 * 86_400);
  }

  @Test
  void functionErrorsAndThrottles_alarmOnTheLiveAlias() {
    String function = ExampleConfigStackTest.updateFunctionIdIn(template);
    Object dimensions =
        List.of(
            Map.of("Name", "FunctionName", "Value", Map.of("Ref", function)),
            Map.of(
                "Name",
                "Resource",
                "Value",
                Map.of("Fn::Join", List.of("", List.of(Map.of("Ref", function), ":live")))));
    for (String[] alarm :
        new String[][] {{"FunctionErrors", "Errors"}, {"FunctionThrottles", "Throttles"}}) {
      assertAlarm(
          alarm[0],
          Map.of(
              "Namespace",
              "AWS/Lambda",
              "MetricName",
              alarm[1],
              "Statistic",
              "Sum",
              "Period",
              300,
              "Dimensions",
              dimensions,
              "ComparisonOperator",
              "GreaterThanThreshold",
              "Threshold",
              0,
              "TreatMissingData",
              "notBreaching"));
    }
  }

  @Test
  void noAlarmWatchesApiGateways5xxError_whichCountsThrottledRequestsAndCountsFailuresTwice() {
    for (Map<String, Object> resource : template.findResources("AWS::CloudWatch::Alarm").values()) {
      Map<String, Object> alarm = ExampleConfigStackTest.properties(resource);
      assertNotEquals("5XXError", alarm.get("MetricName"), alarm.get("AlarmName").toString());
      assertNotEquals("AWS/ApiGateway", alarm.get("Namespace"), alarm.get("AlarmName").toString());
    }
  }

  @Test
  void gatewayFailures_countOnlyWhatLambdaCouldNotRun_neverThrottledRequests() {
    template.hasResourceProperties(
        "AWS::Logs::MetricFilter",
        Map.of(
            "LogGroupName",
            Map.of("Ref", Match.stringLikeRegexp("UpdateApiAccessLogs.*")),
            "FilterPattern",
            "{ ($.status = \"5*\") && ($.errorType != \"THROTTLED\") && ($.errorType !="
                + " \"QUOTA_EXCEEDED\") && ($.lambdaServiceStatus != \"200\") &&"
                + " ($.lambdaServiceStatus != \"429\") }",
            "MetricTransformations",
            List.of(
                Map.of(
                    "MetricNamespace",
                    "dyndns53/" + STACK,
                    "MetricName",
                    "GatewayFailures",
                    "MetricValue",
                    "1"))));
    Map<String, Object> alarm = alarm("GatewayFailures");
    assertEquals("dyndns53/" + STACK, alarm.get("Namespace"));
    assertEquals("GatewayFailures", alarm.get("MetricName"));
    assertEquals("Sum", alarm.get("Statistic"));
    assertEquals(300, alarm.get("Period"));
    assertEquals("notBreaching", alarm.get("TreatMissingData"));
  }

  @Test
  void everyAlarm_notifiesTheTopicOnAlarmAndOnRecovery() {
    Object topic = List.of(Map.of("Ref", onlyLogicalId("AWS::SNS::Topic")));
    Set<String> names = new TreeSet<>();
    for (Map<String, Object> resource : template.findResources("AWS::CloudWatch::Alarm").values()) {
      Map<String, Object> alarm = ExampleConfigStackTest.properties(resource);
      names.add((String) alarm.get("AlarmName"));
      assertEquals(topic, alarm.get("AlarmActions"), alarm.get("AlarmName").toString());
      assertEquals(topic, alarm.get("OKActions"), alarm.get("AlarmName").toString());
      assertTrue(
          alarm.get("AlarmDescription").toString().endsWith("See docs/operations.md, \"Alarms\"."));
    }
    assertEquals(
        new TreeSet<>(
            List.of(
                "HomeDns-ServerErrors",
                "HomeDns-AuthFailureBurst",
                "HomeDns-FunctionErrors",
                "HomeDns-FunctionThrottles",
                "HomeDns-GatewayFailures",
                "HomeDns-HealthCheckProblems",
                "HomeDns-HealthCheckNotRunning",
                "HomeDns-HealthCheckZonesSkipped",
                "HomeDns-SideCallFailures")), // issue 17
        names);
  }

  @Test
  void alertsEmail_subscribesTheAddressToTheTopic() {
    template.resourceCountIs("AWS::SNS::Subscription", 1);
    template.hasResourceProperties(
        "AWS::SNS::Subscription",
        Map.of(
            "Protocol", "email",
            "Endpoint", "ops@example.com",
            "TopicArn", Map.of("Ref", onlyLogicalId("AWS::SNS::Topic"))));
  }

  @Test
  void withoutAlertsEmail_theTopicHasNoSubscription() {
    withoutEmail.resourceCountIs("AWS::SNS::Topic", 2); // the alarms' and issue 17's
    withoutEmail.resourceCountIs("AWS::SNS::Subscription", 0);
    withoutEmail.resourceCountIs("AWS::CloudWatch::Alarm", 9); // 8 + issue 17's SideCallFailures
  }

  @Test
  void topic_refusesPublishingWithoutTlsAndLetsOnlyThisStacksAlarmsPublish() {
    Object topic = Map.of("Ref", onlyLogicalId("AWS::SNS::Topic"));
    Object alarms =
        Map.of(
            "Fn::Join",
            List.of(
                "",
                List.of(
                    "arn:",
                    Map.of("Ref", "AWS::Partition"),
                    ":cloudwatch:",
                    Map.of("Ref", "AWS::Region"),
                    ":",
                    Map.of("Ref", "AWS::AccountId"),
                    ":alarm:" + STACK + "-*")));
    template.hasResourceProperties(
        "AWS::SNS::TopicPolicy",
        Match.objectLike(
            Map.of(
                "PolicyDocument",
                Match.objectLike(
                    Map.of(
                        "Statement",
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "Effect",
                                    "Deny",
                                    "Condition",
                                    Map.of("Bool", Map.of("aws:SecureTransport", "false")))),
                            Map.of(
                                "Sid",
                                "AlarmsOfThisStackPublish",
                                "Effect",
                                "Allow",
                                "Principal",
                                Map.of("Service", "cloudwatch.amazonaws.com"),
                                "Action",
                                "sns:Publish",
                                "Resource",
                                topic,
                                "Condition",
                                Map.of(
                                    "StringEquals",
                                        Map.of(
                                            "aws:SourceAccount", Map.of("Ref", "AWS::AccountId")),
                                    "ArnLike", Map.of("aws:SourceArn", alarms)))))))));
  }

  @Test
  @SuppressWarnings("unchecked")
  void dashboard_showsTheFiguresTheAlarmsWatch() {
    Capture body = new Capture();
    template.hasResourceProperties(
        "AWS::CloudWatch::Dashboard",
        Match.objectLike(
            Map.of(
                "DashboardName",
                Map.of(
                    "Fn::Join",
                    List.of("-", List.of("dyndns53-" + STACK, Map.of("Ref", "AWS::Region")))),
                "DashboardBody",
                body)));
    String text = body.asObject().toString();
    for (String figure :
        List.of(
            "Requests by answer",
            "SEARCH('{dyndns53,Stack,Answer} MetricName=\\\"Requests\\\"",
            "ServerErrors",
            "AuthFailures",
            "Route53Calls",
            "Latency",
            "\"Errors\"",
            "\"Throttles\"",
            "\"Duration\"",
            "4XXError",
            "5XXError",
            "HealthChecks",
            "HealthCheckProblems",
            "\"type\":\"alarm\"")) {
      assertTrue(text.contains(figure), figure + " in " + text);
    }
  }

  @Test
  void healthCheck_runsEveryFourHoursOnTheHour_onTheLiveAliasWithTheCheckEvent() {
    template.hasResourceProperties(
        "AWS::Scheduler::Schedule",
        Match.objectLike(
            Map.of(
                "ScheduleExpression",
                "cron(0 0/4 * * ? *)",
                "ScheduleExpressionTimezone",
                "UTC",
                "State",
                "ENABLED",
                "FlexibleTimeWindow",
                Map.of("Mode", "OFF"),
                "Target",
                Match.objectLike(
                    Map.of(
                        "Arn", Map.of("Ref", onlyLogicalId("AWS::Lambda::Alias")),
                        "Input", "{\"resource\":\"dyndns53:health-check\"}",
                        "RoleArn", Map.of("Fn::GetAtt", List.of(schedulerRole(), "Arn")))))));
  }

  private static String schedulerRole() {
    Map<String, Map<String, Object>> roles =
        template.findResources(
            "AWS::IAM::Role",
            Match.objectLike(
                Map.of(
                    "Properties",
                    Match.objectLike(
                        Map.of(
                            "AssumeRolePolicyDocument",
                            Match.objectLike(
                                Map.of(
                                    "Statement",
                                    List.of(
                                        Match.objectLike(
                                            Map.of(
                                                "Principal",
                                                Map.of(
                                                    "Service", "scheduler.amazonaws.com")))))))))));
    assertEquals(1, roles.size());
    return roles.keySet().iterator().next();
  }

  @Test
  void healthCheckRole_mayInvokeOnlyTheLiveAliasAndOnlyForThisAccount() {
    template.hasResourceProperties(
        "AWS::IAM::Role",
        Match.objectLike(
            Map.of(
                "AssumeRolePolicyDocument",
                    Match.objectLike(
                        Map.of(
                            "Statement",
                            List.of(
                                Map.of(
                                    "Action",
                                    "sts:AssumeRole",
                                    "Effect",
                                    "Allow",
                                    "Principal",
                                    Map.of("Service", "scheduler.amazonaws.com"),
                                    "Condition",
                                    Map.of(
                                        "StringEquals",
                                        Map.of(
                                            "aws:SourceAccount",
                                            Map.of("Ref", "AWS::AccountId"))))))),
                "Policies",
                    List.of(
                        Map.of(
                            "PolicyName",
                            "InvokeLiveAlias",
                            "PolicyDocument",
                            Match.objectLike(
                                Map.of(
                                    "Statement",
                                    List.of(
                                        Map.of(
                                            "Sid", "InvokeLiveAlias",
                                            "Effect", "Allow",
                                            "Action", "lambda:InvokeFunction",
                                            "Resource",
                                                Map.of(
                                                    "Ref",
                                                    onlyLogicalId("AWS::Lambda::Alias")))))))),
                "ManagedPolicyArns", Match.absent())));
    schedulerRole();
  }

  @Test
  void healthCheck_addsNoResourcePolicyToTheFunction() {
    // Scheduler invokes with its role; the only invoke permissions stay API Gateway's two.
    template.allResourcesProperties(
        "AWS::Lambda::Permission",
        Match.objectLike(Map.of("Principal", "apigateway.amazonaws.com")));
  }

  @Test
  void function_namesItsStackForTheMetricsDimension() {
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Match.objectLike(
            Map.of(
                "Environment",
                Map.of("Variables", Match.objectLike(Map.of("DYNDNS53_STACK_NAME", STACK))))));
  }

  /** The literal the schedule sends is the one the function's handler recognises. */
  @Test
  void healthCheckEvent_isTheFunctionsConstant() {
    assertEquals("dyndns53:health-check", dev.dyndns53.health.HealthCheck.EVENT_RESOURCE);
    assertEquals(
        "{\"resource\":\"" + dev.dyndns53.health.HealthCheck.EVENT_RESOURCE + "\"}",
        HealthCheckSchedule.EVENT);
  }
}
