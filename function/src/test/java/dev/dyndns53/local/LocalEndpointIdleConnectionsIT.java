package dev.dyndns53.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.testing.EndpointProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real endpoint with 200 connections held open by clients that never finish a request (half of
 * them silent, half sending a byte every two seconds, as a slow-loris attack does): a real HTTP
 * client still gets every answer, and the process's memory and descriptors stay bounded. The heap
 * is capped at 64 MB, so an answer that needs more fails the test rather than grows the process.
 */
class LocalEndpointIdleConnectionsIT {
  private static final int IDLE_CONNECTIONS = 200;

  /** Far more than 200 connections' worth (a virtual thread and a 4 KB buffer each). */
  private static final long RSS_GROWTH_BOUND_KB = 64 * 1024;

  @TempDir Path directory;

  @Test
  void manyIdleConnections_leaveARealClientServedAndMemoryBounded() throws Exception {
    Path config = directory.resolve("dyndns53.json");
    Files.writeString(
        config,
        "{\"hosts\": {\"home.example.com\": {\"zoneId\": \"Z1\"}},"
            + " \"users\": {\"router\": {\"hosts\": [\"home.example.com\"]}}}");
    // No AWS call is made: /checkip needs none. The endpoint points at a port where nothing
    // listens.
    try (EndpointProcess endpoint =
        EndpointProcess.start(
            directory,
            config,
            "http://127.0.0.1:9",
            List.of("-Xmx64m"),
            // Long enough that no idle connection is cut while the test measures.
            "--idle-timeout",
            "60",
            "--request-timeout",
            "120")) {
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      URI checkip = URI.create("http://127.0.0.1:" + endpoint.port() + "/checkip");
      for (int i = 0; i < 5; i++) {
        assertCheckipAnswers(client, checkip);
      }
      long rssBefore = endpoint.residentKilobytes();
      long descriptorsBefore = endpoint.openDescriptors();

      List<Socket> idle = new ArrayList<>();
      Thread dripper = null;
      try {
        for (int i = 0; i < IDLE_CONNECTIONS; i++) {
          Socket socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.port());
          if (i % 2 == 1) {
            socket.getOutputStream().write("GET /nic/update?hostname=".getBytes());
          }
          idle.add(socket);
        }
        List<Socket> dripping = idle.stream().filter(s -> idle.indexOf(s) % 2 == 1).toList();
        dripper =
            Thread.ofVirtual()
                .start(
                    () -> {
                      try {
                        while (!Thread.currentThread().isInterrupted()) {
                          for (Socket socket : dripping) {
                            socket.getOutputStream().write('a');
                          }
                          Thread.sleep(2_000);
                        }
                      } catch (IOException | InterruptedException stopped) {
                        // The test is over.
                      }
                    });

        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
          assertCheckipAnswers(client, checkip);
        }
        Thread.sleep(5_000 - Math.min(5_000, (System.nanoTime() - started) / 1_000_000));
        for (int i = 0; i < 5; i++) {
          assertCheckipAnswers(client, checkip);
        }

        long rssDuring = endpoint.residentKilobytes();
        long descriptorsDuring = endpoint.openDescriptors();
        System.out.printf(
            "idle connections: %d; endpoint RSS %d kB before, %d kB with them open (+%d kB);"
                + " descriptors %d before, %d with them open%n",
            IDLE_CONNECTIONS,
            rssBefore,
            rssDuring,
            rssDuring - rssBefore,
            descriptorsBefore,
            descriptorsDuring);
        assertTrue(
            descriptorsDuring >= descriptorsBefore + IDLE_CONNECTIONS,
            "the idle connections were all accepted and held: " + descriptorsDuring);
        assertTrue(
            rssDuring - rssBefore < RSS_GROWTH_BOUND_KB,
            "RSS grew by " + (rssDuring - rssBefore) + " kB");
      } finally {
        if (dripper != null) {
          dripper.interrupt();
        }
        for (Socket socket : idle) {
          socket.close();
        }
      }

      // The endpoint lets go of every connection its clients closed.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (endpoint.openDescriptors() > descriptorsBefore + 10 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      long descriptorsAfter = endpoint.openDescriptors();
      System.out.printf(
          "descriptors after the idle clients closed: %d; RSS %d kB%n",
          descriptorsAfter, endpoint.residentKilobytes());
      assertTrue(descriptorsAfter <= descriptorsBefore + 10, "descriptors: " + descriptorsAfter);
      assertCheckipAnswers(client, checkip);
      assertTrue(endpoint.isAlive());
      assertTrue(!endpoint.output().contains("\tat "), "no stack trace: " + endpoint.output());
      assertTrue(!endpoint.output().contains("OutOfMemoryError"), endpoint::output);
    }
  }

  private static void assertCheckipAnswers(HttpClient client, URI checkip) throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(checkip).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response::body);
    assertTrue(response.body().contains("Current IP Address: 127.0.0.1"), response::body);
  }
}
