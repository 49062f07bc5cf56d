package dev.dyndns53.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * The rows of the lifecycle table (docs/lifecycle.md) that depend on template properties. The rows
 * that depend on the custom resource's handler are tested against moto in the function module
 * ({@code UserSecretHandlerIT}).
 */
class LifecycleStackTest {
  @TempDir Path root;

  @BeforeEach
  void repository() throws IOException {
    Files.createDirectories(root.resolve("config"));
    Files.copy(TestStacks.exampleConfig(), root.resolve("config/dyndns53.json"));
    TestStacks.write(root.resolve(Dyndns53App.FUNCTION_JAR), "stand-in jar");
  }

  private Template build(Map<String, Object> context) {
    App app = TestStacks.app(context);
    assertEquals(Optional.empty(), Dyndns53App.build(app, root));
    Stack stack =
        app.getNode().getChildren().stream()
            .filter(Stack.class::isInstance)
            .map(Stack.class::cast)
            .filter(s -> !s.getStackName().equals(ApiGatewayAccountStack.NAME))
            .findFirst()
            .orElseThrow();
    return Template.fromStack(stack);
  }

  @Test
  void everyRow_secretsAreNeverDeletedByCloudFormation_notEvenOnReplacement() {
    Template template = build(Map.of());
    Map<String, Map<String, Object>> secrets =
        template.findResources(
            UserSecrets.RESOURCE_TYPE,
            Match.objectLike(Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain")));
    assertEquals(2, secrets.size(), "both users of the example configuration");
  }

  @Test
  void firstDeploy_secretsExistBeforeTheFunctionVersionThatReadsThem() {
    Template template = build(Map.of());
    Set<String> secretIds = template.findResources(UserSecrets.RESOURCE_TYPE).keySet();
    Map<String, Map<String, Object>> functions =
        template.findResources(
            "AWS::Lambda::Function",
            Match.objectLike(
                Map.of("Properties", Match.objectLike(Map.of("Handler", UpdateFunction.HANDLER)))));
    assertEquals(1, functions.size());
    @SuppressWarnings("unchecked")
    List<String> dependsOn = (List<String>) functions.values().iterator().next().get("DependsOn");
    assertTrue(dependsOn.containsAll(secretIds), dependsOn + " should hold " + secretIds);
  }

  @Test
  void movedPartitionBoundary_newHostsAreWrittenOnlyOnceEveryPolicyAllowsThem() {
    // The function (and so the version that carries the new configuration) depends on every
    // managed policy of its role: the policies are updated before any request can name a new host.
    Template template = build(Map.of());
    Set<String> functionPolicies =
        template
            .findResources(
                "AWS::IAM::ManagedPolicy",
                Match.objectLike(
                    Map.of(
                        "Properties",
                        Match.objectLike(
                            Map.of(
                                "Roles",
                                Match.arrayWith(
                                    List.of(
                                        Match.objectLike(
                                            Map.of(
                                                "Ref",
                                                Match.stringLikeRegexp(
                                                    "UpdateFunctionRole.*"))))))))))
            .keySet();
    assertFalse(functionPolicies.isEmpty());
    Map<String, Object> function =
        template
            .findResources(
                "AWS::Lambda::Function",
                Match.objectLike(
                    Map.of(
                        "Properties", Match.objectLike(Map.of("Handler", UpdateFunction.HANDLER)))))
            .values()
            .iterator()
            .next();
    @SuppressWarnings("unchecked")
    List<String> dependsOn = (List<String>) function.get("DependsOn");
    assertTrue(
        dependsOn.containsAll(functionPolicies), dependsOn + " should hold " + functionPolicies);
  }

  @Test
  void firstDeploy_theProvisionerMayActOnlyOnceItsPolicyIsAttached() {
    Template template = build(Map.of());
    String policy =
        template
            .findResources(
                "AWS::IAM::ManagedPolicy",
                Match.objectLike(
                    Map.of(
                        "Properties",
                        Match.objectLike(
                            Map.of(
                                "Description",
                                "dyndns53: create, adopt or restore this stack's user secrets")))))
            .keySet()
            .iterator()
            .next();
    template.hasResource(
        "AWS::Lambda::Function",
        Match.objectLike(
            Map.of(
                "Properties",
                Match.objectLike(Map.of("Handler", SecretProvisioner.HANDLER)),
                "DependsOn",
                Match.arrayWith(List.of(policy)))));
  }

  @Test
  @SuppressWarnings("unchecked")
  void provisioner_mayCreateDescribeAndRestoreTheNamespacesSecrets_butNeverReadOrDeleteThem() {
    Template template = build(Map.of());
    Map<String, Object> policy =
        ExampleConfigStackTest.properties(
            template
                .findResources(
                    "AWS::IAM::ManagedPolicy",
                    Match.objectLike(
                        Map.of(
                            "Properties",
                            Match.objectLike(
                                Map.of(
                                    "Description",
                                    "dyndns53: create, adopt or restore this stack's user"
                                        + " secrets")))))
                .values()
                .iterator()
                .next());
    List<Map<String, Object>> statements =
        (List<Map<String, Object>>)
            ((Map<String, Object>) policy.get("PolicyDocument")).get("Statement");
    Map<String, Object> secrets =
        statements.stream()
            .filter(s -> "CreateOrRestoreUserSecrets".equals(s.get("Sid")))
            .findFirst()
            .orElseThrow();
    assertEquals(SecretProvisioner.SECRET_ACTIONS, secrets.get("Action"));
    assertTrue(
        secrets.get("Resource").toString().contains(":secret:dyndns53/Dyndns53/*"),
        secrets.get("Resource").toString());
    Map<String, Object> generate =
        statements.stream()
            .filter(s -> "GeneratePasswords".equals(s.get("Sid")))
            .findFirst()
            .orElseThrow();
    assertEquals(SecretProvisioner.GENERATE_PASSWORD, generate.get("Action"));
    assertEquals("*", generate.get("Resource"));
    assertEquals(3, statements.size(), "logs, secrets, passwords: " + statements);

    Set<String> actions = new TreeSet<>();
    TemplateScans.statements(template.toJSON())
        .forEach(s -> actions.addAll(TemplateScans.actions(s)));
    assertFalse(actions.contains("secretsmanager:DeleteSecret"), actions.toString());
    assertFalse(actions.contains("secretsmanager:PutSecretValue"), actions.toString());
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Match.objectLike(
            Map.of(
                "Handler",
                SecretProvisioner.HANDLER,
                "Timeout",
                300,
                "Architectures",
                List.of("arm64"))));
  }

  @Test
  void upgradeFromPlainRetainSecrets_newResourcesHaveOtherLogicalIds_soTheOldOnesAreRetained() {
    // The release before this one declared AWS::SecretsManager::Secret at UserSecrets/<user> with
    // DeletionPolicy Retain. CloudFormation cannot change a logical id's type in place; with new
    // ids
    // it creates the custom resources (which adopt the secrets by name, keeping the passwords) and
    // then drops the old resources from the stack, retaining the secrets.
    Template template = build(Map.of());
    Stack oldRelease = new Stack(new App(), "Dyndns53");
    Construct oldSecrets = new Construct(oldRelease, "UserSecrets");
    for (String user : List.of("edgerouter", "office-unifi")) {
      Secret old =
          Secret.Builder.create(oldSecrets, user)
              .secretName("dyndns53/Dyndns53/" + user)
              .removalPolicy(RemovalPolicy.RETAIN)
              .build();
      String oldId =
          oldRelease.getLogicalId(
              (software.amazon.awscdk.CfnElement) old.getNode().getDefaultChild());
      Map<String, Object> resources = template.toJSON();
      @SuppressWarnings("unchecked")
      Map<String, Object> byId = (Map<String, Object>) resources.get("Resources");
      assertFalse(byId.containsKey(oldId), oldId + " is the old release's id of " + user);
      template.hasResourceProperties(
          UserSecrets.RESOURCE_TYPE,
          Match.objectLike(Map.of("SecretName", "dyndns53/Dyndns53/" + user)));
    }
  }

  @Test
  void renamedStack_withTheOldNamespace_usesTheOldSecretsEverywhere() {
    Template template = build(Map.of("stackName", "HomeDns", "secretNamespace", "Dyndns53"));
    template.hasResourceProperties(
        UserSecrets.RESOURCE_TYPE,
        Match.objectLike(Map.of("SecretName", "dyndns53/Dyndns53/edgerouter")));
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Match.objectLike(
            Map.of(
                "Handler",
                UpdateFunction.HANDLER,
                "Environment",
                Map.of(
                    "Variables",
                    Match.objectLike(Map.of("DYNDNS53_SECRET_PREFIX", "dyndns53/Dyndns53/"))))));
    String json = template.toJSON().toString();
    assertTrue(json.contains(":secret:dyndns53/Dyndns53/*"), "IAM scopes name the old namespace");
    assertFalse(json.contains(":secret:dyndns53/HomeDns/"), "no IAM scope names the new name");
    template.resourcePropertiesCountIs(
        UserSecrets.RESOURCE_TYPE,
        Match.objectLike(Map.of("SecretName", Match.stringLikeRegexp("dyndns53/HomeDns/.*"))),
        0);
  }

  @Test
  void renamedStack_withoutANamespace_namesNewSecrets() {
    Template template = build(Map.of("stackName", "HomeDns"));
    template.hasResourceProperties(
        UserSecrets.RESOURCE_TYPE,
        Match.objectLike(Map.of("SecretName", "dyndns53/HomeDns/edgerouter")));
  }

  @Test
  void secretNamespace_thatNoStackCouldHaveMade_isRefusedWithTheFix() {
    String message =
        Dyndns53App.build(TestStacks.app(Map.of("secretNamespace", "a/b")), root).orElseThrow();
    assertTrue(message.startsWith("-c secretNamespace=a/b is not a namespace"), message);
  }
}
