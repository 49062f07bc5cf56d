package dev.dyndns53.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.envelope.Routes;
import dev.dyndns53.http.GatewayAnswer;
import dev.dyndns53.local.RequestParts.Body;
import dev.dyndns53.local.RequestParts.BodyResult;
import dev.dyndns53.local.RequestParts.Head;
import dev.dyndns53.local.RequestParts.HeadResult;
import dev.dyndns53.local.RequestParts.NoRequest;
import dev.dyndns53.local.RequestParts.Refused;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Serves the one request of a connection: reads it, routes it as the deployed API would, hands it
 * to the handler as a proxy event and writes the answer. A request the handler never sees (unknown
 * path, malformed, refused) is answered here with the deployed API's gateway answer and its own
 * {@link GatewayLogLine}, so every request leaves exactly one log line.
 */
final class RequestExchange {
  private final String stage;
  private final Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler;
  private final Consumer<String> log;
  private final ServerSettings settings;

  RequestExchange(
      String stage,
      Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
      Consumer<String> log,
      ServerSettings settings) {
    this.stage = stage;
    this.handler = handler;
    this.log = log;
    this.settings = settings;
  }

  /**
   * Serves the connection's request. An {@link Error} or unchecked exception thrown here is the
   * caller's to answer ({@link #answerFailure}).
   *
   * @throws IOException when the client went away
   */
  void serve(Connection connection) throws IOException {
    RequestReader reader = new RequestReader(connection, settings);
    HeadResult read = reader.readHead();
    if (read instanceof NoRequest) {
      return;
    }
    if (read instanceof Refused refused) {
      refuse(connection, refused);
      return;
    }
    Head head = (Head) read;
    connection.head = head;
    TrustedProxies.Client client =
        settings
            .trustedProxies()
            .client(connection.socket.getInetAddress(), head.headers("X-Forwarded-For"));
    connection.forwardedFor(client.address());
    String method = head.method();
    var problem = LocalEvents.targetProblem(head.target());
    if (problem.isPresent()) {
      answerItself(
          connection,
          ServerAnswer.BAD_REQUEST,
          false,
          logLine(connection, client, head).note(problem.get()));
      return;
    }
    LocalEvents.Target target = LocalEvents.target(head.target());

    if (head.contentLength() > 0
        && head.version().equals("HTTP/1.1")
        && "100-continue".equalsIgnoreCase(head.header("Expect"))) {
      connection.writeInterim("HTTP/1.1 100 Continue\r\n\r\n");
    }
    BodyResult body = reader.readBody(head);
    if (body instanceof Refused refused) {
      refuse(connection, refused);
      return;
    }

    String path = target.path();
    Optional<Routes> route =
        Routes.match(path)
            .filter(r -> path.equals(r.path()) || path.equals("/" + stage + r.path()));
    if (route.isEmpty()) {
      answerItself(
          connection,
          ServerAnswer.of(GatewayAnswer.UNKNOWN_PATH),
          method.equals("HEAD"),
          logLine(connection, client, head)
              .note(
                  "no such path; the update URL's path is /"
                      + stage
                      + "/nic/update (or /nic/update here)"));
      return;
    }
    if (!route.get().serves(method)) {
      // HEAD included: API Gateway serves only the methods the API defines for the path.
      answerItself(
          connection,
          ServerAnswer.of(GatewayAnswer.UNKNOWN_PATH),
          method.equals("HEAD"),
          logLine(connection, client, head)
              .note("method " + method + " is not served on " + route.get().path()));
      return;
    }

    if (client.note() != null) {
      // The handler writes this request's line and knows nothing of proxies: say it beside it.
      log.accept("dyndns53: request " + connection.requestId + ": " + client.note());
    }
    APIGatewayProxyRequestEvent event =
        LocalEvents.event(
            method,
            target.path(),
            target.rawQuery(),
            head.headers(),
            new String(((Body) body).bytes(), StandardCharsets.UTF_8),
            connection.source(),
            stage,
            connection.requestId,
            head.version());
    APIGatewayProxyResponseEvent response;
    try {
      response = handler.apply(event);
    } catch (RuntimeException failed) {
      // What API Gateway answers when the function itself fails; the handler wrote no line.
      answerItself(
          connection,
          ServerAnswer.of(GatewayAnswer.INTEGRATION_FAILURE),
          false,
          logLine(connection, null, head)
              .error(failed.getClass())
              .note("the handler failed: " + failed.getClass().getSimpleName()));
      return;
    }
    // The handler wrote the request's log line.
    ResponseWriter.respond(
        connection, response.getStatusCode(), response.getHeaders(), response.getBody(), false);
  }

  /**
   * Answers {@code 500 911} for a failure nothing else caught (a {@link StackOverflowError} deep in
   * a parser, a bug), with an error line naming its class; never its message or stack trace, which
   * may quote the request.
   */
  void answerFailure(Connection connection, Throwable failure) {
    answerItself(
        connection,
        ServerAnswer.of(GatewayAnswer.SERVER_ERROR),
        false,
        logLine(connection, null, connection.head)
            .error(failure.getClass())
            .note("the local server failed: " + failure.getClass().getSimpleName()));
  }

  /**
   * Answers {@code 504 911} for a request still running when a stop's budget ran out, as API
   * Gateway does when the function times out, so the client retries.
   */
  void answerStopped(Connection connection, long budgetSeconds) {
    answerItself(
        connection,
        ServerAnswer.of(GatewayAnswer.INTEGRATION_TIMEOUT),
        false,
        logLine(connection, null, connection.head)
            .level("ERROR")
            .note(
                "still running when the server stopped "
                    + budgetSeconds
                    + " s after being asked to;"
                    + " answered 504 as API Gateway does when the function times out, so the client"
                    + " retries"));
  }

  /** Answers a connection over the cap, before reading anything of its request. */
  void answerOverCapacity(Connection connection, int open) {
    long retryAfter = settings.retryAfterSeconds();
    answerItself(
        connection,
        ServerAnswer.overCapacity(retryAfter),
        false,
        new GatewayLogLine(connection.requestId, null, connection.peer(), null, null)
            .level("WARN")
            .note(
                open
                    + " connections are open, the most --max-connections ("
                    + settings.maxConnections()
                    + ") allows; answered 503 with Retry-After: "
                    + retryAfter
                    + " without reading the request"));
  }

  private void refuse(Connection connection, Refused refused) {
    String path = refused.target() == null ? null : LocalEvents.target(refused.target()).path();
    GatewayLogLine line =
        new GatewayLogLine(
            connection.requestId, refused.method(), connection.source(), refused.userAgent(), path);
    if (!connection.source().equals(connection.peer())) {
      line.proxy(connection.peer());
    }
    answerItself(connection, refused.answer(), false, line.note(refused.problem()));
  }

  /** A log line for a request whose head was read (or null), noting how its client was found. */
  private GatewayLogLine logLine(Connection connection, TrustedProxies.Client client, Head head) {
    // Never the query string: some routers put the password there.
    GatewayLogLine line =
        new GatewayLogLine(
            connection.requestId,
            head == null ? null : head.method(),
            connection.source(),
            head == null ? null : head.header("User-Agent"),
            head == null ? null : LocalEvents.target(head.target()).path());
    if (!connection.source().equals(connection.peer())) {
      line.proxy(connection.peer());
    }
    if (client != null && client.note() != null) {
      line.note(client.note());
    }
    return line;
  }

  /**
   * Answers with a server answer and writes its log line, unless the request was answered already.
   */
  private void answerItself(
      Connection connection, ServerAnswer answer, boolean headOnly, GatewayLogLine line) {
    if (ResponseWriter.respond(connection, answer, headOnly)) {
      log.accept(line.answered(answer, connection.elapsedMillis()));
    }
  }
}
