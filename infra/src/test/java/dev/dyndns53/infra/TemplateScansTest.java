package dev.dyndns53.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole-template scans find what they look for: a scan that cannot fail proves nothing. */
class TemplateScansTest {
  /** What a CloudFormation-generated 40-character, no-punctuation password looks like. */
  private static final String PASSWORD = "q7TzR2mWv9XkLp4sNb8Hd3Jf6Gc1Yx5Ae0UiOo2K";

  private static Map<String, Object> template(
      Map<String, Object> resources, Map<String, Object> outputs) {
    return Map.of("Resources", resources, "Outputs", outputs);
  }

  private static Map<String, Object> statement(Object action, Object resource, Object condition) {
    return condition == null
        ? Map.of("Effect", "Allow", "Action", action, "Resource", resource)
        : Map.of("Effect", "Allow", "Action", action, "Resource", resource, "Condition", condition);
  }

  private static Map<String, Object> policy(Map<String, Object> statement) {
    return Map.of(
        "Type",
        "AWS::IAM::ManagedPolicy",
        "Properties",
        Map.of("PolicyDocument", Map.of("Statement", List.of(statement))));
  }

  @Test
  void passwordScan_findsAPasswordInAnOutputAnEnvironmentVariableOrInsideText() {
    Map<String, Object> function =
        Map.of(
            "Type",
            "AWS::Lambda::Function",
            "Properties",
            Map.of("Environment", Map.of("Variables", Map.of("TOKEN", PASSWORD))));
    Map<String, Object> planted =
        template(
            Map.of("UpdateFunctionBA2A9B6D", function),
            Map.of(
                "Leak", Map.of("Value", "user=edgerouter&password=" + PASSWORD.substring(0, 32))));

    assertEquals(2, TemplateScans.passwordLikeStrings(planted, List.of()).size());
  }

  @Test
  void passwordScan_acceptsLogicalIdsZoneIdsAndHashes() {
    Map<String, Object> clean =
        template(
            Map.of(
                "UpdateFunctionCurrentVersionC805FF506f2f90bf36913d463dfbd42c286e56ad",
                Map.of(
                    "Type",
                    "AWS::Lambda::Version",
                    "Properties",
                    Map.of(
                        "Sid", "ChangeConfiguredRecordsInZ0123456789EXAMPLE01",
                        "S3Key",
                            "cdf2ae433b4cc08e2bac79d6c365b5635618fdeb584417756d6d9c5086cf8ce6.zip",
                        "DependsOn",
                            List.of(
                                "UpdateFunctionCurrentVersionC805FF506f2f90bf36913d463dfbd42c286e56ad")))),
            Map.of());

    assertEquals(
        List.of(), TemplateScans.passwordLikeStrings(clean, List.of("Z0123456789EXAMPLE01")));
  }

  @Test
  void wildcardScan_findsResourceStarAloneOrInAList() {
    Map<String, Object> planted =
        template(
            Map.of(
                "A", policy(statement("route53:ListHostedZones", "*", null)),
                "B", policy(statement("logs:PutLogEvents", List.of("arn:aws:logs:x", "*"), null))),
            Map.of());

    assertEquals(2, TemplateScans.wildcardResources(planted).size());
  }

  @Test
  void wildcardScan_allowsResourceStarOnlyForBatchGetSecretValueAlone() {
    Map<String, Object> planted =
        template(
            Map.of(
                "Alone", policy(statement("secretsmanager:BatchGetSecretValue", "*", null)),
                "AloneInAList",
                    policy(statement(List.of("secretsmanager:BatchGetSecretValue"), "*", null)),
                "WithAnother",
                    policy(
                        statement(
                            List.of(
                                "secretsmanager:BatchGetSecretValue",
                                "secretsmanager:GetSecretValue"),
                            "*",
                            null)),
                "Pattern", policy(statement("secretsmanager:Batch*", "*", null))),
            Map.of());

    List<String> found = TemplateScans.wildcardResources(planted);

    assertEquals(2, found.size(), found.toString());
    assertTrue(found.stream().anyMatch(p -> p.contains("WithAnother")), found.toString());
    assertTrue(found.stream().anyMatch(p -> p.contains("Pattern")), found.toString());
  }

  @Test
  void recordChangeScan_findsChangesWithoutTheNameConditionIncludingWildcardActions() {
    Map<String, Object> namesOnly =
        Map.of(
            "ForAllValues:StringEquals",
            Map.of(PermissionStatements.NORMALIZED_NAMES, List.of("home.example.com")));
    Map<String, Object> complete =
        Map.of(
            "ForAllValues:StringEquals",
                Map.of(PermissionStatements.NORMALIZED_NAMES, List.of("home.example.com")),
            "Null", Map.of(PermissionStatements.NORMALIZED_NAMES, "false"));
    Map<String, Object> planted =
        template(
            Map.of(
                "NoCondition",
                    policy(statement("route53:ChangeResourceRecordSets", "arn:zone", null)),
                "Wildcard", policy(statement(List.of("route53:*"), "arn:zone", null)),
                "NoNullTest",
                    policy(statement("route53:ChangeResourceRecordSets", "arn:zone", namesOnly)),
                "Fine",
                    policy(statement("route53:ChangeResourceRecordSets", "arn:zone", complete))),
            Map.of());

    assertEquals(3, TemplateScans.unconditionedRecordChanges(planted).size());
  }
}
