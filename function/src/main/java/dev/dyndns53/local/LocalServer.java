package dev.dyndns53.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.envelope.Routes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>This class is the connection handling: the accept loop, the cap on open connections, the
 * boundary that answers whatever escapes a request, and the drain on stop. Reading a request is
 * {@link RequestReader}'s, serving it {@link RequestExchange}'s, writing the answer {@link
 * ResponseWriter}'s. One request per connection; the connection is closed after its answer.
 */
public final class LocalServer implements AutoCloseable {
  /**
   * How long a stop lets requests in progress run: the Lambda timeout (20 s), within which {@code
   * AwsCallBudget.LAMBDA} makes every request answer, even when AWS is slow.
   */
  public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);

  /** Bytes of an unread request body discarded before closing, so the close is not a reset. */
  private static final int LINGER_BYTES = 64 * 1024;

  private static final Duration LINGER = Duration.ofSeconds(2);

  /** A refused connection gets less: it is past the cap, so its time is borrowed. */
  private static final Duration REFUSED_LINGER = Duration.ofMillis(500);

  private final ServerSocket listener;
  private final ServerSettings settings;
  private final RequestExchange exchange;
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();

  /** Refused connections still lingering; bounded like the open ones. */
  private final AtomicInteger refusing = new AtomicInteger();

  private final Thread acceptor;
  private volatile boolean accepting = true;

  private LocalServer(ServerSocket listener, RequestExchange exchange, ServerSettings settings) {
    this.listener = listener;
    this.exchange = exchange;
    this.settings = settings;
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
      Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
      ServerSettings settings)
      throws IOException {
    return start(address, stage, handler, System.out::println, settings);
  }

  static LocalServer start(
      InetSocketAddress address,
      String stage,
      Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
      Consumer<String> log,
      ServerSettings settings)
      throws IOException {
    ServerSocket listener = new ServerSocket();
    try {
      listener.bind(address, 64);
    } catch (IOException failed) {
      listener.close();
      throw failed;
    }
    LocalServer server =
        new LocalServer(listener, new RequestExchange(stage, handler, log, settings), settings);
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
   * Closes the connections that have not sent a byte, then waits up to {@code budget} for the
   * requests in progress to be answered. Those still running then get what API Gateway answers when
   * the function runs past its timeout ({@code 504 911}), so their clients retry, and their
   * connections are closed.
   *
   * @return true when every request finished on its own
   */
  public boolean awaitRequests(Duration budget) {
    long deadline = System.nanoTime() + budget.toNanos();
    for (Connection connection : List.copyOf(open)) {
      // Connected but silent: no request to finish, and a stop should not wait out its idle
      // timeout (hundreds of them, in a slow-loris attack).
      if (!connection.hasRequestStarted()) {
        connection.closeQuietly();
      }
    }
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
      if (connection.head != null) {
        exchange.answerStopped(connection, budget.toSeconds());
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
      try {
        dispatch(new Connection(socket));
      } catch (Throwable failed) {
        // Such as no memory left for a thread: this connection is lost, the server is not.
        System.err.println(
            "dyndns53: serving a connection failed to start: " + failed.getClass().getName());
        closeQuietly(socket);
      }
    }
  }

  private void dispatch(Connection connection) {
    // Only the acceptor adds to the set, so the count cannot pass the cap between check and add.
    int count = open.size();
    if (count >= settings.maxConnections()) {
      refuse(connection, count);
      return;
    }
    open.add(connection);
    try {
      Thread.ofVirtual().name("dyndns53-request").start(() -> serve(connection));
    } catch (Throwable failed) {
      finished(connection);
      throw failed;
    }
  }

  /**
   * Answers a connection over the cap with {@code 503} and {@code Retry-After} at once, without
   * reading its request; its linger runs on a thread of its own, and only while as many refused
   * connections linger as may be open, so a flood costs no more than the cap.
   */
  private void refuse(Connection connection, int count) {
    exchange.answerOverCapacity(connection, count);
    try {
      connection.socket.shutdownOutput();
    } catch (IOException gone) {
      connection.closeQuietly();
      return;
    }
    if (refusing.incrementAndGet() > settings.maxConnections()) {
      refusing.decrementAndGet();
      connection.closeQuietly();
      return;
    }
    Thread.ofVirtual()
        .name("dyndns53-refused")
        .start(
            () -> {
              try {
                connection.lingerAndClose(REFUSED_LINGER, LINGER_BYTES);
              } finally {
                refusing.decrementAndGet();
              }
            });
  }

  /**
   * The connection boundary: whatever is thrown while serving, {@link Error}s included (a parser's
   * {@link StackOverflowError}), is answered and logged here, and the socket is always closed.
   */
  private void serve(Connection connection) {
    boolean answered = false;
    try {
      exchange.serve(connection);
      // The FIN goes out now: the answer is complete even if the process stops in a moment.
      connection.socket.shutdownOutput();
      answered = true;
    } catch (IOException clientGone) {
      // The client went away, or a stop closed the socket; there is no one left to answer.
      connection.closeQuietly();
    } catch (Throwable failure) {
      try {
        exchange.answerFailure(connection, failure);
      } catch (Throwable again) {
        // Answering failed too (no memory left, say): closing is all that is left to do.
      }
      connection.closeQuietly();
    } finally {
      finished(connection);
    }
    if (answered) {
      connection.lingerAndClose(LINGER, LINGER_BYTES);
    }
  }

  private void finished(Connection connection) {
    open.remove(connection);
    synchronized (open) {
      open.notifyAll();
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already closed or broken; either way it is closed now.
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
