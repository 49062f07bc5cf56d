package dev.dyndns53.infra;

import java.util.List;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The named log group of one of the stack's helper functions (the secret provisioner, the release
 * check), created by the stack so that its retention is set and {@code cdk destroy} removes it, and
 * the one statement that lets the function write there and nowhere else.
 */
record OwnLogGroup(String name, LogGroup logGroup, PolicyStatement writeStatement) {

  static OwnLogGroup create(Construct scope, String id, String name, int retentionDays) {
    LogGroup logGroup =
        LogGroup.Builder.create(scope, id)
            .logGroupName(name)
            .retention(LogRetention.ofDays(retentionDays))
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    String streams =
        Stack.of(scope)
            .formatArn(
                ArnComponents.builder()
                    .service("logs")
                    .resource("log-group")
                    .resourceName(name + ":log-stream:*")
                    .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                    .build());
    // The group exists (created here), so neither logs:CreateLogGroup nor the group's own ARN.
    PolicyStatement write =
        PolicyStatement.Builder.create()
            .sid("WriteOwnLog")
            .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
            .resources(List.of(streams))
            .build();
    return new OwnLogGroup(name, logGroup, write);
  }
}
