package dev.dyndns53.provisioning;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.dyndns53.aws.AwsCallBudget;
import dev.dyndns53.aws.AwsClients;
import dev.dyndns53.json.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The Lambda entry point of the {@code Custom::Dyndns53UserSecret} resource (see {@link
 * UserSecretResource}): reads CloudFormation's request, answers it on the response URL itself (no
 * CDK provider framework, so no Node.js function and no Step Functions beside it), and logs one
 * line without any secret value. Runs only during deployments, so no SnapStart.
 */
public final class UserSecretHandler implements RequestStreamHandler {
  /** Time kept back from the function's remaining time to send the answer. */
  static final Duration ANSWER_MARGIN = Duration.ofSeconds(20);

  /**
   * A deployment is not latency-bound: generous timeouts and more attempts than the update path.
   */
  static final AwsCallBudget BUDGET =
      AwsCallBudget.builder()
          .connectTimeout(Duration.ofSeconds(2))
          .socketTimeout(Duration.ofSeconds(10))
          .attemptTimeout(Duration.ofSeconds(12))
          .callTimeout(Duration.ofSeconds(40))
          .maxAttempts(5)
          .backoff(Duration.ofMillis(200), Duration.ofSeconds(2))
          .throttlingBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5))
          .build();

  private final UserSecretResource resource;
  private final PrintStream log;

  /** Called by Lambda: Secrets Manager of the function's region. */
  public UserSecretHandler() {
    this(
        new UserSecretResource(
            UserSecretProvisioner.of(
                new SecretsManagerVault(secretsManager()), UserSecretProvisioner.Backoff.DEFAULT)),
        System.out);
  }

  UserSecretHandler(UserSecretResource resource, PrintStream log) {
    this.resource = resource;
    this.log = log;
  }

  private static SecretsManagerClient secretsManager() {
    Map<String, String> environment = System.getenv();
    return AwsClients.configure(SecretsManagerClient.builder(), BUDGET)
        .region(AwsClients.secretsManagerRegion(environment))
        .credentialsProvider(AwsClients.credentialsProvider(environment))
        .build();
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws java.io.IOException {
    handle(
        new String(input.readAllBytes(), StandardCharsets.UTF_8),
        () -> context == null ? 300_000 : context.getRemainingTimeInMillis());
  }

  /** Handles one request; {@code remainingMillis} is the function's remaining time. */
  void handle(String event, LongSupplier remainingMillis) {
    CustomResourceRequest request;
    try {
      request = CustomResourceRequest.parse(event);
    } catch (IllegalArgumentException unreadable) {
      // Without a response URL there is no one to answer; CloudFormation times the resource out.
      logLine(
          Map.of(
              "event", "unreadable custom resource request", "problem", unreadable.getMessage()));
      return;
    }
    CustomResourceResponse response;
    try {
      Duration within =
          Duration.ofMillis(Math.max(0, remainingMillis.getAsLong() - ANSWER_MARGIN.toMillis()));
      response = resource.handle(request, within);
    } catch (RuntimeException unexpected) {
      response =
          new CustomResourceResponse(
              false,
              "unexpected "
                  + unexpected.getClass().getSimpleName()
                  + ": "
                  + unexpected.getMessage(),
              request.physicalResourceId().orElse(request.logicalResourceId()));
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", "user secret " + request.requestType());
    line.put("logicalResourceId", request.logicalResourceId());
    line.put("status", response.success() ? "SUCCESS" : "FAILED");
    line.put("physicalResourceId", response.physicalResourceId());
    line.put("reason", response.reason());
    logLine(line);
    ResponseUrlClient.put(request.responseUrl(), response.body(request));
  }

  private void logLine(Map<String, ?> line) {
    log.println(Json.write(line));
  }
}
