package dev.dyndns53.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cap on open connections and the configurable timeouts, over raw sockets. */
class LocalServerLimitsTest {
  private static final String GET =
      "GET /nic/update?hostname=a.example.com HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

  private final List<String> logged = new CopyOnWriteArrayList<>();
  private final List<Socket> idle = new ArrayList<>();
  private LocalServer server;

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : idle) {
      socket.close();
    }
    if (server != null) {
      server.stopAccepting();
      server.awaitRequests(Duration.ofSeconds(5));
    }
  }

  private void start(ServerSettings settings) throws IOException {
    server =
        LocalServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            "v1",
            event ->
                new APIGatewayProxyResponseEvent()
                    .withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", "text/plain; charset=utf-8"))
                    .withBody("good 203.0.113.7\n"),
            logged::add,
            settings);
  }

  private Socket openIdle() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort());
    socket.setSoTimeout(30_000);
    idle.add(socket);
    return socket;
  }

  @Test
  void connectionPastTheCap_getsServiceUnavailableWithRetryAfterAndALogLine() throws Exception {
    start(ServerSettings.DEFAULT.withMaxConnections(2).withIdleTimeout(Duration.ofSeconds(30)));
    openIdle();
    Socket second = openIdle();
    waitFor(() -> server.requestsInProgress() == 2, "two connections open");

    RawHttp.Response refused = RawHttp.exchange(server.address().getPort(), GET);

    assertEquals("HTTP/1.1 503 Service Unavailable", refused.statusLine(), refused.raw());
    assertEquals("911\n", refused.body());
    assertEquals("30", refused.header("Retry-After"), refused.raw());
    assertEquals("text/plain; charset=utf-8", refused.header("Content-Type"));
    assertEquals(1, logged.size(), logged::toString);
    Map<?, ?> line = (Map<?, ?>) Json.parse(logged.get(0));
    assertEquals("503", line.get("status").toString());
    assertEquals("127.0.0.1", line.get("source"));
    assertTrue(line.get("notes").toString().contains("--max-connections (2)"), line::toString);

    // A connection that ends frees its place for the next client.
    second.close();
    waitFor(() -> server.requestsInProgress() == 1, "the closed connection to be let go");
    RawHttp.Response served = RawHttp.exchange(server.address().getPort(), GET);
    assertEquals(200, served.status(), served.raw());
  }

  @Test
  void idleTimeout_isTheConfiguredOne() throws Exception {
    start(ServerSettings.DEFAULT.withIdleTimeout(Duration.ofMillis(300)));
    Socket socket = openIdle();
    socket
        .getOutputStream()
        .write("GET /nic/update HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));

    long started = System.nanoTime();
    RawHttp.Response response = RawHttp.read(socket.getInputStream());

    assertEquals(400, response.status(), response.raw());
    // Well below the default 10 s: the setting, not the default, cut the silent client.
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 8);
    assertTrue(logged.get(0).contains("incomplete request"), logged::toString);
  }

  @Test
  void requestTimeout_cutsAClientThatDripsBytesUnderTheIdleTimeout() throws Exception {
    start(
        ServerSettings.DEFAULT
            .withIdleTimeout(Duration.ofSeconds(5))
            .withRequestTimeout(Duration.ofSeconds(1)));
    Socket socket = openIdle();
    Thread dripper =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    for (int i = 0; i < 100; i++) {
                      socket.getOutputStream().write('X');
                      Thread.sleep(200);
                    }
                  } catch (IOException | InterruptedException stopped) {
                    // The server cut it, as it should.
                  }
                });

    RawHttp.Response response = RawHttp.read(socket.getInputStream());

    assertEquals(400, response.status(), response.raw());
    assertTrue(logged.get(0).contains("1 s in all"), logged::toString);
    dripper.interrupt();
  }

  @Test
  void silentConnectionsBeyondTheIdleTimeout_areClosedWithoutALogLine() throws Exception {
    start(ServerSettings.DEFAULT.withIdleTimeout(Duration.ofSeconds(2)).withMaxConnections(3));
    for (int i = 0; i < 3; i++) {
      openIdle();
    }
    waitFor(() -> server.requestsInProgress() == 3, "three connections open");
    waitFor(() -> server.requestsInProgress() == 0, "silent connections to be let go");

    assertEquals(200, RawHttp.exchange(server.address().getPort(), GET).status());
    assertEquals(List.of(), logged);
  }

  @Test
  void stop_closesSilentConnectionsAtOnceAndWaitsForRequestsStarted() throws Exception {
    start(ServerSettings.DEFAULT.withIdleTimeout(Duration.ofSeconds(60)));
    for (int i = 0; i < 50; i++) {
      openIdle();
    }
    Socket started = openIdle();
    started
        .getOutputStream()
        .write("GET /nic/update HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
    waitFor(() -> server.requestsInProgress() == 51, "51 connections open");
    Thread.sleep(200);

    server.stopAccepting();
    long began = System.nanoTime();
    Thread finisher =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    Thread.sleep(500);
                    started
                        .getOutputStream()
                        .write("Host: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                  } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                });
    boolean allFinished = server.awaitRequests(Duration.ofSeconds(30));

    assertTrue(allFinished);
    // Neither the 60 s idle timeout nor the 30 s budget was waited out for the silent ones.
    assertTrue(Duration.ofNanos(System.nanoTime() - began).toSeconds() < 20);
    assertEquals(200, RawHttp.read(started.getInputStream()).status());
    assertEquals(-1, idle.get(0).getInputStream().read());
    finisher.join();
    assertEquals(List.of(), logged);
  }

  private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited 20 s for " + what);
      }
      Thread.sleep(20);
    }
  }
}
