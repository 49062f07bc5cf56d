package dev.dyndns53.infra;

import java.nio.file.Path;
import java.util.List;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.constructs.Construct;

/**
 * The function behind every {@code Custom::Dyndns53UserSecret} (see {@link UserSecrets}): the
 * {@code dev.dyndns53.provisioning} handler from the same jar as the update function, invoked by
 * CloudFormation only, during deployments. It answers CloudFormation itself, so there is no CDK
 * provider framework (a Node.js function, and for waiting a Step Functions machine, each with
 * findings of its own) beside it. Its cold start (a few seconds of JVM start per deployment) costs
 * nothing a router sees.
 *
 * <p>It may look up, create and restore secrets under the namespace prefix, and have Secrets
 * Manager generate a password. It may not read a secret's value, and may not delete one.
 */
final class SecretProvisioner extends Construct {
  static final String HANDLER = "dev.dyndns53.provisioning.UserSecretHandler::handleRequest";

  /**
   * CreateSecret, DescribeSecret and RestoreSecret, scoped to the namespace's names (sorted, as CDK
   * writes them).
   */
  static final List<String> SECRET_ACTIONS =
      List.of(
          "secretsmanager:CreateSecret",
          "secretsmanager:DescribeSecret",
          "secretsmanager:RestoreSecret");

  /** Has no resource type (Service Authorization Reference), so only {@code "*"}. */
  static final String GENERATE_PASSWORD = "secretsmanager:GetRandomPassword";

  /**
   * Five minutes: the handler backs off for up to this less 20 s while a forced delete of the name
   * completes; a Java cold start and four calls take a few seconds.
   */
  static final Duration TIMEOUT = Duration.minutes(5);

  private final Function function;

  SecretProvisioner(
      Construct scope,
      String id,
      Runtime runtime,
      Path codeDirectory,
      String secretPrefix,
      String logGroupName,
      int logRetentionDays) {
    super(scope, id);
    Stack stack = Stack.of(this);
    Role role =
        Role.Builder.create(this, "Role")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description("dyndns53 user secret provisioner (CloudFormation custom resource)")
            .build();
    OwnLogGroup logs = OwnLogGroup.create(this, "Logs", logGroupName, logRetentionDays);
    String secrets =
        stack.formatArn(
            ArnComponents.builder()
                .service("secretsmanager")
                .resource("secret")
                .resourceName(secretPrefix + "*")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .build());
    ManagedPolicy policy =
        ManagedPolicy.Builder.create(this, "Policy")
            .description("dyndns53: create, adopt or restore this stack's user secrets")
            .statements(
                List.of(
                    logs.writeStatement(),
                    PolicyStatement.Builder.create()
                        .sid("CreateOrRestoreUserSecrets")
                        .actions(SECRET_ACTIONS)
                        .resources(List.of(secrets))
                        .build(),
                    PolicyStatement.Builder.create()
                        .sid("GeneratePasswords")
                        .actions(List.of(GENERATE_PASSWORD))
                        .resources(List.of("*"))
                        .build()))
            .roles(List.of(role))
            .build();
    function =
        HelperFunction.build(
            Function.Builder.create(this, "Function")
                .description("dyndns53: creates or adopts user secrets for CloudFormation")
                .memorySize(1024)
                .timeout(TIMEOUT)
                .handler(HANDLER),
            runtime,
            codeDirectory,
            role,
            policy,
            logs);
    AcceptedFindings.accept(
        policy,
        "AwsSolutions-IAM5[Resource::*]",
        "Only secretsmanager:GetRandomPassword, which has no resource type; it returns a random"
            + " string and touches no secret.");
    AcceptedFindings.accept(
        policy,
        "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:"
            + "<AWS::AccountId>:secret:"
            + secretPrefix
            + "*]",
        "This stack's user secrets by their name prefix; Secrets Manager appends random characters"
            + " to each secret's ARN, and the users are many.");
  }

  /** The function CloudFormation invokes for each user's secret. */
  Function function() {
    return function;
  }
}
