package dev.dyndns53.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The one stack per account and region that sets API Gateway's logging role, and keeps it. */
class ApiGatewayAccountStackTest {
  static Template template;

  @BeforeAll
  static void synthesize() {
    template = Template.fromStack(new ApiGatewayAccountStack(TestStacks.app(Map.of()), "Account"));
  }

  @Test
  void stack_hasItsFixedNameWhateverTheConstructId() {
    assertEquals(
        "Dyndns53ApiGatewayAccount",
        new ApiGatewayAccountStack(TestStacks.app(Map.of()), "AnyId").getStackName());
  }

  @Test
  void account_pointsAtARoleOnlyApiGatewayAssumesWithAwsPushPolicy() {
    String role = ExampleConfigStackTest.onlyLogicalIdIn(template, "AWS::IAM::Role");
    template.hasResourceProperties(
        "AWS::ApiGateway::Account",
        Map.of("CloudWatchRoleArn", Map.of("Fn::GetAtt", List.of(role, "Arn"))));
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
                                    Map.of("Service", "apigateway.amazonaws.com"))))),
                "ManagedPolicyArns",
                    List.of(
                        Map.of(
                            "Fn::Join",
                            List.of(
                                "",
                                List.of(
                                    "arn:",
                                    Map.of("Ref", "AWS::Partition"),
                                    ":iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs")))),
                "Policies", Match.absent())));
  }

  @Test
  void roleAndSetting_areKeptWhenTheStackIsDeleted() {
    for (String type : List.of("AWS::ApiGateway::Account", "AWS::IAM::Role")) {
      template.allResources(
          type,
          Match.objectLike(Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain")));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void stack_holdsNothingElse() {
    Map<String, Map<String, Object>> resources =
        (Map<String, Map<String, Object>>) template.toJSON().get("Resources");
    assertEquals(
        List.of("AWS::ApiGateway::Account", "AWS::IAM::Role"),
        resources.values().stream().map(r -> (String) r.get("Type")).sorted().toList());
  }
}
