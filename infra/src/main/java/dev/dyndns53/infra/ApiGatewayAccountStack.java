package dev.dyndns53.infra;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.apigateway.CfnAccount;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * API Gateway's one account-and-region setting, the "CloudWatch log role ARN", in a stack of its
 * own, deployed once per account and region and shared by every dyndns53 stack there.
 *
 * <p>REST APIs can only write access logs once that role is set (API Gateway Developer Guide, "Set
 * up CloudWatch logging for REST APIs"), and it is one value for every REST API in the region. Set
 * by each dyndns53 stack, a second stack would overwrite the first one's role, and deleting either
 * would leave, or worse remove, the role that every API in the region logs through. Here exactly
 * one stack owns it, under a fixed name, so deploying another dyndns53 stack finds it unchanged;
 * and both resources are retained, so deleting this stack, too, leaves logging working.
 */
public final class ApiGatewayAccountStack extends Stack {
  /** Fixed, so every dyndns53 app in an account and region shares the one stack. */
  public static final String NAME = "Dyndns53ApiGatewayAccount";

  public ApiGatewayAccountStack(Construct scope, String id) {
    super(
        scope,
        id,
        StackProps.builder()
            .stackName(NAME)
            .description(
                "dyndns53: API Gateway's CloudWatch Logs role for this account and region (shared by every"
                    + " REST API here; kept when this stack is deleted)")
            .build());
    // AWS's own policy for exactly this role; its account-wide log scope is required, since the one
    // role writes the logs of every REST API in the region.
    Role role =
        Role.Builder.create(this, "CloudWatchRole")
            .assumedBy(new ServicePrincipal("apigateway.amazonaws.com"))
            .description(
                "API Gateway writes REST API logs of this account and region with this role")
            .managedPolicies(
                List.of(
                    ManagedPolicy.fromAwsManagedPolicyName(
                        "service-role/AmazonAPIGatewayPushToCloudWatchLogs")))
            .build();
    role.applyRemovalPolicy(RemovalPolicy.RETAIN);
    AcceptedFindings.accept(
        role,
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
            + "AmazonAPIGatewayPushToCloudWatchLogs]",
        "The policy AWS provides and documents for exactly this role;"
            + " one role writes the logs of every REST API in the region, so it needs the account-wide scope.");
    CfnAccount account =
        CfnAccount.Builder.create(this, "Account").cloudWatchRoleArn(role.getRoleArn()).build();
    account.applyRemovalPolicy(RemovalPolicy.RETAIN);
    Tags.of(this).add("project", "dyndns53");
  }
}
