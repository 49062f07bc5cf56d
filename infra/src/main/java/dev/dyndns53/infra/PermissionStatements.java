package dev.dyndns53.infra;

import dev.dyndns53.config.ChangePartition;
import dev.dyndns53.config.ChangePartitions;
import dev.dyndns53.config.HostConfig;
import dev.dyndns53.records.HostNames;
import dev.dyndns53.records.RecordType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The update function's IAM statements, one builder per concern (see {@link FunctionPermissions}
 * for what they allow and why): its log group, listing the configured zones, reading the users'
 * secrets, and record changes conditioned on exact names, types and actions, per {@link
 * ChangePartition} and for ACME challenges.
 */
final class PermissionStatements {
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

  static final String ACME_SID_PREFIX = "WriteAcmeChallengesIn";

  /**
   * Characters of names per ACME statement, so that each fits in a managed policy with room to
   * spare.
   */
  static final int ACME_NAME_CHARS_PER_STATEMENT = 4_000;

  static final String CHANGE_SID_PREFIX = "Change";

  /** A zone ARN takes at most 69 characters: 50 of them are well inside one policy. */
  static final int ZONES_PER_LIST_STATEMENT = 50;

  /**
   * The one action granted on {@code Resource: "*"}. The function reads all users' passwords in one
   * {@code BatchGetSecretValue} call, so that every request causes the same calls whatever user
   * name it carries. That action has no resource-level permission (Service Authorization Reference,
   * "Actions defined by AWS Secrets Manager": no resource type, so only {@code "*"}), and it gives
   * nothing by itself: Secrets Manager also requires {@code GetSecretValue} on each secret it
   * returns, and that stays scoped to the users' secrets ({@code ReadUserSecrets}).
   */
  static final String BATCH_READ_SECRETS = "secretsmanager:BatchGetSecretValue";

  private PermissionStatements() {}

  /**
   * Every statement, in a fixed order: those every configuration has first ({@link #commonCount}),
   * then one per change partition, then the ACME ones.
   */
  static List<PolicyStatement> all(
      Stack stack, String functionLogGroupName, Collection<HostConfig> hosts, String secretPrefix) {
    List<PolicyStatement> statements = new ArrayList<>();
    statements.addAll(common(stack, functionLogGroupName, hosts, secretPrefix));
    ChangePartitions.of(hosts).all().forEach(p -> statements.add(changeRecords(stack, p)));
    statements.addAll(acmeChallenges(stack, hosts));
    return statements;
  }

  /** The statements that do not grow with the hosts: logs, zone listing, secrets. */
  static List<PolicyStatement> common(
      Stack stack, String functionLogGroupName, Collection<HostConfig> hosts, String secretPrefix) {
    List<PolicyStatement> statements = new ArrayList<>();
    statements.add(logs(stack, functionLogGroupName));
    statements.addAll(
        listRecordSets(stack, new TreeSet<>(hosts.stream().map(HostConfig::zoneId).toList())));
    statements.add(batchReadSecrets());
    statements.add(readSecrets(stack, secretPrefix));
    return statements;
  }

  static String zoneArn(Stack stack, String zoneId) {
    return stack.formatArn(
        ArnComponents.builder()
            .service("route53")
            .region("")
            .account("")
            .resource("hostedzone")
            .resourceName(zoneId)
            .build());
  }

  static PolicyStatement logs(Stack stack, String logGroupName) {
    String logGroup =
        stack.formatArn(
            ArnComponents.builder()
                .service("logs")
                .resource("log-group")
                .resourceName(logGroupName)
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

  /**
   * One statement per {@value #ZONES_PER_LIST_STATEMENT} zones, so that no statement outgrows a
   * policy however many zones there are (a split resource list means the same as one list).
   */
  static List<PolicyStatement> listRecordSets(Stack stack, Collection<String> zoneIds) {
    List<String> arns = zoneIds.stream().map(z -> zoneArn(stack, z)).toList();
    List<PolicyStatement> statements = new ArrayList<>();
    for (int first = 0; first < arns.size(); first += ZONES_PER_LIST_STATEMENT) {
      int part = first / ZONES_PER_LIST_STATEMENT + 1;
      statements.add(
          PolicyStatement.Builder.create()
              .sid(part == 1 ? "ListConfiguredZones" : "ListConfiguredZones" + part)
              .actions(List.of("route53:ListResourceRecordSets"))
              .resources(
                  arns.subList(first, Math.min(arns.size(), first + ZONES_PER_LIST_STATEMENT)))
              .build());
    }
    return statements;
  }

  static PolicyStatement batchReadSecrets() {
    // See BATCH_READ_SECRETS: "*" is the only resource this action accepts.
    return PolicyStatement.Builder.create()
        .sid("BatchReadUserSecrets")
        .actions(List.of(BATCH_READ_SECRETS))
        .resources(List.of("*"))
        .build();
  }

  /**
   * The secrets of this stack's users, by name prefix: one statement of constant size however many
   * users there are (500 ARNs listed one by one would take about 45,000 characters). Secrets
   * Manager appends '-' and six random characters to a secret's name in its ARN, hence the trailing
   * {@code *}; the prefix ends in '/', and user names cannot contain '/', so it matches no secret
   * of another stack (such as {@code dyndns53/Dyndns53Test/...}) and nothing outside the {@code
   * dyndns53/<stack>/} namespace.
   */
  static PolicyStatement readSecrets(Stack stack, String secretPrefix) {
    String arn =
        stack.formatArn(
            ArnComponents.builder()
                .service("secretsmanager")
                .resource("secret")
                .resourceName(secretPrefix + "*")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .build());
    return PolicyStatement.Builder.create()
        .sid("ReadThisStacksUserSecrets")
        .actions(List.of("secretsmanager:GetSecretValue"))
        .resources(List.of(arn))
        .build();
  }

  static PolicyStatement changeRecords(Stack stack, ChangePartition partition) {
    return changeStatement(
        stack,
        CHANGE_SID_PREFIX + partition.id(),
        partition.zoneId(),
        partition.hostNames().stream().map(HostNames::route53Normalized).toList(),
        partition.recordTypes().stream().sorted().map(RecordType::name).toList(),
        ACTIONS_USED);
  }

  /**
   * {@code ChangeResourceRecordSets} in one zone, allowed only when every change names one of
   * {@code names}, one of {@code types} and one of {@code actions}.
   */
  private static PolicyStatement changeStatement(
      Stack stack,
      String sid,
      String zoneId,
      List<String> names,
      List<String> types,
      List<String> actions) {
    Map<String, Object> allValues = new LinkedHashMap<>();
    allValues.put(NORMALIZED_NAMES, List.copyOf(names));
    allValues.put(RECORD_TYPES, List.copyOf(types));
    allValues.put(CHANGE_ACTIONS, List.copyOf(actions));
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
        .sid(sid)
        .actions(List.of("route53:ChangeResourceRecordSets"))
        .resources(List.of(zoneArn(stack, zoneId)))
        .conditions(conditions)
        .build();
  }

  /**
   * TXT at {@code _acme-challenge.<host>} for the hosts with {@code "acme": true}: per zone, as few
   * statements as keep each well inside a policy, none for a zone without such a host.
   */
  static List<PolicyStatement> acmeChallenges(Stack stack, Collection<HostConfig> hosts) {
    Map<String, java.util.SortedSet<String>> namesByZone = new java.util.TreeMap<>();
    for (HostConfig host : hosts) {
      if (host.acme()) {
        namesByZone
            .computeIfAbsent(host.zoneId(), z -> new TreeSet<>())
            .add(HostNames.route53Normalized(ACME_CHALLENGE_PREFIX + host.name()));
      }
    }
    List<PolicyStatement> statements = new ArrayList<>();
    namesByZone.forEach(
        (zoneId, names) -> {
          List<String> chunk = new ArrayList<>();
          int chars = 0;
          int part = 1;
          for (String name : names) {
            if (!chunk.isEmpty() && chars + name.length() + 3 > ACME_NAME_CHARS_PER_STATEMENT) {
              statements.add(acmeChallenges(stack, zoneId, part++, chunk));
              chunk = new ArrayList<>();
              chars = 0;
            }
            chunk.add(name);
            chars += name.length() + 3;
          }
          statements.add(acmeChallenges(stack, zoneId, part, chunk));
        });
    return statements;
  }

  private static PolicyStatement acmeChallenges(
      Stack stack, String zoneId, int part, List<String> names) {
    return changeStatement(
        stack,
        ACME_SID_PREFIX + zoneId + (part == 1 ? "" : "Part" + part),
        zoneId,
        names,
        List.of("TXT"),
        ACME_ACTIONS_USED);
  }
}
