package dev.dyndns53.local;

import dev.dyndns53.json.Json;
import dev.dyndns53.log.LogText;
import java.util.ArrayList;
import java.util.List;

/**
 * The log line of a request the local server answers itself (an unknown path or method, a malformed
 * or oversized request, a connection over the cap, a handler that failed or did not finish), in the
 * shape of the function's own request line, so that every request leaves exactly one line either
 * way.
 *
 * <p>It holds nothing that could carry a secret: no header but the User-Agent, and the path without
 * its query string (some routers put the password in the URL). Every field the client controls is
 * cut to a small bound with a visible marker.
 */
final class GatewayLogLine {
  static final int MAX_METHOD_CHARS = 32;
  static final int MAX_PATH_CHARS = 256;
  static final int MAX_USER_AGENT_CHARS = 256;

  private final StringBuilder line = new StringBuilder(256).append('{');
  private final List<String> notes = new ArrayList<>();

  GatewayLogLine(String requestId, String method, String source, String userAgent, String path) {
    field("requestId", requestId);
    field("method", LogText.bounded(method, MAX_METHOD_CHARS));
    field("source", source);
    field("userAgent", LogText.bounded(userAgent, MAX_USER_AGENT_CHARS));
    field("path", LogText.bounded(path, MAX_PATH_CHARS));
  }

  GatewayLogLine level(String level) {
    field("level", level);
    return this;
  }

  /**
   * Marks the line as an error caused by {@code failure} (its class name only, never its message).
   */
  GatewayLogLine error(Class<?> failure) {
    field("level", "ERROR");
    field("error", failure.getName());
    return this;
  }

  GatewayLogLine note(String sentence) {
    notes.add(sentence);
    return this;
  }

  /**
   * Names the trusted proxy the request came through, when the source is the client it forwarded
   * for.
   */
  GatewayLogLine proxy(String address) {
    field("proxy", address);
    return this;
  }

  /** The finished line for a request answered with {@code answer}. */
  String answered(ServerAnswer answer, long latencyMs) {
    line.append("\"status\":").append(answer.status()).append(',');
    field("answer", answer.body().strip());
    line.append("\"route53Calls\":0,\"latencyMs\":").append(latencyMs);
    if (!notes.isEmpty()) {
      line.append(",\"notes\":[");
      for (int i = 0; i < notes.size(); i++) {
        Json.quote(line.append(i == 0 ? "" : ","), notes.get(i));
      }
      line.append(']');
    }
    return line.append('}').toString();
  }

  private void field(String name, String value) {
    if (value != null) {
      Json.quote(line, name).append(':');
      Json.quote(line, value).append(',');
    }
  }
}
