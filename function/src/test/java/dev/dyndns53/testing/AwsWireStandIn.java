package dev.dyndns53.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dyndns53.aws.AwsCallBudget;
import dev.dyndns53.aws.AwsClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A fault-injecting stand-in for the Route 53 and Secrets Manager endpoints: a loopback HTTP server
 * that answers each operation from a script of replies, and records every request.
 *
 * <p>Use it where moto cannot help: throttling, retries, exact AWS error bodies, malformed answers,
 * slow answers. Replies come from the exact wire samples in {@code src/test/resources/aws-wire/}
 * ({@link Reply#wire}), from literal bodies ({@link Reply#xml}, {@link Reply#json}, {@link
 * Reply#raw}), or after a delay ({@link Reply#delayed}).
 *
 * <pre>{@code
 * @RegisterExtension static final AwsWireStandIn standIn = new AwsWireStandIn();
 *
 * @Test
 * void retriesThrottling() {
 *   standIn.enqueue(Operation.ROUTE53_CHANGE_RESOURCE_RECORD_SETS,
 *       Reply.wire("route53-error-Throttling.xml"),
 *       Reply.wire("route53-ChangeResourceRecordSets.response.xml"));
 *   new Route53RecordStore(standIn.route53(TestBudgets.FAST_RETRIES)).apply(...);
 *   assertEquals(2, standIn.requests(Operation.ROUTE53_CHANGE_RESOURCE_RECORD_SETS).size());
 * }
 * }</pre>
 *
 * <p>Registered as a static {@code @RegisterExtension} field it starts once per test class and
 * forgets scripts, requests and clients before each test; as an instance field it starts and stops
 * around each test; outside JUnit, {@link #start()} and {@link #close()} it. A request with no
 * scripted reply left is answered {@code 400 StandInNotScripted} (not retried by the SDK), so a
 * missing script shows up as that error code rather than as a hang.
 *
 * <p>Clients from {@link #route53} and {@link #secretsManager} are built like production ones
 * ({@link AwsClients#configure}) with an endpoint override and {@link TestCredentials}; they are
 * closed with the stand-in.
 */
public final class AwsWireStandIn
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        AutoCloseable {

  /** The operations the stand-in tells apart, by method and path or by {@code X-Amz-Target}. */
  public enum Operation {
    /** {@code GET /2013-04-01/hostedzone/{Id}/rrset} */
    ROUTE53_LIST_RESOURCE_RECORD_SETS,
    /** {@code POST /2013-04-01/hostedzone/{Id}/rrset/} */
    ROUTE53_CHANGE_RESOURCE_RECORD_SETS,
    /** {@code GET /2013-04-01/change/{Id}} */
    ROUTE53_GET_CHANGE,
    /** {@code POST /} with {@code X-Amz-Target: secretsmanager.GetSecretValue} */
    SECRETS_MANAGER_GET_SECRET_VALUE,
    /** {@code POST /} with {@code X-Amz-Target: secretsmanager.BatchGetSecretValue} */
    SECRETS_MANAGER_BATCH_GET_SECRET_VALUE,
    /** Anything else; always answered {@code StandInNotScripted}. */
    UNRECOGNISED
  }

  /** One scripted answer. */
  public sealed interface Reply {

    /**
     * A file from {@code src/test/resources/aws-wire/}, with the status in the sibling {@code
     * .status} file ({@code HTTP 400}) when there is one, else 200. Content type: {@code text/xml}
     * for {@code .xml} (as Route 53 sends), {@code application/x-amz-json-1.1} for {@code .json}.
     */
    static Reply wire(String fileName) {
      String body = readWireFile(fileName);
      int dot = fileName.lastIndexOf('.');
      String statusFile = fileName.substring(0, dot) + ".status";
      int status = wireFileExists(statusFile) ? parseStatus(statusFile) : 200;
      String contentType = fileName.endsWith(".json") ? "application/x-amz-json-1.1" : "text/xml";
      return new Literal(status, contentType, body);
    }

    /** A Route 53 style answer. */
    static Reply xml(int status, String body) {
      return new Literal(status, "text/xml", body);
    }

    /** A Secrets Manager style answer. */
    static Reply json(int status, String body) {
      return new Literal(status, "application/x-amz-json-1.1", body);
    }

    /** Any answer at all, such as a malformed body or an HTML error page from a proxy. */
    static Reply raw(int status, String contentType, String body) {
      return new Literal(status, contentType, body);
    }

    /** {@code then}, after holding the request for {@code delay}. */
    static Reply delayed(Duration delay, Reply then) {
      return new Delayed(delay, then);
    }
  }

  /** A reply with this status, content type and body. */
  public record Literal(int status, String contentType, String body) implements Reply {
    public Literal {
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
    }
  }

  /** A reply sent after a delay. */
  public record Delayed(Duration delay, Reply then) implements Reply {
    public Delayed {
      Objects.requireNonNull(delay, "delay");
      Objects.requireNonNull(then, "then");
    }
  }

  /**
   * A request as the stand-in received it.
   *
   * @param operation what the stand-in took it for
   * @param method HTTP method
   * @param rawPath the path as sent, percent-encoding kept
   * @param rawQuery the query as sent, or empty
   * @param headers every header but {@code Authorization}, names case-insensitive
   * @param body the body as UTF-8 text
   */
  public record RecordedRequest(
      Operation operation,
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      String body) {

    /** The first value of a header, or null. */
    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  private static final Pattern RRSET_PATH = Pattern.compile("/2013-04-01/hostedzone/[^/]+/rrset/?");
  private static final Pattern CHANGE_PATH = Pattern.compile("/2013-04-01/change/[^/]+");
  private static final String NAMESPACE = "https://route53.amazonaws.com/doc/2013-04-01/";

  private final Map<Operation, Queue<Reply>> scripts = new EnumMap<>(Operation.class);
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final List<SdkClient> clients = new CopyOnWriteArrayList<>();
  private final AtomicInteger requestIds = new AtomicInteger();
  private HttpServer server;
  private ExecutorService executor;
  private boolean startedPerTest;

  /** A stand-in not started yet; JUnit starts it when it is registered as an extension. */
  public AwsWireStandIn() {
    for (Operation operation : Operation.values()) {
      scripts.put(operation, new ConcurrentLinkedQueue<>());
    }
  }

  /** Starts a stand-in outside JUnit's lifecycle; close it when done. */
  public static AwsWireStandIn start() {
    AwsWireStandIn standIn = new AwsWireStandIn();
    standIn.startServer();
    return standIn;
  }

  private synchronized void startServer() {
    if (server != null) {
      return;
    }
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("the AWS wire stand-in could not listen on loopback", e);
    }
    // A thread per request: a delayed reply must not hold up the SDK's retry of it.
    executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "aws-wire-stand-in");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URI to point a client at, such as {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    HttpServer running = requireStarted();
    InetSocketAddress address = running.getAddress();
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
  }

  /** Appends replies to an operation's script; each request takes the next one. */
  public AwsWireStandIn enqueue(Operation operation, Reply... replies) {
    Queue<Reply> script = scripts.get(operation);
    for (Reply reply : replies) {
      script.add(Objects.requireNonNull(reply, "reply"));
    }
    return this;
  }

  /** Appends the same reply {@code times} times, such as a throttling answer past the budget. */
  public AwsWireStandIn enqueueRepeatedly(Operation operation, Reply reply, int times) {
    for (int i = 0; i < times; i++) {
      enqueue(operation, reply);
    }
    return this;
  }

  /** Every request received since the last {@link #reset()}, in arrival order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The requests taken for one operation. */
  public List<RecordedRequest> requests(Operation operation) {
    List<RecordedRequest> matching = new ArrayList<>();
    for (RecordedRequest request : requests) {
      if (request.operation() == operation) {
        matching.add(request);
      }
    }
    return Collections.unmodifiableList(matching);
  }

  /** Replies scripted but not yet taken by a request. */
  public int pendingReplies(Operation operation) {
    return scripts.get(operation).size();
  }

  /** Forgets scripts and recorded requests, and closes the clients handed out. */
  public void reset() {
    scripts.values().forEach(Queue::clear);
    requests.clear();
    closeClients();
  }

  /** A Route 53 client configured like production, with {@code budget}, pointed here. */
  public Route53Client route53(AwsCallBudget budget) {
    Route53Client client =
        AwsClients.configure(Route53Client.builder(), budget)
            .region(Region.AWS_GLOBAL)
            .credentialsProvider(TestCredentials.provider())
            .endpointOverride(endpoint())
            .build();
    clients.add(client);
    return client;
  }

  /** A Secrets Manager client configured like production, with {@code budget}, pointed here. */
  public SecretsManagerClient secretsManager(AwsCallBudget budget) {
    SecretsManagerClient client =
        AwsClients.configure(SecretsManagerClient.builder(), budget)
            .region(Region.US_EAST_1)
            .credentialsProvider(TestCredentials.provider())
            .endpointOverride(endpoint())
            .build();
    clients.add(client);
    return client;
  }

  @Override
  public synchronized void close() {
    closeClients();
    if (server != null) {
      server.stop(0);
      server = null;
    }
    if (executor != null) {
      // Interrupts delayed replies still waiting for their time.
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    startServer();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    synchronized (this) {
      if (server == null) {
        startedPerTest = true;
        startServer();
        return;
      }
    }
    reset();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (startedPerTest) {
      close();
      startedPerTest = false;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  private synchronized HttpServer requireStarted() {
    if (server == null) {
      throw new IllegalStateException(
          "the AWS wire stand-in is not running: register it with @RegisterExtension or call"
              + " AwsWireStandIn.start()");
    }
    return server;
  }

  private void closeClients() {
    for (SdkClient client : clients) {
      client.close();
    }
    clients.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!name.equalsIgnoreCase("Authorization")) {
                  headers.put(name, List.copyOf(values));
                }
              });
      Operation operation = operationOf(exchange.getRequestMethod(), exchange, headers);
      URI uri = exchange.getRequestURI();
      requests.add(
          new RecordedRequest(
              operation,
              exchange.getRequestMethod(),
              uri.getRawPath(),
              uri.getRawQuery() == null ? "" : uri.getRawQuery(),
              Collections.unmodifiableMap(headers),
              body));

      Reply reply = operation == Operation.UNRECOGNISED ? null : scripts.get(operation).poll();
      if (reply == null) {
        reply = notScripted(operation, exchange.getRequestMethod() + " " + uri.getRawPath());
      }
      send(exchange, reply);
    }
  }

  private void send(HttpExchange exchange, Reply reply) throws IOException {
    while (reply instanceof Delayed delayed) {
      try {
        Thread.sleep(delayed.delay().toMillis());
      } catch (InterruptedException stopping) {
        Thread.currentThread().interrupt();
        return;
      }
      reply = delayed.then();
    }
    Literal literal = (Literal) reply;
    byte[] bytes = literal.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", literal.contentType());
    exchange
        .getResponseHeaders()
        .set("x-amzn-RequestId", "stand-in-" + requestIds.incrementAndGet());
    try {
      // -1: no body; 0 would mean a chunked body of unknown length.
      exchange.sendResponseHeaders(literal.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (IOException clientGone) {
      // The client gave up on a delayed reply (its attempt timed out); nothing to answer.
    }
  }

  private static Operation operationOf(
      String method, HttpExchange exchange, Map<String, List<String>> headers) {
    String path = exchange.getRequestURI().getRawPath();
    if (RRSET_PATH.matcher(path).matches()) {
      if (method.equals("POST")) {
        return Operation.ROUTE53_CHANGE_RESOURCE_RECORD_SETS;
      }
      if (method.equals("GET")) {
        return Operation.ROUTE53_LIST_RESOURCE_RECORD_SETS;
      }
    }
    if (method.equals("GET") && CHANGE_PATH.matcher(path).matches()) {
      return Operation.ROUTE53_GET_CHANGE;
    }
    List<String> target = headers.get("X-Amz-Target");
    if (method.equals("POST") && path.equals("/") && target != null) {
      if (target.contains("secretsmanager.GetSecretValue")) {
        return Operation.SECRETS_MANAGER_GET_SECRET_VALUE;
      }
      if (target.contains("secretsmanager.BatchGetSecretValue")) {
        return Operation.SECRETS_MANAGER_BATCH_GET_SECRET_VALUE;
      }
    }
    return Operation.UNRECOGNISED;
  }

  private static Reply notScripted(Operation operation, String request) {
    String message = "AwsWireStandIn has no scripted reply for " + operation + " (" + request + ")";
    if (operation == Operation.SECRETS_MANAGER_GET_SECRET_VALUE
        || operation == Operation.SECRETS_MANAGER_BATCH_GET_SECRET_VALUE) {
      return Reply.json(400, "{\"__type\":\"StandInNotScripted\",\"Message\":\"" + message + "\"}");
    }
    return Reply.xml(
        400,
        "<?xml version=\"1.0\"?><ErrorResponse xmlns=\""
            + NAMESPACE
            + "\"><Error><Type>Sender</Type><Code>StandInNotScripted</Code><Message>"
            + message
            + "</Message></Error><RequestId>stand-in</RequestId></ErrorResponse>");
  }

  /** The text of a file in {@code src/test/resources/aws-wire/}. */
  public static String readWireFile(String fileName) {
    try (InputStream in = AwsWireStandIn.class.getResourceAsStream("/aws-wire/" + fileName)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no wire sample aws-wire/" + fileName + " in src/test/resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read aws-wire/" + fileName, e);
    }
  }

  private static boolean wireFileExists(String fileName) {
    return AwsWireStandIn.class.getResource("/aws-wire/" + fileName) != null;
  }

  private static int parseStatus(String statusFile) {
    String text = readWireFile(statusFile).strip().toUpperCase(Locale.ROOT);
    if (!text.startsWith("HTTP ")) {
      throw new IllegalArgumentException(
          "aws-wire/" + statusFile + " should read like \"HTTP 400\", not \"" + text + "\"");
    }
    return Integer.parseInt(text.substring("HTTP ".length()).strip());
  }
}
