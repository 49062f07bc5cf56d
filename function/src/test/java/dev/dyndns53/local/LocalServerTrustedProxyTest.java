package dev.dyndns53.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The source address the handler gets behind a trusted proxy (127.0.0.1 here) and from anyone else
 * (127.0.0.2, which Linux routes over loopback like 127.0.0.1).
 */
class LocalServerTrustedProxyTest {
  private final AtomicReference<APIGatewayProxyRequestEvent> seen = new AtomicReference<>();
  private final List<String> logged = new CopyOnWriteArrayList<>();
  private final LocalServer server;

  LocalServerTrustedProxyTest() throws IOException {
    server =
        LocalServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            "v1",
            event -> {
              seen.set(event);
              return new APIGatewayProxyResponseEvent()
                  .withStatusCode(200)
                  .withHeaders(Map.of("Content-Type", "text/plain; charset=utf-8"))
                  .withBody("good\n");
            },
            logged::add,
            ServerSettings.DEFAULT.withTrustedProxies(TrustedProxies.parse("127.0.0.1")));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String sourceSeenFor(InetAddress from, String... headers) {
    RawHttp.Response response =
        RawHttp.exchange(
            from,
            server.address().getPort(),
            "GET /nic/update?hostname=a.example.com HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + String.join("", headers)
                + "\r\n");
    assertEquals(200, response.status(), response.raw());
    return seen.get().getRequestContext().getIdentity().getSourceIp();
  }

  @Test
  void trustedProxy_forwardsTheClientsAddress() throws Exception {
    assertEquals(
        "203.0.113.9",
        sourceSeenFor(
            InetAddress.getByName("127.0.0.1"), "X-Forwarded-For: 198.51.100.1, 203.0.113.9\r\n"));
    assertEquals(List.of(), logged);
  }

  @Test
  void untrustedPeer_isTheClientWhateverItsHeaderSays() throws Exception {
    assertEquals(
        "127.0.0.2",
        sourceSeenFor(InetAddress.getByName("127.0.0.2"), "X-Forwarded-For: 203.0.113.9\r\n"));
    assertEquals(List.of(), logged);
  }

  @Test
  void malformedHeaderFromTheProxy_fallsBackToThePeerAndIsLogged() throws Exception {
    assertEquals(
        "127.0.0.1",
        sourceSeenFor(InetAddress.getByName("127.0.0.1"), "X-Forwarded-For: unknown\r\n"));
    assertEquals(1, logged.size(), logged::toString);
    assertTrue(
        logged
            .get(0)
            .matches(
                "dyndns53: request [0-9a-f-]{36}: X-Forwarded-For from trusted"
                    + " proxy 127\\.0\\.0\\.1 has an entry that is not an IP address.*"),
        logged::toString);
  }

  @Test
  void requestAnsweredByTheServer_logsTheClientAndTheProxy() throws Exception {
    RawHttp.Response response =
        RawHttp.exchange(
            InetAddress.getByName("127.0.0.1"),
            server.address().getPort(),
            "GET /v2/nic/update HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-For: 203.0.113.9\r\n\r\n");

    assertEquals(404, response.status());
    Map<?, ?> line = (Map<?, ?>) Json.parse(logged.get(0));
    assertEquals("203.0.113.9", line.get("source"));
    assertEquals("127.0.0.1", line.get("proxy"));
  }
}
