package dev.dyndns53.testing;

import dev.dyndns53.http.HttpRequest;
import java.util.List;
import java.util.Map;

/** Requests for the envelope's ACME and status endpoints, as the entry points build them. */
public final class EndpointRequests {
  private EndpointRequests() {}

  /** The two ACME calls. */
  public enum Acme {
    PRESENT("/acme/present"),
    CLEANUP("/acme/cleanup");

    private final String path;

    Acme(String path) {
      this.path = path;
    }

    /** A POST of {@code body} to this call's path. */
    public HttpRequest request(
        Map<String, String> headers, String body, String sourceAddress, String requestId) {
      return new HttpRequest(
          "POST", path, headers, Map.of(), body, sourceAddress, requestId, List.of());
    }
  }

  /** {@code GET /v1/status}. */
  public static HttpRequest status(
      Map<String, String> headers, String sourceAddress, String requestId) {
    return new HttpRequest(
        "GET", "/v1/status", headers, Map.of(), null, sourceAddress, requestId, List.of());
  }
}
