package dev.dyndns53.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.config.ChangePartition;
import dev.dyndns53.config.ChangePartitions;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.config.HostConfig;
import dev.dyndns53.json.Json;
import dev.dyndns53.records.HostNames;
import dev.dyndns53.records.RecordType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * 1,000 hosts of about 40 characters in one hosted zone, with every record-type mix, and 500 users:
 * the size issue 11 asks the stack to carry with constant outputs and least privilege kept.
 */
class LargeConfigStackTest extends StackSafetyContract {
  static final int HOSTS = 1000;
  static final int USERS = 500;
  static final String ZONE = "Z06158202N8V6GUEMSJ3Y";

  @TempDir static Path work;
  static Dyndns53Config config;
  static Dyndns53Stack stack;
  static Template template;
  static List<Template> nestedTemplates;
  static Map<String, Object> templateJson;

  static String largeConfig() {
    StringBuilder hosts = new StringBuilder();
    for (int h = 0; h < HOSTS; h++) {
      String types =
          switch (h % 3) {
            case 0 -> "[\"A\"]";
            case 1 -> "[\"AAAA\"]";
            default -> "[\"A\", \"AAAA\"]";
          };
      hosts
          .append(h == 0 ? "" : ",\n")
          .append("    ")
          .append(Json.quote(hostName(h)))
          .append(": {\"zoneId\": \"")
          .append(ZONE)
          .append("\", \"recordTypes\": ")
          .append(types)
          .append('}');
    }
    StringBuilder users = new StringBuilder();
    for (int u = 0; u < USERS; u++) {
      List<String> granted = new ArrayList<>();
      for (int k = 0; k < 2; k++) {
        granted.add(Json.quote(hostName((u * 2 + k) % HOSTS)));
      }
      users
          .append(u == 0 ? "" : ",\n")
          .append("    ")
          .append(Json.quote(userName(u)))
          .append(": {\"hosts\": [")
          .append(String.join(", ", granted))
          .append("]}");
    }
    return "{\n  \"hosts\": {\n" + hosts + "\n  },\n  \"users\": {\n" + users + "\n  }\n}\n";
  }

  /** 40 characters, such as {@code router-0042.branchoffices.example-co.net}. */
  static String hostName(int h) {
    return "router-" + String.format("%04d", h) + ".branchoffices.example-co.net";
  }

  static String userName(int u) {
    return "site-" + String.format("%03d", u) + ".router@example";
  }

  @BeforeAll
  static void synthesize() {
    Path configFile = TestStacks.write(work.resolve("large.json"), largeConfig());
    config = ConfigParser.load(configFile);
    stack = TestStacks.stack(configFile, work);
    template = Template.fromStack(stack);
    // Read once: each toJSON() of a template this size is a slow round trip through jsii.
    templateJson = template.toJSON();
    nestedTemplates =
        stack.getNode().findAll().stream()
            .filter(NestedStack.class::isInstance)
            .map(c -> Template.fromStack((NestedStack) c))
            .toList();
  }

  @Override
  Template template() {
    return template;
  }

  @Override
  Dyndns53Stack stack() {
    return stack;
  }

  @Override
  Dyndns53Config config() {
    return config;
  }

  @Override
  Map<String, Object> json() {
    return templateJson;
  }

  @Test
  void generatedConfig_hasTheIntendedShape() {
    assertEquals(HOSTS, config.hosts().size());
    assertEquals(USERS, config.users().size());
    assertEquals(
        Set.of(ZONE),
        Set.copyOf(config.hosts().values().stream().map(HostConfig::zoneId).toList()));
    assertTrue(config.hosts().keySet().stream().allMatch(n -> n.length() == 40));
  }

  @Test
  void outputs_doNotGrowWithUsers() {
    assertEquals(
        Set.of("UpdateUrl", "EdgeRouterServer", "SecretNamePrefix", "PasswordCommand"),
        template.findOutputs("*").keySet());
  }

  @Test
  @SuppressWarnings("unchecked")
  void secrets_areOnePerUser_spreadOverTemplatesThatStayUnderCloudFormationsResourceLimit() {
    Set<String> names = new TreeSet<>();
    List<Template> all = new ArrayList<>(nestedTemplates);
    all.add(template);
    for (Template each : all) {
      each.findResources(UserSecrets.RESOURCE_TYPE)
          .values()
          .forEach(
              secret ->
                  names.add((String) ExampleConfigStackTest.properties(secret).get("SecretName")));
      // CloudFormation: at most 500 resources per template.
      int resources = ((Map<String, Object>) each.toJSON().get("Resources")).size();
      assertTrue(resources <= 500, resources + " resources");
      each.allResourcesProperties(
          UserSecrets.RESOURCE_TYPE,
          Match.objectEquals(
              Map.of(
                  "ServiceToken",
                  Match.anyValue(),
                  "SecretName",
                  Match.stringLikeRegexp("dyndns53/Dyndns53/.*"),
                  "UserName",
                  Match.anyValue())));
    }
    assertEquals(
        new TreeSet<>(config.users().keySet().stream().map(u -> "dyndns53/Dyndns53/" + u).toList()),
        names);
    template.resourceCountIs(UserSecrets.RESOURCE_TYPE, UserSecrets.SECRETS_PER_TEMPLATE);
    assertEquals(1, nestedTemplates.size());
    template.resourceCountIs("AWS::CloudFormation::Stack", 1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void environment_staysFarBelowLambdasFourKilobyteLimit() {
    // Lambda caps all environment variables of a function at 4 KB together; the configuration
    // travels in the code package instead, so this stays constant however many hosts there are.
    Map<String, Object> function =
        template
            .findResources("AWS::Lambda::Function")
            .get(ExampleConfigStackTest.updateFunctionIdIn(template));
    Map<String, Object> variables =
        (Map<String, Object>)
            ((Map<String, Object>)
                    ((Map<String, Object>) function.get("Properties")).get("Environment"))
                .get("Variables");
    int bytes = 0;
    for (Map.Entry<String, Object> variable : variables.entrySet()) {
      bytes +=
          variable.getKey().getBytes(StandardCharsets.UTF_8).length
              // Issue 17's table name and topic ARN are references: at most 256 characters each.
              + (variable.getValue() instanceof String text
                  ? text.getBytes(StandardCharsets.UTF_8).length
                  : 256);
    }
    assertTrue(bytes < 4096 / 4, "environment variables take " + bytes + " bytes");
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyManagedPolicy_fitsIamsLimitForTheLongestPartitionAndRegionNames_withinTheRolesQuota() {
    Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::ManagedPolicy");
    // The release check's policy names the function version it may invoke: at worst the longest
    // partition and region, a 64-character function name and the largest version number.
    Map<String, String> versionArn =
        Map.of(
            ExampleConfigStackTest.onlyLogicalIdIn(template, "AWS::Lambda::Version"),
            "arn:aws-iso-b:lambda:ap-southeast-5:123456789012:function:"
                + "f".repeat(64)
                + ":4294967295");
    for (Map.Entry<String, Map<String, Object>> policy : policies.entrySet()) {
      Object document = ExampleConfigStackTest.properties(policy.getValue()).get("PolicyDocument");
      int size = PolicySize.worstCaseLength(document, versionArn);
      assertTrue(
          size <= PolicySize.MANAGED_POLICY_MAX_CHARS,
          policy.getKey() + " is " + size + " characters");
    }
    Map<String, Object> role =
        ExampleConfigStackTest.properties(
            template
                .findResources("AWS::IAM::Role")
                .get(ExampleConfigStackTest.updateFunctionRoleIn(template)));
    int attachedElsewhere =
        ((List<Object>) role.getOrDefault("ManagedPolicyArns", List.of())).size();
    int own = ExampleConfigStackTest.updateFunctionPoliciesIn(template).size();
    assertTrue(
        own + attachedElsewhere <= PolicySize.MANAGED_POLICIES_PER_ROLE,
        own + " + " + attachedElsewhere + " managed policies");
    ExampleConfigStackTest.assertInlinePolicies(template);
    template.hasResourceProperties(
        "AWS::IAM::Role",
        Match.objectLike(
            Map.of(
                "AssumeRolePolicyDocument",
                    Match.objectLike(
                        Map.of(
                            "Statement",
                            List.of(
                                Match.objectLike(
                                    Map.of(
                                        "Principal", Map.of("Service", "lambda.amazonaws.com")))))),
                "Policies", Match.absent())));
  }

  /** Zone, name and type of one record change a statement allows. */
  record Grant(String zone, String name, String type) {}

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> changeStatements() {
    return TemplateScans.statements(templateJson).stream()
        .filter(s -> TemplateScans.actions(s).contains("route53:ChangeResourceRecordSets"))
        .toList();
  }

  @SuppressWarnings("unchecked")
  static String zoneOf(Map<String, Object> statement) {
    List<Object> arn =
        (List<Object>)
            ((List<Object>) ((Map<String, Object>) statement.get("Resource")).get("Fn::Join"))
                .get(1);
    return ((String) arn.get(2)).substring(":route53:::hostedzone/".length());
  }

  @SuppressWarnings("unchecked")
  static List<String> conditionValues(Map<String, Object> statement, String key) {
    return (List<String>)
        ((Map<String, Object>)
                ((Map<String, Object>) statement.get("Condition")).get("ForAllValues:StringEquals"))
            .get(key);
  }

  @Test
  void noStatement_allowsANameATypeItsHostIsNotConfiguredFor_andEveryConfiguredPairIsAllowed() {
    Set<Grant> configured = new HashSet<>();
    config
        .hosts()
        .values()
        .forEach(
            h ->
                h.recordTypes()
                    .forEach(
                        t ->
                            configured.add(
                                new Grant(
                                    h.zoneId(), HostNames.route53Normalized(h.name()), t.name()))));
    Set<Grant> allowed = new HashSet<>();
    for (Map<String, Object> statement : changeStatements()) {
      Set<Grant> byThisStatement = new HashSet<>();
      // IAM: any listed name with any listed type, in the statement's zone.
      for (String name : conditionValues(statement, PermissionStatements.NORMALIZED_NAMES)) {
        for (String type : conditionValues(statement, PermissionStatements.RECORD_TYPES)) {
          byThisStatement.add(new Grant(zoneOf(statement), name, type));
        }
      }
      Set<Grant> wider = new HashSet<>(byThisStatement);
      wider.removeAll(configured);
      assertEquals(Set.of(), wider, statement.get("Sid") + " allows more than the configuration");
      allowed.addAll(byThisStatement);
    }
    assertEquals(configured, allowed);
  }

  @Test
  void statementsOfTheTemplate_areExactlyThePartitionsTheFunctionBatchesBy() {
    List<ChangePartition> declared = new ArrayList<>();
    for (Map<String, Object> statement : changeStatements()) {
      String sid = (String) statement.get("Sid");
      Set<RecordType> types = new HashSet<>();
      conditionValues(statement, PermissionStatements.RECORD_TYPES)
          .forEach(t -> types.add(RecordType.valueOf(t)));
      ChangePartition partition =
          new ChangePartition(
              zoneOf(statement),
              types,
              Integer.parseInt(sid.replaceAll("^.*\\D", "")),
              conditionValues(statement, PermissionStatements.NORMALIZED_NAMES));
      assertEquals(PermissionStatements.CHANGE_SID_PREFIX + partition.id(), sid);
      declared.add(partition);
    }
    // What UpdateService computes from the same file at start-up.
    List<ChangePartition> batched =
        ChangePartitions.of(ConfigParser.load(work.resolve("large.json")).hosts().values()).all();

    // Compared by id, reporting only ids: the lists hold 1,000 names.
    Map<String, ChangePartition> declaredById = new TreeMap<>();
    declared.forEach(p -> declaredById.put(p.id(), p));
    Map<String, ChangePartition> batchedById = new TreeMap<>();
    batched.forEach(p -> batchedById.put(p.id(), p));
    assertEquals(batchedById.keySet(), declaredById.keySet());
    List<String> different =
        batchedById.keySet().stream()
            .filter(id -> !batchedById.get(id).equals(declaredById.get(id)))
            .toList();
    assertEquals(
        List.of(), different, "partitions declared differently from how the function batches");
    assertEquals(declared.size(), declaredById.size(), "each partition declared once");
    // Three type sets of about 333 names, 127 names of 40 characters per statement: 3 parts each.
    assertEquals(9, declared.size());
  }

  @Test
  void secretsPolicy_isOneStatementOnThePrefix_whateverTheNumberOfUsers() {
    List<Object> resources = new ArrayList<>();
    for (Map<String, Object> statement : TemplateScans.statements(templateJson)) {
      // BatchGetSecretValue accepts only "*" and reads nothing without GetSecretValue (see
      // PermissionStatements.BATCH_READ_SECRETS), so the scope is GetSecretValue's.
      if (TemplateScans.actions(statement).contains("secretsmanager:GetSecretValue")) {
        resources.add(statement.get("Resource"));
      }
    }
    assertEquals(
        List.of(
            Map.of(
                "Fn::Join",
                List.of(
                    "",
                    List.of(
                        "arn:",
                        Map.of("Ref", "AWS::Partition"),
                        ":secretsmanager:",
                        Map.of("Ref", "AWS::Region"),
                        ":",
                        Map.of("Ref", "AWS::AccountId"),
                        ":secret:dyndns53/Dyndns53/*")))),
        resources);
  }
}
