package dev.dyndns53.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.notify.FilterPolicies;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The resources of issue 17: history table, notification topic, GET /status, IAM, alarm. */
class ActivityStackTest extends StackSafetyContract {
  private static final String ZONE = "Z0123456789EXAMPLE01";

  @TempDir static Path work;
  static Dyndns53Config config;
  static Dyndns53Stack stack;
  static Template template;

  @BeforeAll
  static void synthesize() {
    Path configFile =
        TestStacks.write(
            work.resolve("activity.json"),
            """
            {"hosts": {"home.example.com": {"zoneId": "%1$s"},
                       "office.example.com": {"zoneId": "%1$s", "email": "ops@example.com"}},
             "users": {"alice": {"hosts": ["home.example.com"], "email": "alice@example.com"},
                       "bob": {"hosts": ["office.example.com"]}}}
            """
                .formatted(ZONE));
    config = ConfigParser.load(configFile);
    stack = TestStacks.stack(configFile, work);
    template = Template.fromStack(stack);
  }

  @Override
  Template template() {
    return template;
  }

  @Override
  Dyndns53Stack stack() {
    return stack;
  }

  @Override
  Dyndns53Config config() {
    return config;
  }

  @Test
  void historyTable_isOnDemand_withPointInTimeRecovery_theTtl_andAGeneratedName() {
    template.resourceCountIs("AWS::DynamoDB::Table", 1);
    template.hasResource(
        "AWS::DynamoDB::Table",
        Map.of(
            "DeletionPolicy",
            "Retain",
            "Properties",
            Map.of(
                "BillingMode", "PAY_PER_REQUEST",
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
                "TableName", Match.absent())));
  }

  @Test
  void eachAddress_isOneSubscription_withTheFilterPolicyTheFunctionComputes() {
    // One per address; the alarm topic has none without alerts.email.
    template.resourceCountIs("AWS::SNS::Subscription", 2);
    for (FilterPolicies.Subscription s : FilterPolicies.of(config)) {
      template.hasResourceProperties(
          "AWS::SNS::Subscription",
          Map.of(
              "Protocol", "email",
              "Endpoint", s.email(),
              "FilterPolicy", Map.of("host", s.hosts())));
    }
  }

  @Test
  void function_mayUseExactlyTheHistoryCallsOnTheTable_andPublishOnlyToTheTopic() {
    template.hasResourceProperties(
        "AWS::IAM::Policy",
        Match.objectLike(
            Map.of(
                "PolicyDocument",
                Match.objectLike(
                    Map.of(
                        "Statement",
                        Match.arrayWith(
                            List.of(
                                Map.of(
                                    "Sid",
                                    "HistoryTable",
                                    "Effect",
                                    "Allow",
                                    "Action",
                                    HistoryTable.ACTIONS,
                                    "Resource",
                                    Map.of(
                                        "Fn::GetAtt",
                                        List.of(
                                            Match.stringLikeRegexp("ActivityHistory.*"), "Arn"))),
                                Map.of(
                                    "Sid", "NotificationTopic",
                                    "Effect", "Allow",
                                    "Action", "sns:Publish",
                                    "Resource",
                                        Map.of(
                                            "Ref",
                                            Match.stringLikeRegexp(
                                                "ActivityNotificationsTopic.*"))))))))));
  }

  @Test
  void statusMethod_hasItsOwnThrottle_besideTheStageWideOne() {
    template.hasResourceProperties("AWS::ApiGateway::Resource", Map.of("PathPart", "status"));
    template.hasResourceProperties(
        "AWS::ApiGateway::Stage",
        Map.of(
            "MethodSettings",
            Match.arrayWith(
                List.of(
                    Match.objectLike(Map.of("ResourcePath", "/*", "HttpMethod", "*")),
                    Map.of(
                        "ResourcePath",
                        "/~1status",
                        "HttpMethod",
                        "GET",
                        "ThrottlingRateLimit",
                        1,
                        "ThrottlingBurstLimit",
                        5,
                        "LoggingLevel",
                        "OFF",
                        "DataTraceEnabled",
                        false,
                        "MetricsEnabled",
                        false)))));
  }

  @Test
  void statusThrottle_comesFromApiThrottlingStatus() {
    Path configFile =
        TestStacks.write(
            work.resolve("status-throttle.json"),
            """
            {"hosts": {"home.example.com": {"zoneId": "%s"}},
             "users": {"alice": {"hosts": ["home.example.com"]}},
             "api": {"throttling": {"status": {"rateLimit": 0.5, "burstLimit": 3}}}}
            """
                .formatted(ZONE));
    Path out = work.resolve("status-throttle");
    Template.fromStack(TestStacks.stack(configFile, out))
        .hasResourceProperties(
            "AWS::ApiGateway::Stage",
            Map.of(
                "MethodSettings",
                Match.arrayWith(
                    List.of(ExampleConfigStackTest.throttle("GET", "/~1status", 0.5, 3)))));
  }

  @Test
  void failedSideCalls_areAlarmed() {
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Match.objectLike(Map.of("MetricName", "SideCallFailures", "Threshold", 1)));
  }

  @Test
  void aConfigurationPastSnsQuotas_failsSynth_namingTheQuota() {
    StringBuilder hosts = new StringBuilder();
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < 151; i++) {
      hosts
          .append(i == 0 ? "" : ",")
          .append("\"h%d.example.com\": {\"zoneId\": \"%s\"}".formatted(i, ZONE));
      names.append(i == 0 ? "" : ",").append("\"h%d.example.com\"".formatted(i));
    }
    Path configFile =
        TestStacks.write(
            work.resolve("quota.json"),
            "{\"hosts\": {%s}, \"users\": {\"a\": {\"email\": \"a@example.com\", \"hosts\": [%s]}}}"
                .formatted(hosts, names));

    DeploymentLimitException thrown =
        assertThrows(DeploymentLimitException.class, () -> TestStacks.stack(configFile, work));

    assertTrue(thrown.getMessage().contains("maximum combinations of values"), thrown.getMessage());
    assertEquals(true, thrown.getMessage().contains("a@example.com"));
  }
}
