package dev.dyndns53.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * A bad release rolls itself back: alias {@code live} moves through a CodeDeploy deployment whose
 * pre-traffic hook checks the new version, with the function's failure alarms and automatic
 * rollback.
 */
@SuppressWarnings("unchecked")
class ReleaseRollbackTest {
  private static final String STACK = "HomeDns";

  @TempDir static Path work;
  static Template template;
  static Map<String, Map<String, Object>> resources;

  @BeforeAll
  static void synthesize() {
    Path config =
        TestStacks.write(
            work.resolve("config.json"),
            """
            {"hosts": {"home.example.com": {"zoneId": "Z0123456789EXAMPLE01"}},
             "users": {"edgerouter": {"hosts": ["home.example.com"]}}}
            """);
    template =
        Template.fromStack(
            new Dyndns53Stack(
                TestStacks.app(Map.of()),
                STACK,
                new Dyndns53StackProps(
                    dev.dyndns53.config.ConfigParser.load(config),
                    config,
                    TestStacks.standInJar(work),
                    work.resolve("asset"),
                    FunctionSettings.DEFAULT)));
    resources = (Map<String, Map<String, Object>>) template.toJSON().get("Resources");
  }

  private static String logicalId(String type, Map<String, Object> properties) {
    Map<String, Map<String, Object>> found =
        template.findResources(
            type, Match.objectLike(Map.of("Properties", Match.objectLike(properties))));
    assertEquals(1, found.size(), type + " with " + properties);
    return found.keySet().iterator().next();
  }

  private static String updateFunction() {
    return logicalId("AWS::Lambda::Function", Map.of("Handler", UpdateFunction.HANDLER));
  }

  private static String hook() {
    return logicalId("AWS::Lambda::Function", Map.of("Handler", ReleaseRollback.HOOK_HANDLER));
  }

  private static String alias() {
    return ExampleConfigStackTest.onlyLogicalIdIn(template, "AWS::Lambda::Alias");
  }

  private static Map<String, Object> deploymentGroup() {
    return ExampleConfigStackTest.properties(
        resources.get(
            ExampleConfigStackTest.onlyLogicalIdIn(template, "AWS::CodeDeploy::DeploymentGroup")));
  }

  private static String alarm(String name) {
    return logicalId("AWS::CloudWatch::Alarm", Map.of("AlarmName", STACK + "-" + name));
  }

  @Test
  void aliasMovesThroughCodeDeployWithThePreTrafficHook() {
    Map<String, Object> aliasResource = resources.get(alias());
    Map<String, Object> update =
        (Map<String, Object>)
            ((Map<String, Object>) aliasResource.get("UpdatePolicy"))
                .get("CodeDeployLambdaAliasUpdate");
    assertEquals(Map.of("Ref", hook()), update.get("BeforeAllowTrafficHook"));
    assertEquals(
        Map.of(
            "Ref",
            ExampleConfigStackTest.onlyLogicalIdIn(template, "AWS::CodeDeploy::Application")),
        update.get("ApplicationName"));
    assertEquals(
        Map.of(
            "Ref",
            ExampleConfigStackTest.onlyLogicalIdIn(template, "AWS::CodeDeploy::DeploymentGroup")),
        update.get("DeploymentGroupName"));
  }

  @Test
  void deploymentShiftsAllAtOnceAndRollsBackOnFailureStopAndAlarm() {
    Map<String, Object> group = deploymentGroup();
    assertEquals("CodeDeployDefault.LambdaAllAtOnce", group.get("DeploymentConfigName"));
    assertEquals(
        Map.of("DeploymentType", "BLUE_GREEN", "DeploymentOption", "WITH_TRAFFIC_CONTROL"),
        group.get("DeploymentStyle"));
    Map<String, Object> rollback = (Map<String, Object>) group.get("AutoRollbackConfiguration");
    assertEquals(true, rollback.get("Enabled"));
    assertEquals(
        List.of("DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_REQUEST", "DEPLOYMENT_STOP_ON_ALARM"),
        rollback.get("Events"));
  }

  @Test
  void deploymentWatchesTheFunctionFailureAlarmsOnly() {
    Map<String, Object> alarms = (Map<String, Object>) deploymentGroup().get("AlarmConfiguration");
    assertEquals(true, alarms.get("Enabled"));
    List<Object> names = new ArrayList<>();
    for (Object entry : (List<Object>) alarms.get("Alarms")) {
      names.add(((Map<String, Object>) entry).get("Name"));
    }
    // Not ServerErrors (Route 53 or Secrets Manager failing), AuthFailureBurst (strangers) or the
    // health-check alarms, which hold their state for hours: none of them says the release is bad,
    // and an alarm already in ALARM would stop every release.
    assertEquals(
        List.of(Map.of("Ref", alarm("FunctionErrors")), Map.of("Ref", alarm("GatewayFailures"))),
        names);
  }

  @Test
  void hookChecksTheVersionTheAliasMovesTo() {
    Map<String, Object> hook = ExampleConfigStackTest.properties(resources.get(hook()));
    Map<String, Object> aliasProperties = ExampleConfigStackTest.properties(resources.get(alias()));
    Object version = aliasProperties.get("FunctionVersion");
    Map<String, Object> environment =
        (Map<String, Object>) ((Map<String, Object>) hook.get("Environment")).get("Variables");
    Map<String, Object> versionRef = (Map<String, Object>) version;
    String versionLogicalId = (String) ((List<Object>) versionRef.get("Fn::GetAtt")).get(0);
    assertEquals("AWS::Lambda::Version", resources.get(versionLogicalId).get("Type"));
    assertEquals(Map.of("Ref", versionLogicalId), environment.get(ReleaseRollback.VERSION_ENV));
    assertNull(hook.get("SnapStart"), "the hook runs once per release");
  }

  @Test
  void aliasWaitsForTheHookAndItsPermissions() {
    List<Object> dependsOn = (List<Object>) resources.get(alias()).get("DependsOn");
    assertTrue(dependsOn.contains(hook()), String.valueOf(dependsOn));
    String hookPolicy =
        logicalId(
            "AWS::IAM::ManagedPolicy",
            Map.of(
                "Description",
                "dyndns53: invoke the release under test, write the hook's own log"));
    assertTrue(dependsOn.contains(hookPolicy), String.valueOf(dependsOn));
  }

  @Test
  void hookMayInvokeOnlyTheNewVersionAndReportOnlyToItsDeploymentGroup() {
    List<Map<String, Object>> invokes = new ArrayList<>();
    List<Map<String, Object>> reports = new ArrayList<>();
    for (Map<String, Object> resource : resources.values()) {
      String type = (String) resource.get("Type");
      if (!type.equals("AWS::IAM::ManagedPolicy") && !type.equals("AWS::IAM::Policy")) {
        continue;
      }
      Map<String, Object> document =
          (Map<String, Object>) ExampleConfigStackTest.properties(resource).get("PolicyDocument");
      for (Map<String, Object> statement : (List<Map<String, Object>>) document.get("Statement")) {
        Object actions = statement.get("Action");
        if (String.valueOf(actions).contains("lambda:InvokeFunction")) {
          invokes.add(statement);
        }
        if (String.valueOf(actions).contains("codedeploy:PutLifecycleEventHookExecutionStatus")) {
          reports.add(statement);
        }
      }
    }
    // Two grants of invoke: the hook's on the new version, and CodeDeploy's on the hook.
    String version =
        (String)
            ((List<Object>)
                    ((Map<String, Object>)
                            ExampleConfigStackTest.properties(resources.get(alias()))
                                .get("FunctionVersion"))
                        .get("Fn::GetAtt"))
                .get(0);
    assertTrue(
        invokes.stream().anyMatch(s -> Map.of("Ref", version).equals(s.get("Resource"))),
        String.valueOf(invokes));
    for (Map<String, Object> statement : invokes) {
      String resource = String.valueOf(statement.get("Resource"));
      assertFalse(resource.equals("*"), "invoke on every function: " + statement);
      assertFalse(
          resource.contains(updateFunction() + ".Arn"),
          "invoke on $LATEST or the alias: " + statement);
    }
    assertEquals(1, reports.size(), String.valueOf(reports));
    assertEquals("codedeploy:PutLifecycleEventHookExecutionStatus", reports.get(0).get("Action"));
    assertTrue(
        String.valueOf(reports.get(0).get("Resource")).contains("deploymentgroup:"),
        String.valueOf(reports.get(0)));
  }

  @Test
  void updateFunctionKeepsSnapStartOnTheVersionsCodeDeployShifts() {
    Map<String, Object> function =
        ExampleConfigStackTest.properties(resources.get(updateFunction()));
    assertEquals(Map.of("ApplyOn", "PublishedVersions"), function.get("SnapStart"));
  }
}
