package dev.dyndns53.infra;

import dev.dyndns53.config.ConfigException;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awscdk.App;

/**
 * The CDK app, as {@code cdk.json} starts it from the repository root. The only place that reads
 * context, files and the working directory.
 *
 * <p>Context: {@code config} (default {@value #DEFAULT_CONFIG}, relative to the repository root),
 * {@code stackName} (default {@value Dyndns53Stack#DEFAULT_NAME}), {@code secretNamespace}
 * (default: the stack name; the {@code <namespace>} of the secrets {@code
 * dyndns53/<namespace>/<user>}, which a renamed stack sets to its old name to keep its routers'
 * passwords) and {@code apiGatewayCloudWatchRole} (default true: the app also holds {@link
 * ApiGatewayAccountStack}, which the dyndns53 stack depends on; false leaves it out, for accounts
 * that set API Gateway's logging role some other way).
 */
public final class Dyndns53App {
  static final String DEFAULT_CONFIG = "config/dyndns53.json";
  static final String FUNCTION_JAR = "function/target/" + FunctionAsset.JAR_NAME;
  static final String ASSET_DIRECTORY = "infra/target/function-asset";
  // CloudFormation stack names: a letter, then letters, digits and hyphens, 128 at most.
  private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");

  private Dyndns53App() {}

  public static void main(String[] args) {
    App app = new App();
    Optional<String> problem = build(app, Path.of("").toAbsolutePath());
    if (problem.isPresent()) {
      System.err.println(problem.get());
      System.exit(1);
    }
    app.synth();
  }

  /**
   * Adds the stack to {@code app}, or returns why it cannot: a message for the operator, never a
   * stack trace.
   *
   * @param repositoryRoot the directory relative paths are read from
   */
  static Optional<String> build(App app, Path repositoryRoot) {
    Path configFile =
        repositoryRoot.resolve(context(app, "config").orElse(DEFAULT_CONFIG)).normalize();
    Dyndns53Config config;
    try {
      config = ConfigParser.load(configFile);
    } catch (ConfigException invalid) {
      return Optional.of(invalid.getMessage());
    }
    String stackName = context(app, "stackName").orElse(Dyndns53Stack.DEFAULT_NAME);
    if (!STACK_NAME.matcher(stackName).matches()) {
      return Optional.of(
          "-c stackName="
              + stackName
              + " is not a CloudFormation stack name; use a letter followed"
              + " by letters, digits and hyphens");
    }
    Optional<String> secretNamespace = context(app, "secretNamespace");
    if (secretNamespace.isPresent() && !STACK_NAME.matcher(secretNamespace.get()).matches()) {
      return Optional.of(
          "-c secretNamespace="
              + secretNamespace.get()
              + " is not a namespace dyndns53 could have made; use the stack name whose"
              + " secrets (dyndns53/<namespace>/<user>) the routers' passwords are in: a letter"
              + " followed by letters, digits and hyphens");
    }
    Optional<String> cloudWatchRole = context(app, "apiGatewayCloudWatchRole");
    if (cloudWatchRole.isPresent() && !cloudWatchRole.get().matches("true|false")) {
      return Optional.of(
          "-c apiGatewayCloudWatchRole=" + cloudWatchRole.get() + " must be true or false");
    }
    Path functionJar = repositoryRoot.resolve(FUNCTION_JAR);
    if (!Files.isRegularFile(functionJar)) {
      return Optional.of(
          functionJar
              + " is missing: build before synthesizing, with 'npm run synth' (which"
              + " runs './mvnw package' first) or './mvnw -B -ntp -DskipTests package'");
    }
    if (stackName.equals(ApiGatewayAccountStack.NAME)) {
      return Optional.of(
          "-c stackName="
              + stackName
              + " is the name of the stack that holds API Gateway's"
              + " logging role; choose another name");
    }
    Dyndns53StackProps props =
        new Dyndns53StackProps(
            config,
            configFile,
            functionJar,
            repositoryRoot.resolve(ASSET_DIRECTORY),
            FunctionSettings.DEFAULT,
            secretNamespace);
    Dyndns53Stack stack;
    try {
      stack = new Dyndns53Stack(app, stackName, props);
    } catch (DeploymentLimitException tooLarge) {
      return Optional.of(
          configFile + ": cannot be deployed as one stack: " + tooLarge.getMessage());
    }
    if (!cloudWatchRole.equals(Optional.of("false"))) {
      // A dependency, so 'cdk deploy <stack>' deploys (or finds unchanged) the shared account stack
      // first, and 'cdk destroy <stack>' leaves it alone.
      stack.addStackDependency(new ApiGatewayAccountStack(app, ApiGatewayAccountStack.NAME));
    }
    return Optional.empty();
  }

  private static Optional<String> context(App app, String key) {
    Object value = app.getNode().tryGetContext(key);
    return value == null ? Optional.empty() : Optional.of(value.toString());
  }
}
