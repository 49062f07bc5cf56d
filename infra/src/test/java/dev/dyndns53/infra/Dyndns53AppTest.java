package dev.dyndns53.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The app reads context and files, and turns every operator mistake into a message. */
class Dyndns53AppTest {
  /** A repository root as cdk sees it after a build: the config and the function jar. */
  @TempDir Path root;

  @BeforeEach
  void builtRepository() throws IOException {
    Files.createDirectories(root.resolve("config"));
    Files.copy(TestStacks.exampleConfig(), root.resolve("config/dyndns53.json"));
    TestStacks.write(root.resolve(Dyndns53App.FUNCTION_JAR), "stand-in jar");
  }

  /** The dyndns53 stack (not the shared account stack). */
  private static Optional<Stack> onlyStack(App app) {
    return app.getNode().getChildren().stream()
        .filter(Dyndns53Stack.class::isInstance)
        .map(Stack.class::cast)
        .findFirst();
  }

  private static Optional<Stack> accountStack(App app) {
    return app.getNode().getChildren().stream()
        .filter(ApiGatewayAccountStack.class::isInstance)
        .map(Stack.class::cast)
        .findFirst();
  }

  @Test
  void build_withTheExampleConfig_addsTheStackNamedDyndns53() {
    App app = TestStacks.app(Map.of());

    assertEquals(Optional.empty(), Dyndns53App.build(app, root));

    assertEquals("Dyndns53", onlyStack(app).orElseThrow().getStackName());
  }

  @Test
  void build_addsTheSharedAccountStackUnderItsFixedNameAndDependsOnIt() {
    App app = TestStacks.app(Map.of("stackName", "HomeDns"));

    Dyndns53App.build(app, root);

    Stack account = accountStack(app).orElseThrow();
    assertEquals("Dyndns53ApiGatewayAccount", account.getStackName());
    assertEquals(
        List.of("Dyndns53ApiGatewayAccount"),
        onlyStack(app).orElseThrow().getDependencies().stream().map(Stack::getStackName).toList());
  }

  @Test
  void build_withTheAccountStacksNameAsStackName_refusesIt() {
    String message =
        Dyndns53App.build(TestStacks.app(Map.of("stackName", "Dyndns53ApiGatewayAccount")), root)
            .orElseThrow();

    assertTrue(
        message.startsWith(
            "-c stackName=Dyndns53ApiGatewayAccount is the name of the stack that holds"),
        message);
  }

  @Test
  void build_stagesTheFunctionCodeUnderInfraTarget() {
    Dyndns53App.build(TestStacks.app(Map.of()), root);

    Path asset = root.resolve(Dyndns53App.ASSET_DIRECTORY);
    assertTrue(Files.isRegularFile(asset.resolve("lib/dyndns53-function.jar")));
    assertTrue(Files.isRegularFile(asset.resolve("dyndns53.json")));
  }

  @Test
  void build_withABrokenConfig_returnsTheProblemInsteadOfAStack() {
    TestStacks.write(root.resolve("config/dyndns53.json"), "{\"hosts\": {}, \"users\": {}}");
    App app = TestStacks.app(Map.of());

    String message = Dyndns53App.build(app, root).orElseThrow();

    assertTrue(
        message.contains(root.resolve("config/dyndns53.json") + ": hosts is empty"), message);
    assertEquals(Optional.empty(), onlyStack(app));
  }

  @Test
  void build_withAConfigContext_readsThatFileRelativeToTheRepository() {
    TestStacks.write(
        root.resolve("config/home.json"),
        """
        {"hosts": {"vpn.example.net": {"zoneId": "Z0123456789EXAMPLE09"}},
         "users": {"fritzbox": {"hosts": ["vpn.example.net"]}}}
        """);
    App app = TestStacks.app(Map.of("config", "config/home.json"));

    assertEquals(Optional.empty(), Dyndns53App.build(app, root));

    Template.fromStack(onlyStack(app).orElseThrow())
        .hasResourceProperties(
            UserSecrets.RESOURCE_TYPE,
            Match.objectLike(Map.of("SecretName", "dyndns53/Dyndns53/fritzbox")));
  }

  @Test
  void build_withAMissingConfigFile_saysWhereItLookedAndWhatToDo() {
    String message =
        Dyndns53App.build(TestStacks.app(Map.of("config", "config/nope.json")), root).orElseThrow();

    assertTrue(
        message.startsWith(
            root.resolve("config/nope.json") + ": file not found; copy config/dyndns53.json"),
        message);
  }

  @Test
  void build_withoutTheFunctionJar_tellsTheOperatorToBuildFirst() throws IOException {
    Files.delete(root.resolve(Dyndns53App.FUNCTION_JAR));

    String message = Dyndns53App.build(TestStacks.app(Map.of()), root).orElseThrow();

    assertTrue(
        message.contains("dyndns53-function.jar is missing") && message.contains("npm run synth"),
        message);
  }

  @Test
  void build_withAStackNameContext_namesTheStackAndTheSecrets() {
    App app = TestStacks.app(Map.of("stackName", "HomeDns"));

    Dyndns53App.build(app, root);

    Stack stack = onlyStack(app).orElseThrow();
    assertEquals("HomeDns", stack.getStackName());
    Template template = Template.fromStack(stack);
    template.hasResourceProperties(
        UserSecrets.RESOURCE_TYPE,
        Match.objectLike(Map.of("SecretName", "dyndns53/HomeDns/edgerouter")));
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Match.objectLike(
            Map.of(
                "Environment",
                Map.of(
                    "Variables",
                    Match.objectLike(Map.of("DYNDNS53_SECRET_PREFIX", "dyndns53/HomeDns/"))))));
  }

  @Test
  void build_withAnInvalidStackName_explainsTheRule() {
    String message =
        Dyndns53App.build(TestStacks.app(Map.of("stackName", "home_dns")), root).orElseThrow();

    assertTrue(
        message.startsWith("-c stackName=home_dns is not a CloudFormation stack name"), message);
  }

  @Test
  void build_withTheCloudWatchRoleTurnedOff_leavesTheAccountSettingAlone() {
    App app = TestStacks.app(Map.of("apiGatewayCloudWatchRole", "false"));

    Dyndns53App.build(app, root);

    assertEquals(Optional.empty(), accountStack(app));
    Stack stack = onlyStack(app).orElseThrow();
    assertEquals(0, stack.getDependencies().size());
    Template template = Template.fromStack(stack);
    template.resourceCountIs("AWS::ApiGateway::Account", 0);
    template.hasResourceProperties(
        "AWS::ApiGateway::Stage",
        Match.objectLike(
            Map.of("AccessLogSetting", Match.objectLike(Map.of("Format", Match.anyValue())))));
  }

  @Test
  void build_withANonBooleanCloudWatchRole_saysSo() {
    String message =
        Dyndns53App.build(TestStacks.app(Map.of("apiGatewayCloudWatchRole", "no")), root)
            .orElseThrow();

    assertEquals("-c apiGatewayCloudWatchRole=no must be true or false", message);
  }
}
