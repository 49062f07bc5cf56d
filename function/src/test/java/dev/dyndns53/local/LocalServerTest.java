package dev.dyndns53.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The local endpoint's HTTP behaviour, over raw sockets, as the clients in the field see it. */
class LocalServerTest {
  private final AtomicReference<APIGatewayProxyRequestEvent> seen = new AtomicReference<>();
  private final LocalServer server;

  LocalServerTest() throws IOException {
    server = LocalServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "v1", event -> {
      seen.set(event);
      return new APIGatewayProxyResponseEvent()
          .withStatusCode(200)
          .withHeaders(Map.of("Content-Type", "text/plain; charset=utf-8"))
          .withBody("good 203.0.113.7\n");
    });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Sends raw bytes and reads until the server closes the connection (or 5 s pass). */
  private String exchange(String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      in.transferTo(received);
      return received.toString(StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP/1.1", "HTTP/1.0"})
  void answer_hasReasonPhraseContentLengthAndClosesTheConnection(String version) throws IOException {
    String response = exchange("GET /nic/update?hostname=home.example.com " + version + "\r\n"
        + "Host: 127.0.0.1:8053\r\nUser-Agent: ddclient/3.10.0\r\n\r\n");

    assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
    assertTrue(response.toLowerCase().contains("\r\ncontent-length: 17\r\n"), response);
    assertFalse(response.toLowerCase().contains("transfer-encoding"), response);
    assertTrue(response.endsWith("\r\n\r\ngood 203.0.113.7\n"), response);
  }

  @Test
  void request_becomesTheProxyEventApiGatewayWouldSend() throws IOException {
    exchange("GET /v1/nic/update?system=dyndns&hostname=a.example.com,b.example.com&myip=2001%3adb8%3a%3a7"
        + "&myip=x HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: Basic Og==\r\n\r\n");

    APIGatewayProxyRequestEvent event = seen.get();
    assertEquals("GET", event.getHttpMethod());
    assertEquals("/nic/update", event.getResource());
    assertEquals(List.of("a.example.com,b.example.com"), event.getMultiValueQueryStringParameters().get("hostname"));
    assertEquals(List.of("2001:db8::7", "x"), event.getMultiValueQueryStringParameters().get("myip"));
    assertEquals("x", event.getQueryStringParameters().get("myip"));
    assertEquals("127.0.0.1", event.getRequestContext().getIdentity().getSourceIp());
    assertEquals("v1", event.getRequestContext().getStage());
    assertTrue(event.getHeaders().entrySet().stream()
        .anyMatch(h -> h.getKey().equalsIgnoreCase("Authorization") && h.getValue().equals("Basic Og==")));
  }

  @Test
  void unescapedValues_arePassedAsSent() throws IOException {
    exchange("GET /nic/update?hostname=home.example.com&myip=203.0.113.7,2001:db8:1:2::/64&y=a+b "
        + "HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    Map<String, List<String>> query = seen.get().getMultiValueQueryStringParameters();
    assertEquals(List.of("203.0.113.7,2001:db8:1:2::/64"), query.get("myip"));
    assertEquals(List.of("a+b"), query.get("y"));
  }

  @Test
  void post_passesTheFormBody() throws IOException {
    String body = "hostname=home.example.com&myip=203.0.113.7";
    exchange("POST /nic/update HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: " + body.length() + "\r\n\r\n" + body);

    assertEquals(body, seen.get().getBody());
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET / HTTP/1.1", "GET /update HTTP/1.1", "GET /v2/nic/update HTTP/1.1",
      "PUT /nic/update HTTP/1.1", "DELETE /v1/nic/update HTTP/1.1"})
  void otherPathsAndMethods_getTheGatewaysUnknownPathAnswer(String requestLine) throws IOException {
    String response = exchange(requestLine + "\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");

    assertTrue(response.startsWith("HTTP/1.1 404 Not Found\r\n"), response);
    assertTrue(response.endsWith("\r\n\r\nbadagent\n"), response);
  }

  @Test
  void oversizedBody_isRefused() throws IOException {
    String body = "x".repeat(LocalServer.MAX_BODY_BYTES + 1);
    String response = exchange("POST /nic/update HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
        + body.length() + "\r\n\r\n" + body);

    assertTrue(response.startsWith("HTTP/1.1 400 Bad Request\r\n"), response);
  }
}
