package dev.dyndns53.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dyndns53.dyndns2.GatewayAnswer;
import dev.dyndns53.lambda.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An HTTP endpoint in front of the same handler the Lambda runs: each request becomes the REST
 * proxy event API Gateway would send, and each answer goes back the way API Gateway would send it.
 * Serves the paths of {@link Routes} ({@code /nic/update}, {@code /checkip}, {@code /acme/present},
 * {@code /acme/cleanup}) with or without {@code /<stage>} in front; any other path or method gets
 * the deployed API's gateway answer.
 *
 * <p>Wire details are for the clients in the field: every answer has a status line with a reason
 * phrase and a {@code Content-Length} (ddclient 3.10 misreads chunked bodies), and the connection
 * is closed after it (ddclient and inadyn read to end of stream).
 */
public final class LocalServer implements AutoCloseable {
  /** The largest request body read; dyndns2 forms are a few hundred bytes. */
  static final int MAX_BODY_BYTES = 16 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler;
  private final String stage;

  private LocalServer(
      HttpServer server,
      ExecutorService executor,
      Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
      String stage) {
    this.server = server;
    this.executor = executor;
    this.handler = handler;
    this.stage = stage;
  }

  /**
   * Starts serving on {@code address}.
   *
   * @throws java.net.BindException when the port is taken
   */
  public static LocalServer start(
      InetSocketAddress address,
      String stage,
      Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler)
      throws IOException {
    HttpServer server = HttpServer.create(address, 64);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    LocalServer local = new LocalServer(server, executor, handler, stage);
    server.createContext("/", local::serve);
    server.setExecutor(executor);
    server.start();
    return local;
  }

  /** The address actually bound (the port is chosen by the system when 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      Optional<Routes> route = Routes.match(path)
          .filter(r -> path.equals(r.path()) || path.equals("/" + stage + r.path()));
      if (route.isEmpty() || !route.get().serves(method)) {
        send(exchange, GatewayAnswer.UNKNOWN_PATH);
        return;
      }
      byte[] body = readBody(exchange.getRequestBody());
      if (body == null) {
        send(exchange, GatewayAnswer.BAD_REQUEST);
        return;
      }
      Map<String, List<String>> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
      APIGatewayProxyRequestEvent event = LocalEvents.event(
          method,
          path,
          exchange.getRequestURI().getRawQuery(),
          headers,
          new String(body, StandardCharsets.UTF_8),
          exchange.getRemoteAddress().getAddress().getHostAddress(),
          stage,
          UUID.randomUUID().toString(),
          exchange.getProtocol());
      APIGatewayProxyResponseEvent response;
      try {
        response = handler.apply(event);
      } catch (RuntimeException failed) {
        // What API Gateway answers when the function itself fails.
        send(exchange, GatewayAnswer.INTEGRATION_FAILURE);
        return;
      }
      send(exchange, response.getStatusCode(), response.getHeaders(), response.getBody());
    }
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    return body.length > MAX_BODY_BYTES ? null : body;
  }

  private static void send(HttpExchange exchange, GatewayAnswer answer) throws IOException {
    send(exchange, answer.status(), answer.headers(), answer.body());
  }

  private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body)
      throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (headers != null) {
      headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    }
    exchange.getResponseHeaders().set("Connection", "close");
    // A length of -1 means "no body"; any other length is sent as Content-Length, never chunked.
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops accepting, lets requests in progress finish for up to a second, then stops. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdown();
  }
}
