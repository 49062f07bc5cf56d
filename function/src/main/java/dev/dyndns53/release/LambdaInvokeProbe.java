package dev.dyndns53.release;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Invokes one published version of the update function through Lambda's Invoke API ({@code POST
 * /2015-03-31/functions/<name>/invocations}, RequestResponse), by its version-qualified ARN, so the
 * check reaches the new version before any router does.
 */
final class LambdaInvokeProbe implements ReleaseProbe {
  private final SignedAwsCalls lambda;
  private final String versionArn;

  LambdaInvokeProbe(SignedAwsCalls lambda, String versionArn) {
    this.lambda = lambda;
    this.versionArn = versionArn;
  }

  @Override
  public Invocation invoke(String eventJson) {
    SignedAwsCalls.Answer answer =
        lambda.post(
            "/2015-03-31/functions/"
                + URLEncoder.encode(versionArn, StandardCharsets.UTF_8)
                + "/invocations",
            Map.of(),
            Map.of("X-Amz-Invocation-Type", "RequestResponse", "Content-Type", "application/json"),
            eventJson);
    if (answer.status() != 200) {
      // Lambda's own refusal (AccessDenied, ResourceNotFound, throttling, a SnapStart version that
      // failed its initialisation): the type is in x-amzn-ErrorType, the reason in the body.
      throw new IllegalStateException(
          "Lambda answered HTTP "
              + answer.status()
              + " "
              + answer.header("x-amzn-ErrorType").orElse("")
              + " "
              + answer.body().strip());
    }
    return new Invocation(answer.header("X-Amz-Function-Error").orElse(null), answer.body());
  }
}
