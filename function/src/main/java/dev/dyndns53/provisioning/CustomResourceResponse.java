package dev.dyndns53.provisioning;

import dev.dyndns53.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer CloudFormation reads from the response URL. It never carries a secret value: no {@code
 * Data}, and a reason made of AWS error messages and names only.
 *
 * @param success SUCCESS or FAILED
 * @param reason why it failed (CloudFormation shows it in the stack events), or a short note
 * @param physicalResourceId the secret's name
 */
public record CustomResourceResponse(boolean success, String reason, String physicalResourceId) {
  /** CloudFormation takes at most 4,096 bytes of response; the reason gets most of them. */
  static final int MAX_REASON_CHARS = 2_000;

  /** The JSON body for {@code request}. */
  public String body(CustomResourceRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Status", success ? "SUCCESS" : "FAILED");
    body.put(
        "Reason",
        reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) + "…" : reason);
    body.put("PhysicalResourceId", physicalResourceId);
    body.put("StackId", request.stackId());
    body.put("RequestId", request.requestId());
    body.put("LogicalResourceId", request.logicalResourceId());
    return Json.write(body);
  }
}
