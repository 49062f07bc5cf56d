package dev.dyndns53.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.testing.EndpointProcess;
import dev.dyndns53.testing.MotoServer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.route53.model.ResourceRecord;

/**
 * The real endpoint behind a TLS proxy on the same machine ({@code --trusted-proxies 127.0.0.1}),
 * over moto: checkip and an update without {@code myip} see the client the proxy names in {@code
 * X-Forwarded-For}. A peer that is not the proxy (127.0.0.2, routed over loopback too) is its own
 * client whatever its header says.
 */
class LocalEndpointTrustedProxyIT {
  private static final String PASSWORD = "TrustedProxyPassword-0123456789ab";
  private static final String UPDATE_WITHOUT_MYIP =
      "GET /v1/nic/update?hostname=home.example.com HTTP/1.1\r\nHost: dyn.example.net\r\n";

  private static MotoServer moto;
  private static String zoneId;
  private static EndpointProcess endpoint;

  @BeforeAll
  static void start(@TempDir Path directory) throws Exception {
    moto = MotoServer.start();
    zoneId = moto.createHostedZone("example.com");
    moto.createSecret("dyndns53/Dyndns53/router", "router", PASSWORD);
    Path config = directory.resolve("dyndns53.json");
    Files.writeString(
        config,
        """
        {"hosts": {"home.example.com": {"zoneId": "%s"}},
         "users": {"router": {"hosts": ["home.example.com"]}}}
        """
            .formatted(zoneId));
    endpoint =
        EndpointProcess.start(
            directory,
            config,
            moto.endpoint().toString(),
            List.of(),
            "--trusted-proxies",
            "127.0.0.1");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (endpoint != null) {
      endpoint.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  private static RawHttp.Response send(String from, String request) throws Exception {
    return RawHttp.exchange(InetAddress.getByName(from), endpoint.port(), request + "\r\n");
  }

  private static String authorization() {
    return "Authorization: Basic "
        + Base64.getEncoder()
            .encodeToString(("router:" + PASSWORD).getBytes(StandardCharsets.UTF_8))
        + "\r\n";
  }

  private List<String> addressesInRoute53() {
    return moto.recordSets(zoneId, "home.example.com.").stream()
        .filter(set -> set.typeAsString().equals("A"))
        .flatMap(set -> set.resourceRecords().stream())
        .map(ResourceRecord::value)
        .toList();
  }

  @Test
  void behindTheTrustedProxy_checkipAndAnUpdateWithoutMyipSeeTheClient() throws Exception {
    RawHttp.Response checkip =
        send(
            "127.0.0.1",
            "GET /v1/checkip HTTP/1.1\r\nHost: dyn.example.net\r\n"
                + "X-Forwarded-For: 198.51.100.250, 203.0.113.44\r\n");
    assertEquals(200, checkip.status(), checkip.raw());
    assertTrue(checkip.body().contains("Current IP Address: 203.0.113.44"), checkip.raw());

    RawHttp.Response update =
        send(
            "127.0.0.1",
            UPDATE_WITHOUT_MYIP + authorization() + "X-Forwarded-For: 203.0.113.44\r\n");
    assertEquals("good 203.0.113.44\n", update.body(), update.raw() + endpoint.output());
    assertEquals(List.of("203.0.113.44"), addressesInRoute53());
  }

  @Test
  void fromAPeerThatIsNotTheProxy_theHeaderIsIgnored() throws Exception {
    RawHttp.Response checkip =
        send(
            "127.0.0.2",
            "GET /v1/checkip HTTP/1.1\r\nHost: dyn.example.net\r\n"
                + "X-Forwarded-For: 203.0.113.66\r\n");
    assertEquals(200, checkip.status(), checkip.raw());
    assertTrue(checkip.body().contains("Current IP Address: 127.0.0.2"), checkip.raw());

    RawHttp.Response update =
        send(
            "127.0.0.2",
            UPDATE_WITHOUT_MYIP + authorization() + "X-Forwarded-For: 203.0.113.66\r\n");
    assertNotEquals("good 203.0.113.66\n", update.body(), update.raw());
    assertTrue(!addressesInRoute53().contains("203.0.113.66"), endpoint::output);
  }

  @Test
  void malformedHeaderFromTheProxy_isNotedAndThePeerIsTheClient() throws Exception {
    RawHttp.Response checkip =
        send(
            "127.0.0.1",
            "GET /v1/checkip HTTP/1.1\r\nHost: dyn.example.net\r\nX-Forwarded-For: unknown\r\n");

    assertTrue(checkip.body().contains("Current IP Address: 127.0.0.1"), checkip.raw());
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!endpoint.output().contains("is not an IP address") && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(
        endpoint.output().contains("X-Forwarded-For from trusted proxy 127.0.0.1 has an entry"),
        endpoint::output);
  }
}
