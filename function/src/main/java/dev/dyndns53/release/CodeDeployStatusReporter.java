package dev.dyndns53.release;

import dev.dyndns53.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** CodeDeploy's PutLifecycleEventHookExecutionStatus (JSON 1.1 protocol). */
final class CodeDeployStatusReporter implements HookStatusReporter {
  static final String TARGET = "CodeDeploy_20141006.PutLifecycleEventHookExecutionStatus";

  private final SignedAwsCalls codeDeploy;

  CodeDeployStatusReporter(SignedAwsCalls codeDeploy) {
    this.codeDeploy = codeDeploy;
  }

  @Override
  public void report(HookExecution execution, boolean succeeded) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("deploymentId", execution.deploymentId());
    body.put("lifecycleEventHookExecutionId", execution.lifecycleEventHookExecutionId());
    body.put("status", succeeded ? "Succeeded" : "Failed");
    SignedAwsCalls.Answer answer =
        codeDeploy.post(
            "/",
            Map.of(),
            Map.of("X-Amz-Target", TARGET, "Content-Type", "application/x-amz-json-1.1"),
            Json.write(body));
    if (answer.status() != 200) {
      throw new IllegalStateException(
          "CodeDeploy refused the hook status (HTTP "
              + answer.status()
              + "): "
              + answer.body().strip());
    }
  }
}
