package dev.dyndns53.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.config.HostConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * What must never be in any dyndns53 template, whatever the configuration: each stack test class
 * runs these against its own template.
 */
abstract class StackSafetyContract {

  abstract Template template();

  abstract Dyndns53Stack stack();

  abstract Dyndns53Config config();

  /** The template as JSON; a class with a large template reads it once and returns that. */
  Map<String, Object> json() {
    return template().toJSON();
  }

  @Test
  void template_holdsNoPasswordLikeValue() {
    List<String> zoneIds =
        config().hosts().values().stream().map(HostConfig::zoneId).distinct().toList();
    assertEquals(List.of(), TemplateScans.passwordLikeStrings(json(), zoneIds));
  }

  @Test
  void secrets_neverCarryASecretValue() {
    template()
        .allResourcesProperties(
            "AWS::SecretsManager::Secret",
            Match.objectLike(
                Map.of("SecretString", Match.absent(), "GenerateSecretString", Match.anyValue())));
  }

  @Test
  void iam_grantsNothingOnResourceStar() {
    assertEquals(List.of(), TemplateScans.wildcardResources(json()));
  }

  @Test
  void iam_neverAllowsARecordChangeWithoutTheRecordNameCondition() {
    assertTrue(
        TemplateScans.statements(json()).stream()
            .anyMatch(s -> TemplateScans.actions(s).contains("route53:ChangeResourceRecordSets")),
        "the template should grant record changes at all");
    assertEquals(List.of(), TemplateScans.unconditionedRecordChanges(json()));
  }

  @Test
  void iam_neverGrantsRoute53GetChangeOrActionWildcards() {
    for (Map<String, Object> statement : TemplateScans.statements(json())) {
      for (String action : TemplateScans.actions(statement)) {
        assertTrue(
            !action.contains("*") && !action.equalsIgnoreCase("route53:GetChange"),
            "unexpected action " + action + " in " + statement);
      }
    }
  }

  @Test
  void accessLogFormat_neverRecordsCredentials() {
    template()
        .allResourcesProperties(
            "AWS::ApiGateway::Stage",
            Match.objectLike(
                Map.of("AccessLogSetting", Match.objectLike(Map.of("Format", Match.anyValue())))));
    for (Object stage : template().findResources("AWS::ApiGateway::Stage").values()) {
      String format =
          (String)
              ((Map<?, ?>)
                      ((Map<?, ?>) ((Map<?, ?>) stage).get("Properties")).get("AccessLogSetting"))
                  .get("Format");
      String lower = format.toLowerCase();
      for (String forbidden :
          List.of(
              "authorization",
              "$input",
              "$context.authorizer",
              "$method.request",
              "header",
              "querystring")) {
        assertTrue(
            !lower.contains(forbidden),
            "the access log format mentions " + forbidden + ": " + format);
      }
    }
  }

  @Test
  void stage_neverWritesExecutionLogsOrDataTraces() {
    template()
        .allResourcesProperties(
            "AWS::ApiGateway::Stage",
            Match.objectLike(
                Map.of(
                    "MethodSettings",
                    // Issue 17 appends the status method's throttle, which logs nothing either.
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "HttpMethod",
                                    "*",
                                    "ResourcePath",
                                    "/*",
                                    "LoggingLevel",
                                    "OFF",
                                    "DataTraceEnabled",
                                    false)))))));
    for (Object stage : template().findResources("AWS::ApiGateway::Stage").values()) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> settings =
          (List<Map<String, Object>>)
              ((Map<String, Object>) ((Map<String, Object>) stage).get("Properties"))
                  .get("MethodSettings");
      for (Map<String, Object> setting : settings) {
        org.junit.jupiter.api.Assertions.assertEquals(
            "OFF", setting.get("LoggingLevel"), setting.toString());
        org.junit.jupiter.api.Assertions.assertEquals(
            false, setting.get("DataTraceEnabled"), setting.toString());
      }
    }
  }

  @Test
  void synthesis_reportsNoWarningsOrErrors() {
    Annotations annotations = Annotations.fromStack(stack());
    annotations.hasNoWarning("*", Match.anyValue());
    annotations.hasNoError("*", Match.anyValue());
  }
}
