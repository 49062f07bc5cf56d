package dev.dyndns53.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.codedeploy.AutoRollbackConfig;
import software.amazon.awscdk.services.codedeploy.LambdaDeploymentConfig;
import software.amazon.awscdk.services.codedeploy.LambdaDeploymentGroup;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IVersion;
import software.amazon.awscdk.services.lambda.Runtime;
import software.constructs.Construct;

/**
 * A bad release rolls itself back: CloudFormation moves alias {@value UpdateFunction#ALIAS} through
 * a CodeDeploy deployment (the alias's {@code CodeDeployLambdaAliasUpdate} update policy) instead
 * of in one step. Before any traffic moves, a hook function ({@code
 * dev.dyndns53.release.PreTrafficHookHandler}) invokes the new version with the health check and a
 * {@code GET /checkip} and reports Succeeded or Failed; Failed stops the deployment with the alias
 * where it was, and the stack update fails and rolls back. While the deployment runs, the
 * function's failure alarms stop it too, and CodeDeploy moves the alias back.
 *
 * <p>All at once, not a canary: a household sends a few requests a day, so a canary's 10 % would
 * see nothing in its minutes and only delay the release. The hook is the test that always runs.
 */
final class ReleaseRollback extends Construct {
  static final String HOOK_HANDLER = "dev.dyndns53.release.PreTrafficHookHandler::handleRequest";
  static final String VERSION_ENV = "DYNDNS53_RELEASE_VERSION_ARN";

  /**
   * A Java cold start (a few seconds), the health check on the new version (the update function's
   * 20-second timeout at most) and the checkip request, with room to spare.
   */
  static final Duration HOOK_TIMEOUT = Duration.minutes(2);

  private final Function hook;
  private final LambdaDeploymentGroup deploymentGroup;

  ReleaseRollback(
      Construct scope,
      String id,
      Runtime runtime,
      Path codeDirectory,
      Alias alias,
      IVersion newVersion,
      List<IAlarm> rollbackAlarms,
      String logGroupName,
      int logRetentionDays) {
    super(scope, id);
    Stack stack = Stack.of(this);
    Role role =
        Role.Builder.create(this, "HookRole")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description("dyndns53 release check (CodeDeploy BeforeAllowTraffic hook)")
            .build();
    OwnLogGroup logs = OwnLogGroup.create(this, "HookLogs", logGroupName, logRetentionDays);
    ManagedPolicy policy =
        ManagedPolicy.Builder.create(this, "HookPolicy")
            .description("dyndns53: invoke the release under test, write the hook's own log")
            .statements(
                List.of(
                    logs.writeStatement(),
                    // The version the alias is about to move to, and no other: not the alias
                    // (routers' traffic), not $LATEST, not any other function.
                    PolicyStatement.Builder.create()
                        .sid("InvokeTheNewVersion")
                        .actions(List.of("lambda:InvokeFunction"))
                        .resources(List.of(newVersion.getFunctionArn()))
                        .build()))
            .roles(List.of(role))
            .build();
    hook =
        HelperFunction.build(
            Function.Builder.create(this, "Hook")
                .description("dyndns53: checks a new release before alias live moves to it")
                .memorySize(512)
                .timeout(HOOK_TIMEOUT)
                .handler(HOOK_HANDLER)
                .environment(Map.of(VERSION_ENV, newVersion.getFunctionArn())),
            runtime,
            codeDirectory,
            role,
            policy,
            logs);

    deploymentGroup =
        LambdaDeploymentGroup.Builder.create(this, "Deployment")
            .alias(alias)
            .deploymentConfig(LambdaDeploymentConfig.ALL_AT_ONCE)
            .preHook(hook)
            .alarms(rollbackAlarms)
            .autoRollback(
                AutoRollbackConfig.builder()
                    .failedDeployment(true)
                    .stoppedDeployment(true)
                    .deploymentInAlarm(true)
                    .build())
            .build();
    // The hook must hold the new version's ARN (and the right to invoke it) before CodeDeploy
    // calls it, so the alias, whose update starts the deployment, waits for both.
    alias.getNode().addDependency(hook, policy);

    IRole serviceRole = deploymentGroup.getRole();
    AcceptedFindings.accept(
        serviceRole,
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
            + "AWSCodeDeployRoleForLambdaLimited]",
        "CDK's LambdaDeploymentGroup attaches it to any role it is given. It is AWS's narrowest"
            + " policy for CodeDeploy Lambda deployments (read alarms, read and update aliases,"
            + " invoke functions named CodeDeployHook_*), maintained by AWS as CodeDeploy changes;"
            + " the role can be assumed by CodeDeploy only.");
    AcceptedFindings.accept(
        serviceRole,
        "AwsSolutions-IAM5[Resource::<"
            + stack.resolve(((CfnFunction) hook.getNode().getDefaultChild()).getLogicalId())
            + ".Arn>:*]",
        "CDK's grant of invoke on the hook function to CodeDeploy: the function and its versions"
            + " (ARN:*), this one function only.");
  }

  Function hook() {
    return hook;
  }

  LambdaDeploymentGroup deploymentGroup() {
    return deploymentGroup;
  }
}
