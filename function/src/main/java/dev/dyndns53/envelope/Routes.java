package dev.dyndns53.envelope;

/**
 * Which capability a request is for, chosen by its path: the one routing decision, shared by the
 * Lambda handler and the local endpoint.
 *
 * <p>Paths are matched with or without one leading segment, the stage: API Gateway puts {@code
 * /nic/update} in a proxy event's {@code path} on its own host name, and {@code /v1/nic/update}
 * behind a custom domain whose base path is the stage; the local endpoint serves both spellings.
 * Anything else is the dyndns2 update, as before there were other paths: API Gateway only invokes
 * the function for the resources it defines, and the local endpoint answers unknown paths itself.
 */
public enum Routes {
  UPDATE("/nic/update"),
  ACME_PRESENT("/acme/present"),
  ACME_CLEANUP("/acme/cleanup"),
  CHECKIP("/checkip"),
  /** Issue 17: the status page. */
  STATUS("/status");

  private final String path;

  Routes(String path) {
    this.path = path;
  }

  /** The name in the log line's {@code endpoint} field: the path without its slash. */
  public String logName() {
    return this == UPDATE ? "update" : path.substring(1);
  }

  /** The path without a stage, such as {@code /checkip}. */
  public String path() {
    return path;
  }

  /**
   * The route for a request path, such as {@code /v1/checkip}; {@link #UPDATE} when none matches.
   */
  public static Routes of(String requestPath) {
    return match(requestPath).orElse(UPDATE);
  }

  /** The route whose path is {@code requestPath}, with or without one leading stage segment. */
  public static java.util.Optional<Routes> match(String requestPath) {
    if (requestPath == null) {
      return java.util.Optional.empty();
    }
    String path =
        requestPath.length() > 1 && requestPath.endsWith("/")
            ? requestPath.substring(0, requestPath.length() - 1)
            : requestPath;
    for (Routes route : values()) {
      if (path.equals(route.path)) {
        return java.util.Optional.of(route);
      }
      int stageEnd = path.indexOf('/', 1);
      if (path.startsWith("/") && stageEnd > 1 && path.substring(stageEnd).equals(route.path)) {
        return java.util.Optional.of(route);
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * The HTTP method the route serves: POST for the ACME calls, GET for checkip, both for updates.
   */
  public boolean serves(String method) {
    // Case-sensitive, as HTTP methods are (RFC 9110, 9.1): "get" is not GET.
    String name = method == null ? "" : method;
    return switch (this) {
      case UPDATE -> name.equals("GET") || name.equals("POST");
      case ACME_PRESENT, ACME_CLEANUP -> name.equals("POST");
      case CHECKIP, STATUS -> name.equals("GET");
    };
  }
}
