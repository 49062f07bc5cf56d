package dev.dyndns53.infra;

import dev.dyndns53.config.ChangePartition;
import dev.dyndns53.config.ChangePartitions;
import dev.dyndns53.config.HostConfig;
import dev.dyndns53.records.HostNames;
import dev.dyndns53.records.RecordType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntFunction;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
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
 *       #BATCH_READ_SECRETS});
 *   <li>list the record sets of the configured zones;
 *   <li>UPSERT and DELETE records of exactly the configured names and types: one statement per
 *       {@link ChangePartition}, so that every name a statement lists may have every type it lists.
 *       The function writes no other action and never waits for a change to reach INSYNC, so there
 *       is no {@code route53:GetChange};
 *   <li>for hosts with {@code "acme": true}: CREATE and DELETE TXT records named exactly {@code
 *       _acme-challenge.<host>}, in statements of their own per zone (ACME DNS-01).
 * </ul>
 *
 * <p>The statements are packed into as many customer-managed policies as they need, each within
 * IAM's limit (see {@link PolicySize}), up to the number the role can still take; past that,
 * synthesis stops with a {@link DeploymentLimitException} that names the quota and the largest
 * configuration that fits.
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

  /** {@code {"Version":"2012-10-17","Statement":[]}}, the frame around the statements. */
  static final int DOCUMENT_FRAME_CHARS = 40;

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
    List<PolicyStatement> statements = new ArrayList<>();
    statements.add(logs(stack, functionLogGroupName));
    statements.addAll(
        listRecordSets(stack, new TreeSet<>(hosts.stream().map(HostConfig::zoneId).toList())));
    statements.add(batchReadSecrets());
    statements.add(readSecrets(stack, secretPrefix));
    int others = statements.size();
    ChangePartitions partitions = ChangePartitions.of(hosts);
    partitions.all().forEach(partition -> statements.add(changeRecords(stack, partition)));
    statements.addAll(acmeChallenges(stack, hosts));

    List<Integer> sizes = statements.stream().map(s -> size(stack, s)).toList();
    for (int i = 0; i < statements.size(); i++) {
      if (sizes.get(i) > statementBudget()) {
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
    List<List<Integer>> packed = pack(sizes);
    if (packed.size() > managedPolicySlots) {
      throw new DeploymentLimitException(
          tooLarge(stack, hosts, packed.size(), managedPolicySlots, sizes.subList(0, others)));
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

  private static PolicyStatement logs(Stack stack, String logGroupName) {
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
  private static List<PolicyStatement> listRecordSets(Stack stack, Collection<String> zoneIds) {
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

  private static PolicyStatement batchReadSecrets() {
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
  private static List<PolicyStatement> acmeChallenges(Stack stack, Collection<HostConfig> hosts) {
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

  /** The size of a statement as IAM will count it after deployment, in the worst case. */
  static int size(Stack stack, PolicyStatement statement) {
    return PolicySize.worstCaseLength(stack.resolve(statement.toStatementJson()), Map.of());
  }

  static int statementBudget() {
    return PolicySize.MANAGED_POLICY_MAX_CHARS - DOCUMENT_FRAME_CHARS;
  }

  /**
   * First fit, in statement order: each statement goes into the first policy with room for it.
   * Deterministic, so the same configuration always packs the same way.
   *
   * @return for each policy, the indexes of its statements
   */
  static List<List<Integer>> pack(List<Integer> sizes) {
    List<List<Integer>> policies = new ArrayList<>();
    List<Integer> used = new ArrayList<>();
    for (int i = 0; i < sizes.size(); i++) {
      int size = sizes.get(i);
      int target = -1;
      for (int p = 0; p < policies.size() && target < 0; p++) {
        // One comma between statements.
        if (used.get(p) + 1 + size <= PolicySize.MANAGED_POLICY_MAX_CHARS) {
          target = p;
        }
      }
      if (target < 0) {
        policies.add(new ArrayList<>());
        used.add(DOCUMENT_FRAME_CHARS - 1);
        target = policies.size() - 1;
      }
      policies.get(target).add(i);
      used.set(target, used.get(target) + 1 + size);
    }
    return policies;
  }

  /**
   * The most hosts of {@code nameLength} characters that fit in one zone whose id is as long as
   * {@code zoneId}, all with both record types, next to the statements every configuration has.
   */
  static int largestZone(
      Stack stack,
      int nameLength,
      String zoneId,
      List<Integer> otherSizes,
      int managedPolicySlots) {
    // A statement's size is its overhead plus its names, and only the part number in its Sid grows.
    ChangePartition sample =
        new ChangePartition(
            zoneId, EnumSet.allOf(RecordType.class), 1, List.of(syntheticName(0, nameLength)));
    int overhead =
        size(stack, changeRecords(stack, sample))
            - ChangePartitions.nameCost(sample.hostNames().get(0))
            + 1;
    IntFunction<Boolean> fits =
        hostCount -> {
          List<HostConfig> hosts = new ArrayList<>();
          for (int i = 0; i < hostCount; i++) {
            hosts.add(
                new HostConfig(
                    syntheticName(i, nameLength),
                    zoneId,
                    60,
                    EnumSet.allOf(RecordType.class),
                    false));
          }
          List<Integer> sizes = new ArrayList<>(otherSizes);
          for (ChangePartition partition : ChangePartitions.of(hosts).all()) {
            int names =
                partition.hostNames().stream().mapToInt(ChangePartitions::nameCost).sum() - 1;
            sizes.add(overhead + names + String.valueOf(partition.part()).length() - 1);
          }
          return pack(sizes).size() <= managedPolicySlots;
        };
    int low = 0;
    int high = 1;
    while (fits.apply(high)) {
      low = high;
      high *= 2;
    }
    while (high - low > 1) {
      int middle = (low + high) >>> 1;
      if (fits.apply(middle)) {
        low = middle;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** A distinct host name of exactly {@code length} characters. */
  static String syntheticName(int index, int length) {
    String head = "h" + index + ".";
    String tail = ".example.com";
    return head + "x".repeat(Math.max(1, length - head.length() - tail.length())) + tail;
  }

  private static String tooLarge(
      Stack stack, Collection<HostConfig> hosts, int needed, int slots, List<Integer> otherSizes) {
    int longestName =
        hosts.stream()
            .mapToInt(h -> HostNames.route53Normalized(h.name()).length())
            .max()
            .orElse(0);
    String longestZone =
        hosts.stream()
            .map(HostConfig::zoneId)
            .reduce((a, b) -> a.length() >= b.length() ? a : b)
            .orElse("");
    long zones = hosts.stream().map(HostConfig::zoneId).distinct().count();
    int largest = largestZone(stack, longestName, longestZone, otherSizes, slots);
    return "the function's permissions need "
        + needed
        + " IAM managed policies of at most "
        + PolicySize.MANAGED_POLICY_MAX_CHARS
        + " characters, and a role takes at most "
        + slots
        + " (IAM quota"
        + " 'Managed policies per role': "
        + PolicySize.MANAGED_POLICIES_PER_ROLE
        + " by default). Each host"
        + " is named exactly once in its zone's statements (least privilege), so the hosts are what fills them:"
        + " this configuration has "
        + hosts.size()
        + " hosts in "
        + zones
        + " zone(s), names up to "
        + longestName
        + " characters. The largest configuration that fits: "
        + largest
        + " hosts of "
        + longestName
        + " characters in one hosted zone with the same record types (fewer over several zones or record-type"
        + " mixes). Move some hosts to a second stack (its own config file and -c stackName=...)";
  }
}
