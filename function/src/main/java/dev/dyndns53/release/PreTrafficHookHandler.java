package dev.dyndns53.release;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.dyndns53.aws.AwsClients;
import dev.dyndns53.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * CodeDeploy's BeforeAllowTraffic hook for alias {@code live}: checks the new version of the update
 * function with {@link ReleaseCheck} before any router reaches it and reports Succeeded or Failed.
 * Failed stops the deployment with the alias still on the old version, which fails the stack update
 * and CloudFormation rolls the stack back. Runs once per release, so no SnapStart.
 *
 * <p>The version under test is {@value #VERSION_ENV}, set by the stack to the version the alias is
 * about to move to (the hook function is updated before the alias, see the infra's {@code
 * ReleaseRollback}).
 */
public final class PreTrafficHookHandler implements RequestStreamHandler {
  static final String VERSION_ENV = "DYNDNS53_RELEASE_VERSION_ARN";

  /** Longer than the update function's 20-second timeout, so its own answer always arrives. */
  static final Duration INVOKE_TIMEOUT = Duration.ofSeconds(30);

  private final ReleaseCheck check;
  private final HookStatusReporter reporter;
  private final PrintStream log;

  /** Lambda's constructor: everything from the environment. */
  public PreTrafficHookHandler() {
    this(System.getenv(), AwsClients.credentialsProvider(System.getenv()), System.out);
  }

  PreTrafficHookHandler(
      Map<String, String> environment, AwsCredentialsProvider credentials, PrintStream log) {
    String version = environment.get(VERSION_ENV);
    if (version == null || version.isBlank()) {
      throw new IllegalStateException(
          VERSION_ENV + " is not set: the stack sets it to the version the alias moves to");
    }
    Region region = AwsClients.secretsManagerRegion(environment);
    this.check =
        new ReleaseCheck(
            new LambdaInvokeProbe(
                new SignedAwsCalls(
                    SignedAwsCalls.endpoint(environment, "lambda", region),
                    "lambda",
                    region,
                    credentials,
                    INVOKE_TIMEOUT),
                version.strip()));
    this.reporter =
        new CodeDeployStatusReporter(
            new SignedAwsCalls(
                SignedAwsCalls.endpoint(environment, "codedeploy", region),
                "codedeploy",
                region,
                credentials,
                Duration.ofSeconds(10)));
    this.log = log;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    HookStatusReporter.HookExecution execution =
        execution(new String(input.readAllBytes(), StandardCharsets.UTF_8));
    ReleaseCheck.Verdict verdict = check.run();
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", "releaseCheck");
    line.put("deploymentId", execution.deploymentId());
    line.put("passed", verdict.passed());
    line.put("findings", verdict.findings());
    log.println(Json.write(line));
    // A failure to report is thrown: CodeDeploy then fails the hook when its hour is up, and the
    // alias stays where it is, the safe side.
    reporter.report(execution, verdict.passed());
    output.write(("{\"passed\":" + verdict.passed() + "}").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The ids CodeDeploy's event carries ({@code DeploymentId}, {@code
   * LifecycleEventHookExecutionId}).
   *
   * @throws IllegalArgumentException when either is missing: nothing can be reported then
   */
  static HookStatusReporter.HookExecution execution(String eventJson) {
    Object parsed = Json.parse(eventJson);
    if (parsed instanceof Map<?, ?> event
        && event.get("DeploymentId") instanceof String deployment
        && event.get("LifecycleEventHookExecutionId") instanceof String hookExecution) {
      return new HookStatusReporter.HookExecution(deployment, hookExecution);
    }
    throw new IllegalArgumentException(
        "not a CodeDeploy lifecycle hook event (DeploymentId and LifecycleEventHookExecutionId"
            + " expected): "
            + (eventJson.length() > 200 ? eventJson.substring(0, 200) : eventJson));
  }
}
