package dev.dyndns53.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;

/**
 * What the stack's deploy-time functions (the secret provisioner, the release check) share: the
 * function jar on arm64, their own role, policy and log group, and no SnapStart. They run only
 * while deploying, a few seconds of JVM start each time; SnapStart would need a published version
 * and an alias of their own for nothing a router sees. Each caller sets what is its own
 * (description, memory, timeout, handler, environment) on the builder it passes.
 */
final class HelperFunction {
  private HelperFunction() {}

  /**
   * Builds {@code builder} over the function jar with {@code role} and {@code logs}, after {@code
   * policy} (which the role needs before the function may run), and accepts cdk-nag's finding on
   * the log-stream wildcard of {@code logs}' write statement in {@code policy}. cfn-lint's I2530
   * ("consider SnapStart for Java") is silenced on the function alone, for the reason above.
   */
  static Function build(
      Function.Builder builder,
      Runtime runtime,
      Path codeDirectory,
      Role role,
      ManagedPolicy policy,
      OwnLogGroup logs) {
    Function function =
        builder
            .runtime(runtime)
            .architecture(Architecture.ARM_64)
            .code(Code.fromAsset(codeDirectory.toString()))
            .role(role)
            .logGroup(logs.logGroup())
            .build();
    function.getNode().addDependency(policy);
    ((CfnFunction) function.getNode().getDefaultChild())
        .addMetadata("cfn-lint", Map.of("config", Map.of("ignore_checks", List.of("I2530"))));
    AcceptedFindings.accept(
        policy,
        "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:"
            + "log-group:"
            + logs.name()
            + ":log-stream:*]",
        "Lambda names the log streams at run time; only this function's own log group.");
    return function;
  }
}
