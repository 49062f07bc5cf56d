package dev.dyndns53.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** An API on its own name, with a regional ACM certificate and a custom stage name. */
class CustomDomainStackTest extends StackSafetyContract {
  static final String CERTIFICATE =
      "arn:aws:acm:eu-central-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab";

  @TempDir static Path work;
  static Dyndns53Config config;
  static Dyndns53Stack stack;
  static Template template;

  @BeforeAll
  static void synthesize() {
    Path configFile =
        TestStacks.write(
            work.resolve("domain.json"),
            """
        {
          "hosts": { "home.example.com": { "zoneId": "Z0123456789EXAMPLE01" } },
          "users": { "edgerouter": { "hosts": ["home.example.com"] } },
          "api": {
            "stageName": "dyn",
            "throttling": { "rateLimit": 2, "burstLimit": 4 },
            "customDomain": { "domainName": "DynDNS.example.com", "certificateArn": "%s" }
          },
          "logRetentionDays": 90
        }
        """
                .formatted(CERTIFICATE));
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
  void customDomain_isRegionalWithTheConfiguredCertificate() {
    template.hasResourceProperties(
        "AWS::ApiGateway::DomainName",
        Match.objectLike(
            Map.of(
                "DomainName",
                "dyndns.example.com",
                "RegionalCertificateArn",
                CERTIFICATE,
                "EndpointConfiguration",
                Map.of("Types", List.of("REGIONAL")),
                "SecurityPolicy",
                "TLS_1_2")));
  }

  @Test
  void customDomain_mapsTheStageNameAsBasePathToTheStage() {
    String domain = ExampleConfigStackTest.onlyLogicalIdIn(template, "AWS::ApiGateway::DomainName");
    template.hasResourceProperties(
        "AWS::ApiGateway::BasePathMapping",
        Map.of(
            "BasePath", "dyn",
            "DomainName", Map.of("Ref", domain),
            "RestApiId",
                Map.of(
                    "Ref",
                    ExampleConfigStackTest.onlyLogicalIdIn(template, "AWS::ApiGateway::RestApi")),
            "Stage",
                Map.of(
                    "Ref",
                    ExampleConfigStackTest.onlyLogicalIdIn(template, "AWS::ApiGateway::Stage"))));
  }

  @Test
  void outputs_giveTheRouterTheCustomDomainAndTheDnsTarget() {
    template.hasOutput(
        "EdgeRouterServer", Match.objectLike(Map.of("Value", "dyndns.example.com/dyn")));
    template.hasOutput(
        "CustomDomainUpdateUrl",
        Match.objectLike(Map.of("Value", "https://dyndns.example.com/dyn/nic/update")));
    template.hasOutput(
        "CustomDomainTarget",
        Match.objectLike(
            Map.of(
                "Value",
                Map.of(
                    "Fn::GetAtt",
                    List.of(
                        ExampleConfigStackTest.onlyLogicalIdIn(
                            template, "AWS::ApiGateway::DomainName"),
                        "RegionalDomainName")))));
  }

  @Test
  @SuppressWarnings("unchecked")
  void deployment_failsEarlyOutsideTheCertificatesRegion() {
    Map<String, Object> rules =
        new java.util.TreeMap<>(
            ExampleConfigStackTest.withoutBootstrapRule(template.toJSON().get("Rules")));
    rules.keySet().removeIf(id -> !id.contains("Certificate"));
    assertEquals(1, rules.size(), rules.keySet().toString());
    List<Map<String, Object>> assertions =
        (List<Map<String, Object>>)
            ((Map<String, Object>) rules.values().iterator().next()).get("Assertions");
    assertEquals(1, assertions.size());
    assertEquals(
        Map.of("Fn::Equals", List.of(Map.of("Ref", "AWS::Region"), "eu-central-1")),
        assertions.get(0).get("Assert"));
    String description = (String) assertions.get(0).get("AssertDescription");
    assertTrue(description.contains("certificateArn is in eu-central-1"), description);
  }

  @Test
  void customDomain_isDualStackLikeTheApi() {
    template.hasResourceProperties(
        "AWS::ApiGateway::DomainName",
        Match.objectLike(
            Map.of(
                "EndpointConfiguration",
                Map.of("Types", List.of("REGIONAL"), "IpAddressType", "dualstack"))));
  }

  @Test
  void stage_andLogsFollowTheConfiguration() {
    template.hasResourceProperties(
        "AWS::ApiGateway::Stage",
        Match.objectLike(
            Map.of(
                "StageName",
                "dyn",
                "MethodSettings",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of("ThrottlingRateLimit", 2, "ThrottlingBurstLimit", 4)))))));
    template.allResourcesProperties(
        "AWS::Logs::LogGroup", Match.objectLike(Map.of("RetentionInDays", 90)));
  }
}
