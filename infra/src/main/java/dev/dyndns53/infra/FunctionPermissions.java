package dev.dyndns53.infra;

import dev.dyndns53.config.ChangePartition;
import dev.dyndns53.config.HostConfig;
import java.util.Collection;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * Everything the update function may do, and nothing else:
 *
 * <ul>
 *   <li>write to its own log group;
 *   <li>read this stack's user secrets, by their name prefix ({@code GetSecretValue} only: the
 *       function reads a secret by name and never needs {@code DescribeSecret}; the secrets use the
 *       account's {@code aws/secretsmanager} key, whose key policy already lets Secrets Manager
 *       decrypt for any principal allowed to read the secret, so no KMS statement is needed);
 *   <li>call {@code BatchGetSecretValue}, the one statement on {@code Resource: "*"} (see {@link
 *       PermissionStatements#BATCH_READ_SECRETS});
 *   <li>list the record sets of the configured zones;
 *   <li>UPSERT and DELETE records of exactly the configured names and types: one statement per
 *       {@link ChangePartition}, so that every name a statement lists may have every type it lists.
 *       The function writes no other action and never waits for a change to reach INSYNC, so there
 *       is no {@code route53:GetChange};
 *   <li>for hosts with {@code "acme": true}: CREATE and DELETE TXT records named exactly {@code
 *       _acme-challenge.<host>}, in statements of their own per zone (ACME DNS-01).
 * </ul>
 *
 * <p>The statements come from {@link PermissionStatements}. They are packed ({@link PolicyPacking})
 * into as many customer-managed policies as they need, each within IAM's limit (see {@link
 * PolicySize}), up to the number the role can still take; past that, synthesis stops with a {@link
 * DeploymentLimitException} that names the quota and the largest configuration that fits ({@link
 * PermissionCapacity}).
 */
final class FunctionPermissions extends Construct {
  /**
   * @param managedPolicySlots how many more managed policies the role can take: IAM's quota ({@link
   *     PolicySize#MANAGED_POLICIES_PER_ROLE}) minus those attached to it elsewhere
   * @param secretPrefix the name prefix of this stack's user secrets, such as {@code
   *     dyndns53/Dyndns53/}
   */
  FunctionPermissions(
      Construct scope,
      String id,
      IRole role,
      int managedPolicySlots,
      String functionLogGroupName,
      Collection<HostConfig> hosts,
      String secretPrefix) {
    super(scope, id);
    Stack stack = Stack.of(this);
    List<PolicyStatement> statements =
        PermissionStatements.all(stack, functionLogGroupName, hosts, secretPrefix);
    int others =
        PermissionStatements.common(stack, functionLogGroupName, hosts, secretPrefix).size();
    List<Integer> sizes = statements.stream().map(s -> PolicyPacking.size(stack, s)).toList();
    for (int i = 0; i < statements.size(); i++) {
      if (sizes.get(i) > PolicyPacking.statementBudget()) {
        // Cannot happen for a partition (ChangePartitions caps its names), so a bug or a new
        // statement.
        throw new IllegalStateException(
            "the IAM statement "
                + statements.get(i).getSid()
                + " takes "
                + sizes.get(i)
                + " characters, more than one managed policy holds");
      }
    }
    List<List<Integer>> packed = PolicyPacking.pack(sizes);
    if (packed.size() > managedPolicySlots) {
      throw new DeploymentLimitException(
          PermissionCapacity.tooLarge(
              stack, hosts, packed.size(), managedPolicySlots, sizes.subList(0, others)));
    }
    AcceptedFindings.accept(
        this,
        "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:"
            + "<AWS::AccountId>:log-group:"
            + functionLogGroupName
            + ":log-stream:*]",
        "Lambda names the function's log streams itself, at run time; the wildcard covers only the streams of"
            + " the function's own log group.");
    AcceptedFindings.accept(
        this,
        "AwsSolutions-IAM5[Resource::*]",
        "Only secretsmanager:BatchGetSecretValue, which has no resource-level permission; it returns"
            + " nothing by itself, since Secrets Manager also checks GetSecretValue on each secret, and"
            + " that is scoped to this stack's secrets.");
    AcceptedFindings.accept(
        this,
        "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:"
            + "<AWS::Region>:<AWS::AccountId>:secret:"
            + secretPrefix
            + "*]",
        "This stack's user secrets by their name prefix: one statement whatever the number of users, and"
            + " Secrets Manager appends random characters to each secret's ARN. The prefix ends in '/', which"
            + " user names cannot contain, so no other stack's secret matches.");
    for (int i = 0; i < packed.size(); i++) {
      // A changed description replaces a managed policy, so it does not mention the total.
      ManagedPolicy.Builder.create(this, "Policy" + (i + 1))
          .description("dyndns53 update function, part " + (i + 1))
          .statements(packed.get(i).stream().map(statements::get).toList())
          .roles(List.of(role))
          .build();
    }
  }
}
