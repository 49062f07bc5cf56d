package dev.dyndns53.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.envelope.Routes;
import dev.dyndns53.http.GatewayAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An HTTP/1.1 endpoint in front of the same handler the Lambda runs: each request becomes the REST
 * proxy event API Gateway would send, and each answer goes back the way API Gateway would send it.
 * Serves the paths of {@link Routes} ({@code /nic/update}, {@code /checkip}, {@code /acme/present},
 * {@code /acme/cleanup}) with or without {@code /<stage>} in front; any other path or method gets
 * the deployed API's gateway answer.
 *
 * <p>It is a small server of its own over a {@link ServerSocket}, one virtual thread per
 * connection, rather than the JDK's {@code com.sun.net.httpserver}: that one answers request
 * targets its URI parser rejects by itself (an HTML 400 no router understands, with no log line)
 * and cannot finish requests in progress on shutdown. Here every request, however malformed, gets a
 * dyndns2 answer in {@code text/plain} and exactly one log line, either the handler's or a {@link
 * GatewayLogLine}. The Lambda never loads this class.
 *
 * <p>Wire details are for the clients in the field: every answer has a status line with a reason
 * phrase and a {@code Content-Length} (ddclient 3.10 misreads chunked bodies), and the connection
 * is closed after it (ddclient and inadyn read to end of stream), one request per connection.
 */
public final class LocalServer implements AutoCloseable {
  /**
   * How long a stop lets requests in progress run: the Lambda timeout (20 s), within which {@code
   * AwsCallBudget.LAMBDA} makes every request answer, even when AWS is slow.
   */
  public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);

  /** The largest request body read; dyndns2 forms are a few hundred bytes. */
  static final int MAX_BODY_BYTES = RequestReader.Limits.DEFAULT.bodyBytes();

  /** Bytes of an unread request body discarded before closing, so the close is not a reset. */
  private static final int LINGER_BYTES = 64 * 1024;

  private static final int LINGER_MILLIS = 2_000;
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private final ServerSocket listener;
  private final String stage;
  private final Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler;
  private final Consumer<String> log;
  private final RequestReader.Limits limits;
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean accepting = true;

  private LocalServer(
      ServerSocket listener,
      String stage,
      Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
      Consumer<String> log,
      RequestReader.Limits limits) {
    this.listener = listener;
    this.stage = stage;
    this.handler = handler;
    this.log = log;
    this.limits = limits;
    this.acceptor = Thread.ofPlatform().name("dyndns53-accept").unstarted(this::acceptLoop);
  }

  /**
   * Starts serving on {@code address}; the log lines of requests the server answers itself go to
   * stdout, like the handler's.
   *
   * @throws java.net.BindException when the port is taken
   */
  public static LocalServer start(
      InetSocketAddress address,
      String stage,
      Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler)
      throws IOException {
    return start(address, stage, handler, System.out::println, RequestReader.Limits.DEFAULT);
  }

  static LocalServer start(
      InetSocketAddress address,
      String stage,
      Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
      Consumer<String> log,
      RequestReader.Limits limits)
      throws IOException {
    ServerSocket listener = new ServerSocket();
    try {
      listener.bind(address, 64);
    } catch (IOException failed) {
      listener.close();
      throw failed;
    }
    LocalServer server = new LocalServer(listener, stage, handler, log, limits);
    server.acceptor.start();
    return server;
  }

  /** The address actually bound (the port is chosen by the system when 0 was asked for). */
  public InetSocketAddress address() {
    return (InetSocketAddress) listener.getLocalSocketAddress();
  }

  /** Connections accepted and not yet closed. */
  public int requestsInProgress() {
    return open.size();
  }

  /**
   * Closes the listening socket: from now on connections are refused. Requests already accepted go
   * on; {@link #awaitRequests} waits for them.
   */
  public void stopAccepting() {
    accepting = false;
    try {
      listener.close();
    } catch (IOException ignored) {
      // Closing a listening socket has nothing to report that would change what happens next.
    }
    try {
      // After this no connection is half-way between accept and the set of open ones.
      acceptor.join();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits up to {@code budget} for the requests in progress to be answered. Those still running
   * then get what API Gateway answers when the function runs past its timeout ({@code 504 911}), so
   * their clients retry, and their connections are closed.
   *
   * @return true when every request finished on its own
   */
  public boolean awaitRequests(Duration budget) {
    long deadline = System.nanoTime() + budget.toNanos();
    synchronized (open) {
      while (!open.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          open.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    if (open.isEmpty()) {
      return true;
    }
    for (Connection connection : List.copyOf(open)) {
      RequestReader.Head head = connection.head;
      if (head != null) {
        GatewayLogLine line =
            logLine(connection, head.method(), head.header("User-Agent"), head.target())
                .level("ERROR")
                .note(
                    "still running when the server stopped "
                        + budget.toSeconds()
                        + " s after being asked to;"
                        + " answered 504 as API Gateway does when the function times out, so the client retries");
        answerItself(connection, GatewayAnswer.INTEGRATION_TIMEOUT, false, line);
      }
      connection.closeQuietly();
    }
    return false;
  }

  /** Stops accepting and lets requests in progress finish within {@link #DRAIN_TIMEOUT}. */
  @Override
  public void close() {
    stopAccepting();
    awaitRequests(DRAIN_TIMEOUT);
  }

  private void acceptLoop() {
    while (accepting) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException failed) {
        if (!accepting) {
          return;
        }
        // Such as running out of file descriptors: pause rather than spin, then go on serving.
        System.err.println("dyndns53: accepting a connection failed: " + failed.getMessage());
        sleepQuietly(100);
        continue;
      }
      Connection connection = new Connection(socket);
      open.add(connection);
      Thread.ofVirtual().name("dyndns53-request").start(() -> serve(connection));
    }
  }

  private void serve(Connection connection) {
    boolean answered = false;
    try {
      serveRequest(connection);
      // The FIN goes out now: the answer is complete even if the process stops in a moment.
      connection.socket.shutdownOutput();
      answered = true;
    } catch (IOException clientGone) {
      // The client went away, or a stop closed the socket; there is no one left to answer.
      connection.closeQuietly();
    } catch (RuntimeException bug) {
      RequestReader.Head head = connection.head;
      answerItself(
          connection,
          GatewayAnswer.SERVER_ERROR,
          false,
          logLine(
                  connection,
                  head == null ? null : head.method(),
                  head == null ? null : head.header("User-Agent"),
                  head == null ? null : head.target())
              .error(bug.getClass())
              .note("the local server failed: " + bug.getClass().getSimpleName()));
      connection.closeQuietly();
    } finally {
      open.remove(connection);
      synchronized (open) {
        open.notifyAll();
      }
    }
    if (answered) {
      connection.lingerAndClose();
    }
  }

  private void serveRequest(Connection connection) throws IOException {
    RequestReader reader = new RequestReader(connection.socket, limits);
    RequestReader.HeadResult read = reader.readHead();
    if (read instanceof RequestReader.NoRequest) {
      return;
    }
    if (read instanceof RequestReader.Refused refused) {
      answerItself(
          connection,
          GatewayAnswer.BAD_REQUEST,
          false,
          logLine(connection, refused.method(), refused.userAgent(), refused.target())
              .note(refused.problem()));
      return;
    }
    RequestReader.Head head = (RequestReader.Head) read;
    connection.head = head;
    String method = head.method();
    String userAgent = head.header("User-Agent");
    var problem = LocalEvents.targetProblem(head.target());
    if (problem.isPresent()) {
      answerItself(
          connection,
          GatewayAnswer.BAD_REQUEST,
          false,
          logLine(connection, method, userAgent, head.target()).note(problem.get()));
      return;
    }
    LocalEvents.Target target = LocalEvents.target(head.target());

    if (head.contentLength() > 0
        && head.version().equals("HTTP/1.1")
        && "100-continue".equalsIgnoreCase(head.header("Expect"))) {
      connection.writeInterim("HTTP/1.1 100 Continue\r\n\r\n");
    }
    RequestReader.BodyResult body = reader.readBody(head);
    if (body instanceof RequestReader.Refused refused) {
      answerItself(
          connection,
          GatewayAnswer.BAD_REQUEST,
          false,
          logLine(connection, method, userAgent, head.target()).note(refused.problem()));
      return;
    }

    String path = target.path();
    Optional<Routes> route =
        Routes.match(path)
            .filter(r -> path.equals(r.path()) || path.equals("/" + stage + r.path()));
    if (route.isEmpty()) {
      answerItself(
          connection,
          GatewayAnswer.UNKNOWN_PATH,
          method.equals("HEAD"),
          logLine(connection, method, userAgent, head.target())
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
          GatewayAnswer.UNKNOWN_PATH,
          method.equals("HEAD"),
          logLine(connection, method, userAgent, head.target())
              .note("method " + method + " is not served on " + route.get().path()));
      return;
    }

    APIGatewayProxyRequestEvent event =
        LocalEvents.event(
            method,
            target.path(),
            target.rawQuery(),
            head.headers(),
            new String(((RequestReader.Body) body).bytes(), StandardCharsets.UTF_8),
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
          GatewayAnswer.INTEGRATION_FAILURE,
          false,
          logLine(connection, method, userAgent, head.target())
              .error(failed.getClass())
              .note("the handler failed: " + failed.getClass().getSimpleName()));
      return;
    }
    // The handler wrote the request's log line.
    respond(connection, response.getStatusCode(), response.getHeaders(), response.getBody(), false);
  }

  private GatewayLogLine logLine(
      Connection connection, String method, String userAgent, String target) {
    // Never the query string: some routers put the password there.
    String path = target == null ? null : LocalEvents.target(target).path();
    return new GatewayLogLine(connection.requestId, method, connection.source(), userAgent, path);
  }

  /**
   * Answers with a gateway answer and writes its log line, unless the request was answered already.
   */
  private void answerItself(
      Connection connection, GatewayAnswer answer, boolean headOnly, GatewayLogLine line) {
    if (respond(connection, answer.status(), answer.headers(), answer.body(), headOnly)) {
      log.accept(line.answered(answer, (System.nanoTime() - connection.started) / 1_000_000));
    }
  }

  /**
   * Writes the one answer of a connection. Returns false, writing nothing, when it was answered
   * already (a stop answers requests that run past its budget while they may still be running);
   * true otherwise, even when the client is gone and the write failed.
   */
  private static boolean respond(
      Connection connection,
      int status,
      Map<String, String> headers,
      String body,
      boolean headOnly) {
    if (!connection.answered.compareAndSet(false, true)) {
      return false;
    }
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head =
        new StringBuilder(256)
            .append("HTTP/1.1 ")
            .append(status)
            .append(' ')
            .append(reasonPhrase(status))
            .append("\r\n");
    Map<String, String> fields = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach(
          (name, value) -> {
            boolean ours =
                name.equalsIgnoreCase("Content-Length")
                    || name.equalsIgnoreCase("Connection")
                    || name.equalsIgnoreCase("Date")
                    || name.equalsIgnoreCase("Transfer-Encoding");
            boolean safe =
                value != null
                    && RequestReader.isToken(name)
                    && value.indexOf('\r') < 0
                    && value.indexOf('\n') < 0;
            if (!ours && safe) {
              fields.put(name, value);
            }
          });
    }
    fields.put("Date", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
    fields.put("Content-Length", Integer.toString(bytes.length));
    fields.put("Connection", "close");
    fields.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("\r\n");
    try {
      connection.write(
          head.toString().getBytes(StandardCharsets.ISO_8859_1), headOnly ? new byte[0] : bytes);
    } catch (IOException clientGone) {
      // Nothing to do: the answer was decided (and is logged); the client did not wait for it.
    }
    return true;
  }

  static String reasonPhrase(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> status < 300 ? "OK" : status < 500 ? "Client Error" : "Server Error";
    };
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** One accepted connection, which carries exactly one request and one answer. */
  private static final class Connection {
    final Socket socket;
    final String requestId = UUID.randomUUID().toString();
    final long started = System.nanoTime();
    final AtomicBoolean answered = new AtomicBoolean();
    final ReentrantLock writing = new ReentrantLock();
    volatile RequestReader.Head head;

    Connection(Socket socket) {
      this.socket = socket;
    }

    String source() {
      return socket.getInetAddress().getHostAddress();
    }

    void writeInterim(String text) throws IOException {
      write(text.getBytes(StandardCharsets.ISO_8859_1), new byte[0]);
    }

    void write(byte[] head, byte[] body) throws IOException {
      writing.lock();
      try {
        OutputStream out = socket.getOutputStream();
        out.write(head);
        out.write(body);
        out.flush();
      } finally {
        writing.unlock();
      }
    }

    /**
     * After the output was shut down: reads and drops what the client still sends (a body not read,
     * because the request was refused first) until it closes too: closing a socket with unread
     * input makes the kernel send a reset, which can destroy the answer before the client reads it.
     */
    void lingerAndClose() {
      try (socket) {
        socket.setSoTimeout(LINGER_MILLIS);
        InputStream in = socket.getInputStream();
        byte[] sink = new byte[4096];
        int dropped = 0;
        for (int n; dropped < LINGER_BYTES && (n = in.read(sink)) >= 0; ) {
          dropped += n;
        }
      } catch (IOException doneAnyway) {
        // A timeout or a reset while lingering changes nothing: the answer was sent.
      }
    }

    void closeQuietly() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Already closed or broken; either way it is closed now.
      }
    }
  }
}
