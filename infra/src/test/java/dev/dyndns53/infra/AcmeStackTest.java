package dev.dyndns53.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * A stack with hosts that allow ACME DNS-01 challenges ({@code "acme": true}) in one of two zones.
 */
class AcmeStackTest extends StackSafetyContract {
  private static final String ZONE_1 = "Z0123456789EXAMPLE01";
  private static final String ZONE_2 = "Z0123456789EXAMPLE02";

  @TempDir static Path work;
  static Dyndns53Config config;
  static Dyndns53Stack stack;
  static Template template;

  @BeforeAll
  static void synthesize() {
    Path configFile =
        TestStacks.write(
            work.resolve("acme.json"),
            """
        {
          "hosts": {
            "home.example.com": { "zoneId": "%1$s", "acme": true },
            "office.example.com": { "zoneId": "%1$s", "acme": true, "recordTypes": ["A"] },
            "printer.example.com": { "zoneId": "%1$s" },
            "nas.example.org": { "zoneId": "%2$s", "acme": false }
          },
          "users": {
            "edgerouter": { "hosts": ["home.example.com", "printer.example.com", "nas.example.org"] },
            "office": { "hosts": ["office.example.com"] }
          }
        }
        """
                .formatted(ZONE_1, ZONE_2));
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

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> recordChangeStatements() {
    List<Map<String, Object>> statements = new ArrayList<>();
    for (Map<String, Object> policy : template.findResources("AWS::IAM::ManagedPolicy").values()) {
      Map<String, Object> document =
          (Map<String, Object>) ExampleConfigStackTest.properties(policy).get("PolicyDocument");
      for (Map<String, Object> statement : (List<Map<String, Object>>) document.get("Statement")) {
        if (TemplateScans.actions(statement).contains("route53:ChangeResourceRecordSets")) {
          statements.add(statement);
        }
      }
    }
    return statements;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> forAllValues(Map<String, Object> statement) {
    return (Map<String, Object>)
        ((Map<String, Object>) statement.get("Condition")).get("ForAllValues:StringEquals");
  }

  @Test
  void
      acmeChallenges_areTxtCreateAndDeleteOnExactlyTheChallengeNamesOfAcmeHosts_inAStatementOfTheirOwn() {
    Map<String, Object> expected =
        Map.of(
            "Sid",
            "WriteAcmeChallengesIn" + ZONE_1,
            "Effect",
            "Allow",
            "Action",
            "route53:ChangeResourceRecordSets",
            "Resource",
            ExampleConfigStackTest.zoneArn(ZONE_1),
            "Condition",
            Map.of(
                "ForAllValues:StringEquals",
                    Map.of(
                        PermissionStatements.NORMALIZED_NAMES,
                        List.of(
                            "_acme-challenge.home.example.com",
                            "_acme-challenge.office.example.com"),
                        PermissionStatements.RECORD_TYPES,
                        List.of("TXT"),
                        PermissionStatements.CHANGE_ACTIONS,
                        List.of("CREATE", "DELETE")),
                "Null",
                    Map.of(
                        PermissionStatements.NORMALIZED_NAMES, "false",
                        PermissionStatements.RECORD_TYPES, "false",
                        PermissionStatements.CHANGE_ACTIONS, "false")));
    List<Map<String, Object>> acme =
        recordChangeStatements().stream()
            .filter(
                s -> forAllValues(s).get(PermissionStatements.RECORD_TYPES).equals(List.of("TXT")))
            .toList();
    assertEquals(List.of(expected), acme);
  }

  @Test
  void noStatementAllowsTxtOnAHostName_orAddressTypesOnAChallengeName() {
    for (Map<String, Object> statement : recordChangeStatements()) {
      @SuppressWarnings("unchecked")
      List<String> names =
          (List<String>) forAllValues(statement).get(PermissionStatements.NORMALIZED_NAMES);
      @SuppressWarnings("unchecked")
      List<String> types =
          (List<String>) forAllValues(statement).get(PermissionStatements.RECORD_TYPES);
      boolean challengeNames = names.stream().allMatch(n -> n.startsWith("_acme-challenge."));
      boolean hostNames = names.stream().noneMatch(n -> n.startsWith("_acme-challenge."));
      assertTrue(
          challengeNames ? types.equals(List.of("TXT")) : hostNames && !types.contains("TXT"),
          statement.toString());
    }
  }

  @Test
  void zoneWithoutAnAcmeHost_hasNoChallengeStatement() {
    assertTrue(
        recordChangeStatements().stream()
            .noneMatch(
                s ->
                    s.get("Resource").equals(ExampleConfigStackTest.zoneArn(ZONE_2))
                        && forAllValues(s)
                            .get(PermissionStatements.RECORD_TYPES)
                            .equals(List.of("TXT"))));
  }

  @Test
  void api_servesPostOnAcmePresentAndCleanup_withJsonResponses() {
    for (String part : List.of("present", "cleanup")) {
      template.hasResourceProperties(
          "AWS::ApiGateway::Resource",
          Map.of(
              "PathPart",
              part,
              "ParentId",
              Map.of("Ref", Match.stringLikeRegexp(".*acme.*")),
              "RestApiId",
              Match.anyValue()));
    }
    List<Object> responses = new ArrayList<>();
    for (String status : UpdateApi.ACME_STATUSES) {
      responses.add(
          Map.of("StatusCode", status, "ResponseModels", Map.of("application/json", "Empty")));
    }
    Map<String, Map<String, Object>> acmeMethods =
        template.findResources(
            "AWS::ApiGateway::Method",
            Match.objectLike(
                Map.of("Properties", Match.objectLike(Map.of("MethodResponses", responses)))));
    assertEquals(2, acmeMethods.size());
    acmeMethods
        .values()
        .forEach(m -> assertEquals("POST", ExampleConfigStackTest.properties(m).get("HttpMethod")));
    // nic/update GET and POST, checkip GET, acme/present and acme/cleanup POST.
    template.resourceCountIs("AWS::ApiGateway::Method", 6); // with issue 17's GET /status
  }

  @Test
  void outputs_includeTheAcmeEndpointForLegoAndAcmeSh() {
    template.hasOutput(
        "AcmeEndpoint",
        Match.objectLike(
            Map.of(
                "Value",
                Match.objectLike(
                    Map.of(
                        "Fn::Join",
                        Match.arrayWith(
                            List.of(
                                Match.arrayWith(List.of(Match.stringLikeRegexp(".*/acme$"))))))))));
  }

  @Test
  void manyAcmeHosts_areSplitIntoStatementsThatEachFitAPolicy_namingEveryChallengeOnce(
      @TempDir Path dir) {
    StringBuilder hosts = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String name = "host-%03d.certificates-for-the-lan.example.com".formatted(i);
      hosts
          .append(i == 0 ? "" : ",")
          .append('"')
          .append(name)
          .append("\": {\"zoneId\": \"")
          .append(ZONE_1)
          .append("\", \"acme\": true}");
      expected.add("_acme-challenge." + name);
    }
    Path configFile =
        TestStacks.write(
            dir.resolve("many.json"),
            "{\"hosts\": {"
                + hosts
                + "}, \"users\": {\"u\":"
                + " {\"hosts\": [\"host-000.certificates-for-the-lan.example.com\"]}}}");
    Template many = Template.fromStack(TestStacks.stack(configFile, dir));

    List<String> named = new ArrayList<>();
    int statements = 0;
    for (Map<String, Object> policy : many.findResources("AWS::IAM::ManagedPolicy").values()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> document =
          (Map<String, Object>) ExampleConfigStackTest.properties(policy).get("PolicyDocument");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> list = (List<Map<String, Object>>) document.get("Statement");
      for (Map<String, Object> statement : list) {
        if (String.valueOf(statement.get("Sid")).startsWith(PermissionStatements.ACME_SID_PREFIX)) {
          statements++;
          assertEquals(
              List.of("TXT"), forAllValues(statement).get(PermissionStatements.RECORD_TYPES));
          @SuppressWarnings("unchecked")
          List<String> names =
              (List<String>) forAllValues(statement).get(PermissionStatements.NORMALIZED_NAMES);
          named.addAll(names);
        }
      }
    }
    assertTrue(statements >= 3, "statements: " + statements);
    java.util.Collections.sort(named);
    assertEquals(expected, named);
  }
}
