package dev.dyndns53.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.config.HostConfig;
import dev.dyndns53.json.Json;
import dev.dyndns53.records.HostNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** 200 hosts over four zones and 50 users: the size the issue asks the design to carry. */
class LargeConfigStackTest extends StackSafetyContract {
  static final int HOSTS = 200;
  static final int ZONES = 4;
  static final int USERS = 50;

  @TempDir static Path work;
  static Dyndns53Config config;
  static Dyndns53Stack stack;
  static Template template;

  /** Longish names, every type mix, and user names with the punctuation the parser allows. */
  static String largeConfig() {
    StringBuilder hosts = new StringBuilder();
    for (int h = 0; h < HOSTS; h++) {
      String types = switch (h % 3) {
        case 0 -> "[\"A\"]";
        case 1 -> "[\"AAAA\"]";
        default -> "[\"A\", \"AAAA\"]";
      };
      hosts.append(h == 0 ? "" : ",\n").append("    ").append(Json.quote(hostName(h)))
          .append(": {\"zoneId\": \"").append(zoneId(h % ZONES)).append("\", \"recordTypes\": ").append(types).append('}');
    }
    StringBuilder users = new StringBuilder();
    for (int u = 0; u < USERS; u++) {
      List<String> granted = new ArrayList<>();
      for (int k = 0; k < 5; k++) {
        granted.add(Json.quote(hostName((u * 4 + k) % HOSTS)));
      }
      users.append(u == 0 ? "" : ",\n").append("    ").append(Json.quote(userName(u)))
          .append(": {\"hosts\": [").append(String.join(", ", granted)).append("]}");
    }
    return "{\n  \"hosts\": {\n" + hosts + "\n  },\n  \"users\": {\n" + users + "\n  }\n}\n";
  }

  static String hostName(int h) {
    return "router-" + String.format("%03d", h) + ".branch-office-" + (h % ZONES) + ".example-company.net";
  }

  static String zoneId(int z) {
    return "Z0" + z + "LARGEZONEFORTESTS01";
  }

  static String userName(int u) {
    return "site-" + String.format("%02d", u) + ".router@example";
  }

  @BeforeAll
  static void synthesize() {
    Path configFile = TestStacks.write(work.resolve("large.json"), largeConfig());
    config = ConfigParser.load(configFile);
    stack = TestStacks.stack(configFile, work);
    template = Template.fromStack(stack);
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

  @Test
  void generatedConfig_hasTheIntendedShape() {
    assertEquals(HOSTS, config.hosts().size());
    assertEquals(USERS, config.users().size());
    assertEquals(ZONES, config.hosts().values().stream().map(HostConfig::zoneId).distinct().count());
    assertTrue(config.users().values().stream().allMatch(u -> u.hosts().size() >= 4));
  }

  @Test
  void secrets_existForAllFiftyUsers() {
    template.resourceCountIs("AWS::SecretsManager::Secret", USERS);
    assertEquals(2 + 2 * USERS, template.findOutputs("*").size());
  }

  @Test
  @SuppressWarnings("unchecked")
  void environment_staysFarBelowLambdasFourKilobyteLimit() {
    // Lambda caps all environment variables of a function at 4 KB together; the configuration
    // travels in the code package instead, so this stays constant however many hosts there are.
    Map<String, Object> function = template.findResources("AWS::Lambda::Function").values().iterator().next();
    Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
        function.get("Properties")).get("Environment")).get("Variables");
    int bytes = 0;
    for (Map.Entry<String, Object> variable : variables.entrySet()) {
      bytes += variable.getKey().getBytes(StandardCharsets.UTF_8).length
          + ((String) variable.getValue()).getBytes(StandardCharsets.UTF_8).length;
    }
    assertTrue(bytes < 4096 / 8, "environment variables take " + bytes + " bytes");
  }

  @Test
  @SuppressWarnings("unchecked")
  void permissions_fitIamsManagedPolicyLimitsInTheWorstCaseRegion() {
    Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::ManagedPolicy");
    Map<String, String> secretArns = new HashMap<>();
    template.findResources("AWS::SecretsManager::Secret").forEach((id, secret) ->
        secretArns.put(id, PolicySize.worstSecretArn((String) ExampleConfigStackTest.properties(secret).get("Name"))));
    int total = 0;
    for (Map.Entry<String, Map<String, Object>> policy : policies.entrySet()) {
      Object document = ExampleConfigStackTest.properties(policy.getValue()).get("PolicyDocument");
      int size = PolicySize.worstCaseLength(document, secretArns);
      assertTrue(size <= PolicySize.MANAGED_POLICY_MAX_CHARS, policy.getKey() + " is " + size + " characters");
      total += size;
    }
    assertTrue(policies.size() <= PolicySize.MANAGED_POLICIES_PER_ROLE, policies.size() + " managed policies");
    // The reason for managed policies: the same statements would not fit in the 10,240 characters
    // all inline policies of a role share.
    assertTrue(total > PolicySize.ROLE_INLINE_MAX_CHARS, "total " + total);
    template.resourceCountIs("AWS::IAM::Policy", 0);
    template.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of(
        "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(Match.objectLike(Map.of(
            "Principal", Map.of("Service", "lambda.amazonaws.com")))))),
        "Policies", Match.absent())));
  }

  @Test
  @SuppressWarnings("unchecked")
  void routeChangePolicy_namesEveryConfiguredHostInItsZoneExactlyOnce() {
    Map<String, TreeSet<String>> expected = new TreeMap<>();
    config.hosts().values().forEach(h -> expected.computeIfAbsent(h.zoneId(), z -> new TreeSet<>())
        .add(HostNames.route53Normalized(h.name())));
    Map<String, TreeSet<String>> granted = new TreeMap<>();
    List<String> allNames = new ArrayList<>();
    for (Map<String, Object> statement : TemplateScans.statements(template.toJSON())) {
      if (!TemplateScans.actions(statement).contains("route53:ChangeResourceRecordSets")) {
        continue;
      }
      List<Object> arn = (List<Object>) ((List<Object>) ((Map<String, Object>) statement.get("Resource"))
          .get("Fn::Join")).get(1);
      String zone = ((String) arn.get(2)).substring(":route53:::hostedzone/".length());
      List<String> names = (List<String>) ((Map<String, Object>) ((Map<String, Object>) statement.get("Condition"))
          .get("ForAllValues:StringEquals")).get(FunctionPermissions.NORMALIZED_NAMES);
      granted.computeIfAbsent(zone, z -> new TreeSet<>()).addAll(names);
      allNames.addAll(names);
    }
    assertEquals(expected, granted);
    assertEquals(HOSTS, allNames.size(), "no name is granted twice");
  }

  @Test
  void secretsPolicy_coversEveryUsersSecret() {
    List<Object> granted = new ArrayList<>();
    for (Map<String, Object> statement : TemplateScans.statements(template.toJSON())) {
      if (TemplateScans.actions(statement).contains("secretsmanager:GetSecretValue")) {
        Object resources = statement.get("Resource");
        granted.addAll(resources instanceof List<?> list ? list : List.of(resources));
      }
    }
    List<Object> expected = template.findResources("AWS::SecretsManager::Secret").keySet().stream()
        .map(id -> (Object) Map.of("Ref", id)).toList();
    assertEquals(new TreeSet<>(expected.stream().map(Object::toString).toList()),
        new TreeSet<>(granted.stream().map(Object::toString).toList()));
    assertEquals(USERS, granted.size());
  }
}
