package dev.dyndns53.release;

import dev.dyndns53.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a new release of the update function may take the routers' traffic: it runs the
 * daily health check on it (secrets, zones and records readable, nothing changed) and sends it one
 * request that needs no credentials and writes nothing ({@code GET /checkip}, as API Gateway would
 * send it). Both must answer HTTP 200 without a function error. Anything else, including a failed
 * invocation, refuses the release: a release that cannot be checked is not let through.
 */
public final class ReleaseCheck {
  /** The scheduled health check's event (see {@code dev.dyndns53.health.HealthCheck}). */
  static final String HEALTH_CHECK_EVENT = "{\"resource\":\"dyndns53:health-check\"}";

  /**
   * {@code GET /checkip} as an API Gateway proxy integration sends it, from a documentation address
   * (RFC 5737), which the answer must name.
   */
  static final String CHECKIP_SOURCE = "192.0.2.53";

  static final String CHECKIP_EVENT =
      "{\"resource\":\"/checkip\",\"path\":\"/checkip\",\"httpMethod\":\"GET\","
          + "\"headers\":{\"User-Agent\":\"dyndns53-release-check\"},"
          + "\"requestContext\":{\"requestId\":\"dyndns53-release-check\","
          + "\"identity\":{\"sourceIp\":\""
          + CHECKIP_SOURCE
          + "\"}},\"isBase64Encoded\":false}";

  private final ReleaseProbe probe;

  public ReleaseCheck(ReleaseProbe probe) {
    this.probe = probe;
  }

  /** The verdict: passed when there are no findings. */
  public record Verdict(List<String> findings) {
    public Verdict {
      findings = List.copyOf(findings);
    }

    public boolean passed() {
      return findings.isEmpty();
    }
  }

  /** Runs both probes (the second even when the first failed, so the log names every fault). */
  public Verdict run() {
    List<String> findings = new ArrayList<>();
    probe("health check", HEALTH_CHECK_EVENT, null, findings);
    probe("GET /checkip", CHECKIP_EVENT, CHECKIP_SOURCE, findings);
    return new Verdict(findings);
  }

  private void probe(String name, String event, String expectedInBody, List<String> findings) {
    ReleaseProbe.Invocation answer;
    try {
      answer = probe.invoke(event);
    } catch (RuntimeException failed) {
      findings.add(name + ": could not invoke the new version: " + failed.getMessage());
      return;
    }
    if (answer.functionError() != null) {
      findings.add(
          name + ": the function failed (" + answer.functionError() + "): " + clip(answer));
      return;
    }
    Object parsed;
    try {
      parsed = Json.parse(answer.payload());
    } catch (RuntimeException unreadable) {
      findings.add(name + ": the answer is not JSON: " + clip(answer));
      return;
    }
    if (!(parsed instanceof Map<?, ?> response)
        || !(response.get("statusCode") instanceof Number status)) {
      findings.add(name + ": the answer has no statusCode: " + clip(answer));
      return;
    }
    if (status.intValue() != 200) {
      findings.add(name + ": answered HTTP " + status.intValue() + ": " + body(response));
      return;
    }
    if (expectedInBody != null && !body(response).contains(expectedInBody)) {
      findings.add(name + ": answered 200 without the caller's address: " + body(response));
    }
  }

  private static String body(Map<?, ?> response) {
    return response.get("body") instanceof String text ? clip(text) : "";
  }

  private static String clip(ReleaseProbe.Invocation answer) {
    return clip(String.valueOf(answer.payload()));
  }

  /** The health check's report can list many problems; the log line needs the first few. */
  private static String clip(String text) {
    String oneLine = text.strip();
    return oneLine.length() <= 500 ? oneLine : oneLine.substring(0, 500) + "...";
  }
}
