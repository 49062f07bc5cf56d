package dev.dyndns53.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The local endpoint's HTTP behaviour, over raw sockets, as the clients in the field see it. */
class LocalServerTest {
  /** Short enough that the silent-client test is quick, long enough for a loaded machine. */
  private static final ServerSettings LIMITS =
      ServerSettings.DEFAULT
          .withIdleTimeout(Duration.ofSeconds(1))
          .withRequestTimeout(Duration.ofSeconds(10));

  private static final Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> GOOD =
      event ->
          new APIGatewayProxyResponseEvent()
              .withStatusCode(200)
              .withHeaders(Map.of("Content-Type", "text/plain; charset=utf-8"))
              .withBody("good 203.0.113.7\n");

  private final AtomicReference<APIGatewayProxyRequestEvent> seen = new AtomicReference<>();
  private final AtomicInteger handled = new AtomicInteger();
  private final AtomicReference<Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>>
      handler = new AtomicReference<>(GOOD);

  /** Every log line: the server's own, and a stand-in for the line the real handler writes. */
  private final List<String> logged = new CopyOnWriteArrayList<>();

  private final CountDownLatch releaseHandler = new CountDownLatch(1);
  private final LocalServer server;

  LocalServerTest() throws IOException {
    server =
        LocalServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            "v1",
            event -> {
              seen.set(event);
              handled.incrementAndGet();
              logged.add("{\"by\":\"handler\"}");
              return handler.get().apply(event);
            },
            logged::add,
            LIMITS);
  }

  @AfterEach
  void stop() {
    releaseHandler.countDown();
    server.close();
  }

  /** An answer as received: the status line, the header lines as sent, and the body. */
  record Response(String statusLine, List<String> headerLines, String body, String raw) {
    int status() {
      return Integer.parseInt(statusLine.split(" ")[1]);
    }

    /** The value of a header, names compared case-insensitively, or null. */
    String header(String name) {
      for (String line : headerLines) {
        int colon = line.indexOf(':');
        if (line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).strip();
        }
      }
      return null;
    }
  }

  private Response exchange(String request) {
    return exchange(request.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Sends raw bytes, half-closes (as a client that has nothing more to say) and reads until the
   * server closes the connection.
   */
  private Response exchange(byte[] request) {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      socket.shutdownOutput();
      return readResponse(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort());
    socket.setSoTimeout(30_000);
    return socket;
  }

  private static Response readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    in.transferTo(received);
    String raw = received.toString(StandardCharsets.ISO_8859_1);
    int end = raw.indexOf("\r\n\r\n");
    assertTrue(end > 0, () -> "not an HTTP response: " + raw);
    List<String> lines = List.of(raw.substring(0, end).split("\r\n"));
    return new Response(lines.get(0), lines.subList(1, lines.size()), raw.substring(end + 4), raw);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> onlyLogLine() {
    assertEquals(1, logged.size(), () -> "expected exactly one log line, got " + logged);
    return (Map<String, Object>) Json.parse(logged.get(0));
  }

  private static void assertGatewayAnswer(int status, String body, Response response) {
    assertEquals(status, response.status(), response.raw());
    assertEquals(body, response.body(), response.raw());
    assertTrue(
        response.headerLines().contains("Content-Type: text/plain; charset=utf-8"), response.raw());
    assertEquals(String.valueOf(body.length()), response.header("Content-Length"), response.raw());
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP/1.1", "HTTP/1.0"})
  void answer_hasReasonPhraseContentLengthAndClosesTheConnection(String version) {
    Response response =
        exchange(
            "GET /nic/update?hostname=home.example.com "
                + version
                + "\r\n"
                + "Host: 127.0.0.1:8053\r\nUser-Agent: ddclient/3.10.0\r\n\r\n");

    assertEquals("HTTP/1.1 200 OK", response.statusLine());
    assertEquals("17", response.header("Content-Length"));
    assertEquals("close", response.header("Connection"));
    assertNull(response.header("Transfer-Encoding"));
    assertEquals("good 203.0.113.7\n", response.body());
  }

  @Test
  void answer_spellsHeaderNamesAsTheHandlerGaveThem() {
    Response response = exchange("GET /nic/update HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    // The JDK's server wrote "Content-type"; names are case-insensitive, but routers' parsers vary.
    assertTrue(
        response.headerLines().contains("Content-Type: text/plain; charset=utf-8"), response.raw());
    assertTrue(
        response.headerLines().stream().anyMatch(line -> line.startsWith("Content-Length: ")),
        response.raw());
    assertTrue(
        response.headerLines().stream()
            .anyMatch(
                line ->
                    line.matches(
                        "Date: [A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT")),
        response.raw());
  }

  @Test
  void request_becomesTheProxyEventApiGatewayWouldSend() {
    exchange(
        "GET /v1/nic/update?system=dyndns&hostname=a.example.com,b.example.com&myip=2001%3adb8%3a%3a7"
            + "&myip=x HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: Basic Og==\r\nuser-agent: inadyn/2.10\r\n"
            + "X-Twice: 1\r\nx-twice: 2\r\n\r\n");

    APIGatewayProxyRequestEvent event = seen.get();
    assertEquals("GET", event.getHttpMethod());
    assertEquals("/nic/update", event.getResource());
    assertEquals(
        List.of("a.example.com,b.example.com"),
        event.getMultiValueQueryStringParameters().get("hostname"));
    assertEquals(
        List.of("2001:db8::7", "x"), event.getMultiValueQueryStringParameters().get("myip"));
    assertEquals("x", event.getQueryStringParameters().get("myip"));
    assertEquals("127.0.0.1", event.getRequestContext().getIdentity().getSourceIp());
    assertEquals("inadyn/2.10", event.getRequestContext().getIdentity().getUserAgent());
    assertEquals("v1", event.getRequestContext().getStage());
    assertEquals("HTTP/1.0", event.getRequestContext().getProtocol());
    assertEquals("Basic Og==", event.getHeaders().get("Authorization"));
    // API Gateway passes names as the client spelled them; the JDK's server title-cased them.
    assertEquals("inadyn/2.10", event.getHeaders().get("user-agent"));
    assertEquals(List.of("1", "2"), event.getMultiValueHeaders().get("X-Twice"));
  }

  @Test
  void unescapedValues_arePassedAsSent() {
    exchange(
        "GET /nic/update?hostname=home.example.com&myip=203.0.113.7,2001:db8:1:2::/64&y=a+b "
            + "HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    Map<String, List<String>> query = seen.get().getMultiValueQueryStringParameters();
    assertEquals(List.of("203.0.113.7,2001:db8:1:2::/64"), query.get("myip"));
    assertEquals(List.of("a+b"), query.get("y"));
  }

  @Test
  void charactersUrisMustEscapeButRoutersDoNot_reachTheHandlerAsSent() {
    // The JDK's server answered these itself with an HTML 400 ("URISyntaxException thrown").
    Response response =
        exchange(
            "GET /nic/update?hostname=a\"<>\\^`{|}.example.com HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n\r\n");

    assertEquals(200, response.status(), response.raw());
    assertEquals(
        List.of("a\"<>\\^`{|}.example.com"),
        seen.get().getMultiValueQueryStringParameters().get("hostname"));
  }

  @Test
  void percentEscapes_areDecodedExactlyOnce() {
    exchange(
        "GET /nic/update?myip=fe80::1%25eth0&twice=2001%253adb8 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    Map<String, List<String>> query = seen.get().getMultiValueQueryStringParameters();
    assertEquals(List.of("fe80::1%eth0"), query.get("myip"));
    assertEquals(List.of("2001%3adb8"), query.get("twice"));
  }

  @Test
  void rawUtf8InTheTarget_isReadAsUtf8() {
    byte[] request =
        "GET /nic/update?hostname=k\u00f6ln.example.com HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            .getBytes(StandardCharsets.UTF_8);

    exchange(request);

    assertEquals(
        List.of("k\u00f6ln.example.com"),
        seen.get().getMultiValueQueryStringParameters().get("hostname"));
  }

  @Test
  void absoluteFormTarget_isServedLikeItsPath() {
    Response response =
        exchange(
            "GET http://127.0.0.1:8053/v1/nic/update?hostname=a.example.com HTTP/1.1\r\n"
                + "Host: 127.0.0.1:8053\r\n\r\n");

    assertEquals(200, response.status(), response.raw());
    assertEquals(
        List.of("a.example.com"), seen.get().getMultiValueQueryStringParameters().get("hostname"));
  }

  @Test
  void post_passesTheFormBody() {
    String body = "hostname=home.example.com&myip=203.0.113.7";
    exchange(
        "POST /nic/update HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: "
            + body.length()
            + "\r\n\r\n"
            + body);

    assertEquals(body, seen.get().getBody());
  }

  @Test
  void expect100Continue_getsTheInterimAnswerBeforeTheBodyIsSent() throws IOException {
    String body = "hostname=home.example.com";
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /nic/update HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\n"
                  + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                  + body.length()
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String interim = "HTTP/1.1 100 Continue\r\n\r\n";
      byte[] first = socket.getInputStream().readNBytes(interim.length());
      assertEquals(interim, new String(first, StandardCharsets.ISO_8859_1));
      out.write(body.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Response response = readResponse(socket.getInputStream());

      assertEquals(200, response.status(), response.raw());
    }
    assertEquals(body, seen.get().getBody());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET / HTTP/1.1",
        "GET /update HTTP/1.1",
        "GET /v2/nic/update HTTP/1.1",
        "PUT /nic/update HTTP/1.1",
        "DELETE /v1/nic/update HTTP/1.1",
        "get /nic/update HTTP/1.1",
        "OPTIONS /nic/update HTTP/1.1",
        "BREW /nic/update HTTP/1.1"
      })
  void otherPathsAndMethods_getTheGatewaysUnknownPathAnswerAndOneLogLine(String requestLine) {
    Response response = exchange(requestLine + "\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");

    assertEquals("HTTP/1.1 404 Not Found", response.statusLine());
    assertGatewayAnswer(404, "badagent\n", response);
    assertEquals(0, handled.get());
    Map<String, Object> line = onlyLogLine();
    assertEquals(requestLine.substring(0, requestLine.indexOf(' ')), line.get("method"));
    assertEquals(requestLine.split(" ")[1], line.get("path"));
    assertEquals("404", line.get("status").toString());
    assertEquals("badagent", line.get("answer"));
  }

  @Test
  void mistypedStage_isExplainedInTheLogLine() {
    exchange("GET /v2/nic/update?hostname=a.example.com HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    assertTrue(onlyLogLine().get("notes").toString().contains("/v1/nic/update"), logged::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/nic/update", "/v1/nic/update", "/"})
  void head_getsTheUnknownPathHeadersWithoutABody(String path) throws IOException {
    Response response =
        exchange("HEAD " + path + "?hostname=a.example.com HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    assertEquals("HTTP/1.1 404 Not Found", response.statusLine());
    assertEquals("9", response.header("Content-Length"), response.raw());
    assertEquals("text/plain; charset=utf-8", response.header("Content-Type"));
    assertEquals("", response.body(), response.raw());
    assertEquals(0, handled.get());
    assertEquals("HEAD", onlyLogLine().get("method"));
  }

  /** Requests that cannot be served as sent, each with the reason the log line must give. */
  static Stream<Arguments> malformedRequests() {
    String ok = "Host: 127.0.0.1\r\n\r\n";
    return Stream.of(
        Arguments.of(
            "an interface suffix in myip",
            "GET /nic/update?hostname=h.example.com&myip=fe80::1%eth0 HTTP/1.1\r\n" + ok,
            "'%'"),
        Arguments.of(
            "a '%' at the end", "GET /nic/update?myip=203.0.113.7% HTTP/1.1\r\n" + ok, "'%'"),
        Arguments.of(
            "a '%' with one hex digit", "GET /nic/update?myip=%4 HTTP/1.1\r\n" + ok, "'%'"),
        Arguments.of("a bad escape in the path", "GET /nic%zzupdate HTTP/1.1\r\n" + ok, "'%'"),
        Arguments.of(
            "a control byte in the target",
            "GET /nic/update?hostname=a\u0001b HTTP/1.1\r\n" + ok,
            "control character"),
        Arguments.of(
            "DEL in the target",
            "GET /nic/update?hostname=a\u007fb HTTP/1.1\r\n" + ok,
            "control character"),
        Arguments.of(
            "a tab in the target",
            "GET /nic/update?hostname=a\tb HTTP/1.1\r\n" + ok,
            "control character"),
        Arguments.of(
            "NUL in the target",
            "GET /nic/update?hostname=a\u0000b HTTP/1.1\r\n" + ok,
            "control character"),
        Arguments.of(
            "a space in the target",
            "GET /nic/update?hostname=a b HTTP/1.1\r\n" + ok,
            "request line"),
        Arguments.of("no version", "GET /nic/update\r\n" + ok, "request line"),
        Arguments.of("only a method", "GET\r\n" + ok, "request line"),
        Arguments.of("two spaces", "GET  /nic/update HTTP/1.1\r\n" + ok, "request line"),
        Arguments.of(
            "a method that is not a token", "G(T /nic/update HTTP/1.1\r\n" + ok, "request line"),
        Arguments.of("a lower-case version", "GET /nic/update http/1.1\r\n" + ok, "HTTP version"),
        Arguments.of(
            "a target that is not a path", "GET nic/update HTTP/1.1\r\n" + ok, "neither a path"),
        Arguments.of("the asterisk form", "OPTIONS * HTTP/1.1\r\n" + ok, "neither a path"),
        Arguments.of(
            "a TLS handshake on the plain port",
            "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003",
            "ended"),
        Arguments.of(
            "a header line without a colon",
            "GET /nic/update HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n",
            "'Name: value'"),
        Arguments.of(
            "a space before the colon",
            "GET /nic/update HTTP/1.1\r\nHost : 127.0.0.1\r\n\r\n",
            "'Name: value'"),
        Arguments.of(
            "a folded header",
            "GET /nic/update HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: a\r\n b\r\n\r\n",
            "folded"),
        Arguments.of(
            "a control byte in a header value",
            "GET /nic/update HTTP/1.1\r\nUser-Agent: a\u0000b\r\n\r\n",
            "control character"),
        Arguments.of(
            "a bare CR in a header value",
            "GET /nic/update HTTP/1.1\r\nUser-Agent: a\rb\r\n\r\n",
            "control character"),
        Arguments.of(
            "a request line past the limit",
            "GET /nic/update?hostname=" + "a".repeat(11_000) + " HTTP/1.1\r\n" + ok,
            "10240 bytes"),
        Arguments.of(
            "header fields past the limit",
            "GET /nic/update HTTP/1.1\r\n"
                + "X-Filler: 0123456789012345678901234567890123456789\r\n".repeat(250)
                + ok,
            "10240 bytes"),
        Arguments.of(
            "a Content-Length that is not a number",
            "POST /nic/update HTTP/1.1\r\nContent-Length: ten\r\n\r\n",
            "Content-Length"),
        Arguments.of(
            "a negative Content-Length",
            "POST /nic/update HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
            "Content-Length"),
        Arguments.of(
            "two different Content-Lengths",
            "POST /nic/update HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
            "Content-Length"),
        Arguments.of(
            "a chunked body",
            "POST /nic/update HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
            "Transfer-Encoding"),
        Arguments.of(
            "a body past the limit",
            "POST /nic/update HTTP/1.1\r\nContent-Length: "
                + (ServerSettings.DEFAULT.bodyBytes() + 1)
                + "\r\n\r\n"
                + "x".repeat(ServerSettings.DEFAULT.bodyBytes() + 1),
            "at most"),
        Arguments.of(
            "a body shorter than announced",
            "POST /nic/update HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\nabc",
            "3 of the 10"),
        Arguments.of(
            "header fields that never end",
            "GET /nic/update HTTP/1.1\r\nHost: 127.0.0.1\r\n",
            "ended"),
        Arguments.of(
            "a request line that never ends", "GET /nic/update?hostname=a.example.com", "ended"),
        Arguments.of(
            "a vertical tab before the Content-Length",
            "POST /nic/update HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length:\u000b5\r\n\r\nabcde",
            "control character"),
        Arguments.of(
            "a form feed after the Content-Length",
            "POST /nic/update HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\u000c\r\n\r\nabcde",
            "control character"),
        Arguments.of(
            "a plus sign in the Content-Length",
            "POST /nic/update HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: +5\r\n\r\nabcde",
            "Content-Length"),
        Arguments.of(
            "a superscript digit in the Content-Length",
            "POST /nic/update HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \u00b9\r\n\r\na",
            "Content-Length"),
        Arguments.of(
            "an HTTP/1.1 request without Host",
            "GET /nic/update?hostname=a.example.com HTTP/1.1\r\nUser-Agent: x\r\n\r\n",
            "Host"),
        Arguments.of(
            "an HTTP/1.1 request with two Hosts",
            "GET /nic/update HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n",
            "2 Host headers"),
        Arguments.of(
            "a version without a minor number", "GET /nic/update HTTP/2\r\n" + ok, "HTTP version"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedRequests")
  void malformedRequest_getsBadRequestBadagentInPlainTextAndOneLogLineSayingWhy(
      String description, String request, String reason) {
    Response response = exchange(request);

    assertEquals("HTTP/1.1 400 Bad Request", response.statusLine(), response.raw());
    assertGatewayAnswer(400, "badagent\n", response);
    assertEquals(0, handled.get());
    Map<String, Object> line = onlyLogLine();
    assertEquals("400", line.get("status").toString());
    assertEquals("badagent", line.get("answer"));
    assertEquals("0", line.get("route53Calls").toString());
    assertTrue(
        line.get("notes").toString().contains(reason),
        () -> "log line should say " + reason + ": " + line);
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP/2.0", "HTTP/1.7", "HTTP/0.9", "HTTP/3.0"})
  void otherHttpVersions_getVersionNotSupportedAndOneLogLine(String version) {
    Response response =
        exchange(
            "GET /nic/update?hostname=a.example.com " + version + "\r\nHost: 127.0.0.1\r\n\r\n");

    assertEquals("HTTP/1.1 505 HTTP Version Not Supported", response.statusLine(), response.raw());
    assertGatewayAnswer(505, "badagent\n", response);
    assertEquals(0, handled.get());
    Map<String, Object> line = onlyLogLine();
    assertEquals("505", line.get("status").toString());
    assertTrue(line.get("notes").toString().contains(version), line::toString);
  }

  @Test
  void http10WithoutHost_isServed() {
    Response response = exchange("GET /nic/update?hostname=a.example.com HTTP/1.0\r\n\r\n");

    assertEquals(200, response.status(), response.raw());
    assertEquals(1, handled.get());
  }

  @Test
  void silentClient_isAnsweredBadRequestAfterTheIdleTimeout() throws IOException {
    try (Socket socket = connect()) {
      socket
          .getOutputStream()
          .write(
              "GET /nic/update HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  .getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      Response response = readResponse(socket.getInputStream());

      assertGatewayAnswer(400, "badagent\n", response);
    }
    assertTrue(
        onlyLogLine().get("notes").toString().contains("incomplete request"), logged::toString);
  }

  @Test
  void connectionClosedBeforeAnyByte_isNotARequest() throws IOException {
    try (Socket socket = connect()) {
      socket.shutdownOutput();
      assertEquals(-1, socket.getInputStream().read());
    }
    assertEquals(List.of(), logged);
  }

  @Test
  void handlerFailure_getsTheGatewaysIntegrationFailureAnswerAndAnErrorLogLine() {
    handler.set(
        event -> {
          throw new IllegalArgumentException("Illegal base64 character 2d");
        });

    Response response = exchange("GET /nic/update HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    assertGatewayAnswer(502, "911\n", response);
    assertEquals(2, logged.size(), logged::toString);
    @SuppressWarnings("unchecked")
    Map<String, Object> line = (Map<String, Object>) Json.parse(logged.get(1));
    assertEquals("ERROR", line.get("level"));
    assertEquals(IllegalArgumentException.class.getName(), line.get("error"));
    assertFalse(
        logged.get(1).contains("base64 character"), "exception messages may quote the request");
  }

  @ParameterizedTest
  @ValueSource(classes = {StackOverflowError.class, OutOfMemoryError.class, AssertionError.class})
  void errorWhileServing_getsServerErrorOneLogLineAndAClosedSocket(Class<? extends Error> type) {
    handler.set(
        event -> {
          if (type == StackOverflowError.class) {
            // As a parser recursing into 4,000 '[' does.
            return GOOD.apply(event).withStatusCode(nest(0));
          }
          throw type == OutOfMemoryError.class
              ? new OutOfMemoryError("secret detail from the request")
              : new AssertionError((Object) "secret detail from the request");
        });

    // exchange() reads to the end of the stream: a socket left open fails it after 30 s.
    Response response = exchange("GET /nic/update HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    assertEquals("HTTP/1.1 500 Internal Server Error", response.statusLine(), response.raw());
    assertGatewayAnswer(500, "911\n", response);
    assertFalse(response.raw().contains("secret detail"), response.raw());
    assertFalse(response.raw().contains(type.getSimpleName()), response.raw());
    assertFalse(response.raw().contains("\tat "), "no stack trace");
    assertEquals(2, logged.size(), logged::toString);
    @SuppressWarnings("unchecked")
    Map<String, Object> line = (Map<String, Object>) Json.parse(logged.get(1));
    assertEquals("ERROR", line.get("level"));
    assertEquals(type.getName(), line.get("error"));
    assertEquals("500", line.get("status").toString());
    assertFalse(logged.get(1).contains("secret detail"), logged::toString);
    assertTrue(line.get("notes").toString().contains(type.getSimpleName()), logged::toString);

    handler.set(GOOD);
    assertEquals(200, exchange("GET /nic/update HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").status());
  }

  private static int nest(int depth) {
    return nest(depth + 1) + 1;
  }

  @ParameterizedTest
  @ValueSource(ints = {409, 429, 503, 201})
  void handlerStatus_goesOutWithItsOwnReasonPhrase(int status) {
    handler.set(event -> GOOD.apply(event).withStatusCode(status));

    Response response = exchange("GET /nic/update HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    assertEquals(
        "HTTP/1.1 " + status + " " + ResponseWriter.reasonPhrase(status),
        response.statusLine(),
        response.raw());
    assertFalse(response.statusLine().contains("Client Error"), response.raw());
    assertFalse(ResponseWriter.reasonPhrase(status).isEmpty());
  }

  @Test
  void logLine_neverHoldsCredentialsOrTheQueryString() {
    String authorization =
        "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString("alice:s3cret-pw".getBytes(StandardCharsets.UTF_8));

    Response response =
        exchange(
            "GET /nic/update?user=alice&password=s3cret-pw&myip=%zz HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: "
                + authorization
                + "\r\n\r\n");

    assertEquals(400, response.status());
    String line = String.join("\n", logged);
    assertFalse(line.contains("s3cret-pw"), line);
    assertFalse(line.contains(authorization.substring(6)), line);
    assertFalse(response.raw().contains("s3cret-pw"), response.raw());
  }

  @Test
  void logLine_boundsWhatTheClientControls() {
    String userAgent = "u".repeat(5_000);
    String path = "/" + "p".repeat(3_000);

    exchange(
        "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: " + userAgent + "\r\n\r\n");

    Map<String, Object> line = onlyLogLine();
    String loggedAgent = line.get("userAgent").toString();
    String loggedPath = line.get("path").toString();
    assertTrue(
        loggedAgent.length() < 300 && loggedAgent.endsWith("…(truncated, 5000 chars)"),
        loggedAgent);
    assertTrue(
        loggedPath.length() < 300 && loggedPath.endsWith("…(truncated, 3001 chars)"), loggedPath);
  }

  @Test
  void stop_refusesNewConnectionsAndLetsRequestsInProgressFinish() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    handler.set(
        event -> {
          entered.countDown();
          await(releaseHandler);
          return GOOD.apply(event);
        });
    CompletableFuture<Response> inProgress =
        CompletableFuture.supplyAsync(
            () ->
                exchange(
                    "GET /nic/update?hostname=a.example.com HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
    await(entered);

    server.stopAccepting();

    assertThrows(ConnectException.class, this::connect);
    assertEquals(1, server.requestsInProgress());
    releaseHandler.countDown();
    assertTrue(server.awaitRequests(Duration.ofSeconds(30)));
    Response response = inProgress.get();
    assertEquals(200, response.status(), response.raw());
    assertEquals("good 203.0.113.7\n", response.body());
  }

  @Test
  void stop_answersRequestsStillRunningAfterTheBudgetLikeAnIntegrationTimeout() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    handler.set(
        event -> {
          entered.countDown();
          await(releaseHandler);
          return GOOD.apply(event);
        });
    CompletableFuture<Response> inProgress =
        CompletableFuture.supplyAsync(
            () ->
                exchange(
                    "GET /nic/update?hostname=a.example.com HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "User-Agent: ddclient/3.10.0\r\n\r\n"));
    await(entered);

    server.stopAccepting();
    boolean allFinished = server.awaitRequests(Duration.ofMillis(50));

    assertFalse(allFinished);
    Response response = inProgress.get();
    assertGatewayAnswer(504, "911\n", response);
    assertEquals("HTTP/1.1 504 Gateway Timeout", response.statusLine());
    List<Map<String, Object>> lines = new ArrayList<>();
    for (String line : logged) {
      @SuppressWarnings("unchecked")
      Map<String, Object> fields = (Map<String, Object>) Json.parse(line);
      if (!"handler".equals(fields.get("by"))) {
        lines.add(fields);
      }
    }
    assertEquals(1, lines.size(), logged::toString);
    assertEquals("504", lines.get(0).get("status").toString());
    assertEquals("ERROR", lines.get(0).get("level"));
    assertEquals("ddclient/3.10.0", lines.get(0).get("userAgent"));
  }

  @Test
  void reasonPhrases_coverEveryStatusTheServiceAndGatewayAnswer() {
    Map<Integer, String> expected = new LinkedHashMap<>();
    expected.put(100, "Continue");
    expected.put(409, "Conflict");
    expected.put(429, "Too Many Requests");
    expected.put(505, "HTTP Version Not Supported");
    expected.put(200, "OK");
    expected.put(400, "Bad Request");
    expected.put(401, "Unauthorized");
    expected.put(403, "Forbidden");
    expected.put(404, "Not Found");
    expected.put(500, "Internal Server Error");
    expected.put(502, "Bad Gateway");
    expected.put(503, "Service Unavailable");
    expected.put(504, "Gateway Timeout");
    expected.forEach((status, phrase) -> assertEquals(phrase, ResponseWriter.reasonPhrase(status)));
    // No made-up phrase for a status HTTP does not define.
    assertEquals("", ResponseWriter.reasonPhrase(299));
    for (dev.dyndns53.http.GatewayAnswer answer : dev.dyndns53.http.GatewayAnswer.values()) {
      assertTrue(expected.containsKey(answer.status()), answer.name().toLowerCase(Locale.ROOT));
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new IllegalStateException("waited 30 s for the request to reach the handler");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
