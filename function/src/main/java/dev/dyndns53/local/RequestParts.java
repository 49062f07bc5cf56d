package dev.dyndns53.local;

import java.util.List;
import java.util.Map;

/** What reading a request produces: its head, its body, or why it cannot be served. */
final class RequestParts {
  private RequestParts() {}

  /** What reading the request line and header fields produced. */
  sealed interface HeadResult permits Head, Refused, NoRequest {}

  /** What reading the body produced. */
  sealed interface BodyResult permits Body, Refused {}

  /**
   * A request line and header fields that follow HTTP/1.1's syntax.
   *
   * @param method the method token, as sent (case matters in HTTP)
   * @param target the request target, as sent, one char per byte
   * @param version {@code HTTP/1.0} or {@code HTTP/1.1}
   * @param headers field values by name, names as the client spelled them (the first spelling wins
   *     when a name comes twice in different cases), in arrival order
   * @param contentLength the body length the client announced, 0 when it announced none
   */
  record Head(
      String method,
      String target,
      String version,
      Map<String, List<String>> headers,
      long contentLength)
      implements HeadResult {
    /** The last value of a header, names compared case-insensitively, or null. */
    String header(String name) {
      List<String> values = headers(name);
      return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** Every value of a header, in arrival order, names compared case-insensitively. */
    List<String> headers(String name) {
      for (Map.Entry<String, List<String>> field : headers.entrySet()) {
        if (field.getKey().equalsIgnoreCase(name)) {
          return field.getValue();
        }
      }
      return List.of();
    }
  }

  /** The body bytes. */
  record Body(byte[] bytes) implements BodyResult {}

  /**
   * A request that cannot be served as sent.
   *
   * @param answer what it gets: {@link ServerAnswer#BAD_REQUEST}, or {@link
   *     ServerAnswer#VERSION_NOT_SUPPORTED}
   * @param problem why, in a sentence fit for the log (it never quotes header values)
   * @param method the method token when the request line got that far and it is a token, or null
   * @param target the request target when the request line was read, or null
   * @param userAgent the User-Agent when the header fields were read, or null
   */
  record Refused(
      ServerAnswer answer, String problem, String method, String target, String userAgent)
      implements HeadResult, BodyResult {
    /** A {@code 400}. */
    Refused(String problem, String method, String target, String userAgent) {
      this(ServerAnswer.BAD_REQUEST, problem, method, target, userAgent);
    }
  }

  /** The connection closed, or stayed silent, before the first byte of a request. */
  record NoRequest() implements HeadResult {}
}
