package dev.dyndns53.provisioning;

import dev.dyndns53.json.Json;
import dev.dyndns53.json.JsonSyntaxException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a CloudFormation custom resource request that the user-secret resource reads
 * (CloudFormation User Guide, "Custom resource request objects").
 *
 * @param requestType Create, Update or Delete
 * @param responseUrl the pre-signed S3 URL the answer is PUT to
 * @param stackId the stack's ARN, echoed in the answer
 * @param requestId echoed in the answer
 * @param logicalResourceId echoed in the answer
 * @param physicalResourceId the id given at create (absent in a Create request)
 * @param properties the resource's properties, as strings
 */
public record CustomResourceRequest(
    String requestType,
    URI responseUrl,
    String stackId,
    String requestId,
    String logicalResourceId,
    Optional<String> physicalResourceId,
    Map<String, String> properties) {

  /**
   * Parses a request.
   *
   * @throws IllegalArgumentException when a required field is missing or the text is not JSON
   */
  public static CustomResourceRequest parse(String json) {
    Object document;
    try {
      document = Json.parse(json);
    } catch (JsonSyntaxException syntax) {
      throw new IllegalArgumentException("the event is not JSON: " + syntax.getMessage(), syntax);
    }
    if (!(document instanceof Map<?, ?> event)) {
      throw new IllegalArgumentException("the event is not a JSON object");
    }
    Map<String, String> properties = new java.util.LinkedHashMap<>();
    if (event.get("ResourceProperties") instanceof Map<?, ?> given) {
      given.forEach(
          (key, value) -> {
            if (value instanceof String text) {
              properties.put(key.toString(), text);
            }
          });
    }
    return new CustomResourceRequest(
        required(event, "RequestType"),
        URI.create(required(event, "ResponseURL")),
        required(event, "StackId"),
        required(event, "RequestId"),
        required(event, "LogicalResourceId"),
        Optional.ofNullable(event.get("PhysicalResourceId"))
            .filter(String.class::isInstance)
            .map(String.class::cast),
        Map.copyOf(properties));
  }

  private static String required(Map<?, ?> event, String key) {
    if (event.get(key) instanceof String value && !value.isEmpty()) {
      return value;
    }
    throw new IllegalArgumentException("the event has no " + key);
  }
}
