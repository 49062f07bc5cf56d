package dev.dyndns53.infra;

import dev.dyndns53.config.HostConfig;
import dev.dyndns53.records.HostNames;
import dev.dyndns53.records.RecordType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnElement;
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
 *   <li>read the secrets of the configured users ({@code GetSecretValue} only: the function reads
 *       a secret by name and never needs {@code DescribeSecret}; the secrets use the account's
 *       {@code aws/secretsmanager} key, whose key policy already lets Secrets Manager decrypt for
 *       any principal allowed to read the secret, so no KMS statement is needed);
 *   <li>list the record sets of the configured zones;
 *   <li>UPSERT and DELETE records of exactly the configured names and types, one statement per
 *       zone. The function writes no other action and never waits for a change to reach INSYNC,
 *       so there is no {@code route53:GetChange};
 *   <li>for hosts with {@code "acme": true}: CREATE and DELETE TXT records named exactly {@code
 *       _acme-challenge.<host>}, in statements of their own, one per zone (ACME DNS-01).
 * </ul>
 *
 * <p>The statements are packed into customer-managed policies that each stay under IAM's limit
 * (see {@link PolicySize}): with 200 hosts and 50 users they no longer fit in the 10,240
 * characters a role's inline policies share.
 */
final class FunctionPermissions extends Construct {
  static final String NORMALIZED_NAMES = "route53:ChangeResourceRecordSetsNormalizedRecordNames";
  static final String RECORD_TYPES = "route53:ChangeResourceRecordSetsRecordTypes";
  static final String CHANGE_ACTIONS = "route53:ChangeResourceRecordSetsActions";
  /** UPSERT for an update; DELETE for {@code offline=YES}. Never CREATE. */
  static final List<String> ACTIONS_USED = List.of("UPSERT", "DELETE");
  /**
   * ACME challenges replace a TXT set with DELETE of the set as read and CREATE of the new one, so
   * a concurrent change makes Route 53 refuse the batch instead of losing a value. Never UPSERT.
   */
  static final List<String> ACME_ACTIONS_USED = List.of("CREATE", "DELETE");
  /** The name prefix of an ACME DNS-01 challenge record (RFC 8555, 8.4). */
  static final String ACME_CHALLENGE_PREFIX = "_acme-challenge.";

  /** {@code {"Version":"2012-10-17","Statement":[]}}, the frame around the statements. */
  private static final int DOCUMENT_FRAME_CHARS = 40;

  FunctionPermissions(
      Construct scope,
      String id,
      IRole role,
      String functionLogGroupName,
      Collection<HostConfig> hosts,
      Collection<UserSecrets.UserSecret> secrets) {
    super(scope, id);
    Stack stack = Stack.of(this);
    Map<String, String> references = new LinkedHashMap<>();
    for (UserSecrets.UserSecret secret : secrets) {
      references.put(stack.getLogicalId((CfnElement) secret.secret().getNode().getDefaultChild()),
          PolicySize.worstSecretArn(secret.name()));
    }
    Sizer sizer = new Sizer(stack, references);

    Map<String, List<HostConfig>> zones = byZone(hosts);
    List<PolicyStatement> statements = new ArrayList<>();
    statements.add(logs(stack, functionLogGroupName));
    statements.add(listRecordSets(stack, zones.keySet()));
    statements.addAll(readSecrets(sizer, secrets));
    zones.forEach((zoneId, zoneHosts) -> statements.add(changeRecords(stack, zoneId, zoneHosts)));
    zones.forEach((zoneId, zoneHosts) -> acmeChallenges(stack, zoneId, zoneHosts).ifPresent(statements::add));

    List<List<PolicyStatement>> packed = pack(sizer, statements);
    if (packed.size() > PolicySize.MANAGED_POLICIES_PER_ROLE) {
      throw new DeploymentLimitException("the function's permissions need " + packed.size()
          + " managed policies of at most " + PolicySize.MANAGED_POLICY_MAX_CHARS + " characters, and IAM"
          + " attaches at most " + PolicySize.MANAGED_POLICIES_PER_ROLE + " to a role by default; deploy"
          + " fewer hosts or users per stack (a second stack with its own config and -c stackName=...)");
    }
    for (int i = 0; i < packed.size(); i++) {
      // A changed description replaces a managed policy, so it does not mention the total.
      ManagedPolicy.Builder.create(this, "Policy" + (i + 1))
          .description("dyndns53 update function, part " + (i + 1))
          .statements(packed.get(i))
          .roles(List.of(role))
          .build();
    }
  }

  private static Map<String, List<HostConfig>> byZone(Collection<HostConfig> hosts) {
    // Sorted, so reordering the configuration file changes nothing in the template.
    Map<String, List<HostConfig>> zones = new TreeMap<>();
    for (HostConfig host : hosts) {
      zones.computeIfAbsent(host.zoneId(), z -> new ArrayList<>()).add(host);
    }
    return zones;
  }

  static String zoneArn(Stack stack, String zoneId) {
    return stack.formatArn(ArnComponents.builder()
        .service("route53").region("").account("")
        .resource("hostedzone").resourceName(zoneId)
        .build());
  }

  private static PolicyStatement logs(Stack stack, String logGroupName) {
    String logGroup = stack.formatArn(ArnComponents.builder()
        .service("logs").resource("log-group").resourceName(logGroupName)
        .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
        .build());
    // CreateLogStream is authorized on the log group, PutLogEvents on its streams. The log group
    // exists (the stack creates it), so no logs:CreateLogGroup.
    return PolicyStatement.Builder.create()
        .sid("WriteOwnLogGroup")
        .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
        .resources(List.of(logGroup, logGroup + ":log-stream:*"))
        .build();
  }

  private static PolicyStatement listRecordSets(Stack stack, Collection<String> zoneIds) {
    return PolicyStatement.Builder.create()
        .sid("ListConfiguredZones")
        .actions(List.of("route53:ListResourceRecordSets"))
        .resources(zoneIds.stream().map(z -> zoneArn(stack, z)).toList())
        .build();
  }

  private static List<PolicyStatement> readSecrets(Sizer sizer, Collection<UserSecrets.UserSecret> secrets) {
    // One statement if it fits in a policy, else as many as needed: a split resource list means
    // the same as one list.
    List<PolicyStatement> statements = new ArrayList<>();
    List<String> arns = new ArrayList<>();
    for (UserSecrets.UserSecret secret : secrets) {
      arns.add(secret.secret().getSecretArn());
      if (arns.size() > 1 && sizer.size(readSecrets(statements.size(), arns)) > sizer.statementBudget()) {
        String last = arns.remove(arns.size() - 1);
        statements.add(readSecrets(statements.size(), arns));
        arns = new ArrayList<>(List.of(last));
      }
    }
    if (!arns.isEmpty()) {
      statements.add(readSecrets(statements.size(), arns));
    }
    return statements;
  }

  private static PolicyStatement readSecrets(int part, List<String> arns) {
    return PolicyStatement.Builder.create()
        .sid(part == 0 ? "ReadUserSecrets" : "ReadUserSecrets" + (part + 1))
        .actions(List.of("secretsmanager:GetSecretValue"))
        .resources(List.copyOf(arns))
        .build();
  }

  private static PolicyStatement changeRecords(Stack stack, String zoneId, List<HostConfig> hosts) {
    List<String> names = new ArrayList<>(new TreeSet<>(
        hosts.stream().map(h -> HostNames.route53Normalized(h.name())).toList()));
    List<String> types = new ArrayList<>(new TreeSet<>(
        hosts.stream().flatMap(h -> h.recordTypes().stream()).map(RecordType::name).toList()));
    Map<String, Object> allValues = new LinkedHashMap<>();
    allValues.put(NORMALIZED_NAMES, names);
    allValues.put(RECORD_TYPES, types);
    allValues.put(CHANGE_ACTIONS, ACTIONS_USED);
    // ForAllValues is also true when the request has no value for the key at all (IAM User Guide,
    // "Multivalued context keys": "The ForAllValues set operator also returns true if there are no
    // context keys in the request ... include a Null condition operator with a value of false").
    // Every ChangeResourceRecordSets request carries at least one change, so the Null test costs
    // nothing and closes the empty-set case should a request ever arrive without the keys. Keys and
    // normalized names: Route 53 Developer Guide, "Using IAM policy conditions for fine-grained
    // access control".
    Map<String, Object> present = new LinkedHashMap<>();
    present.put(NORMALIZED_NAMES, "false");
    present.put(RECORD_TYPES, "false");
    present.put(CHANGE_ACTIONS, "false");
    Map<String, Object> conditions = new LinkedHashMap<>();
    conditions.put("ForAllValues:StringEquals", allValues);
    conditions.put("Null", present);
    return PolicyStatement.Builder.create()
        .sid("ChangeConfiguredRecordsIn" + zoneId)
        .actions(List.of("route53:ChangeResourceRecordSets"))
        .resources(List.of(zoneArn(stack, zoneId)))
        .conditions(conditions)
        .build();
  }

  /** TXT at {@code _acme-challenge.<host>} for the zone's hosts with {@code "acme": true}, if any. */
  private static java.util.Optional<PolicyStatement> acmeChallenges(
      Stack stack, String zoneId, List<HostConfig> hosts) {
    List<String> names = new ArrayList<>(new TreeSet<>(hosts.stream()
        .filter(HostConfig::acme)
        .map(h -> HostNames.route53Normalized(ACME_CHALLENGE_PREFIX + h.name()))
        .toList()));
    if (names.isEmpty()) {
      return java.util.Optional.empty();
    }
    Map<String, Object> allValues = new LinkedHashMap<>();
    allValues.put(NORMALIZED_NAMES, names);
    allValues.put(RECORD_TYPES, List.of("TXT"));
    allValues.put(CHANGE_ACTIONS, ACME_ACTIONS_USED);
    // The same Null test as for the address records: see changeRecords.
    Map<String, Object> present = new LinkedHashMap<>();
    present.put(NORMALIZED_NAMES, "false");
    present.put(RECORD_TYPES, "false");
    present.put(CHANGE_ACTIONS, "false");
    Map<String, Object> conditions = new LinkedHashMap<>();
    conditions.put("ForAllValues:StringEquals", allValues);
    conditions.put("Null", present);
    return java.util.Optional.of(PolicyStatement.Builder.create()
        .sid("WriteAcmeChallengesIn" + zoneId)
        .actions(List.of("route53:ChangeResourceRecordSets"))
        .resources(List.of(zoneArn(stack, zoneId)))
        .conditions(conditions)
        .build());
  }

  /** Greedy, in statement order, so the same configuration always packs the same way. */
  private static List<List<PolicyStatement>> pack(Sizer sizer, List<PolicyStatement> statements) {
    List<List<PolicyStatement>> policies = new ArrayList<>();
    List<PolicyStatement> current = new ArrayList<>();
    int used = DOCUMENT_FRAME_CHARS;
    for (PolicyStatement statement : statements) {
      int size = sizer.size(statement);
      if (size > sizer.statementBudget()) {
        throw new DeploymentLimitException(tooLarge(statement, size));
      }
      int separator = current.isEmpty() ? 0 : 1;
      if (used + separator + size > PolicySize.MANAGED_POLICY_MAX_CHARS) {
        policies.add(current);
        current = new ArrayList<>();
        used = DOCUMENT_FRAME_CHARS;
        separator = 0;
      }
      current.add(statement);
      used += separator + size;
    }
    if (!current.isEmpty()) {
      policies.add(current);
    }
    return policies;
  }

  private static String tooLarge(PolicyStatement statement, int size) {
    return "the IAM statement " + statement.getSid() + " would be " + size + " characters, more than fits in"
        + " one managed policy (" + PolicySize.MANAGED_POLICY_MAX_CHARS + "); a statement per hosted zone"
        + " lists every configured name in that zone, so move some of those hosts to another stack"
        + " (its own config and -c stackName=...)";
  }

  /** Measures statements as they will be after deployment. */
  private record Sizer(Stack stack, Map<String, String> references) {
    int size(PolicyStatement statement) {
      return PolicySize.worstCaseLength(stack.resolve(statement.toStatementJson()), references);
    }

    int statementBudget() {
      return PolicySize.MANAGED_POLICY_MAX_CHARS - DOCUMENT_FRAME_CHARS;
    }
  }
}
