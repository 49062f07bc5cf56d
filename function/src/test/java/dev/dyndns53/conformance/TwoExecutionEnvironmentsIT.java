package dev.dyndns53.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dyndns53.json.Json;
import dev.dyndns53.testing.MotoServer;
import dev.dyndns53.testing.TestCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Two local endpoints (the real function jar, as docs/local-endpoint.md starts it) over one moto,
 * standing in for two Lambda execution environments: each has its own memory, and both write the
 * same hosted zone. Every answer must be true of what Route 53 holds, whichever environment wrote
 * last; above all, never {@code nochg} for an address Route 53 does not hold, which a router would
 * not resend for weeks.
 *
 * <p>Needs no network namespace: both endpoints and moto listen on loopback only.
 */
class TwoExecutionEnvironmentsIT {
  private static final String ZONE = "example.net";
  private static final String HOST = "flap.example.net";
  private static final String USER = "alice";
  private static final String PASSWORD = "correct-horse-battery-staple";
  private static final List<String> ADDRESSES = List.of("203.0.113.100", "203.0.113.101");
  private static final int ROUNDS = 6;

  private static MotoServer moto;
  private static String zoneId;
  private static EndpointProcess first;
  private static EndpointProcess second;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeAll
  static void startTwoEndpointsOverOneMoto() throws IOException {
    Path directory =
        Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("target")
            .resolve("two-environments");
    Files.createDirectories(directory);
    moto = MotoServer.start();
    zoneId = moto.createHostedZone(ZONE);
    moto.createSecret("dyndns53/Dyndns53/" + USER, USER, PASSWORD);
    Path config = directory.resolve("dyndns53.json");
    Files.writeString(
        config,
        "{\"hosts\": {"
            + Json.quote(HOST)
            + ": {\"zoneId\": "
            + Json.quote(zoneId)
            + "}}, \"users\": {"
            + Json.quote(USER)
            + ": {\"hosts\": ["
            + Json.quote(HOST)
            + "]}}}\n");
    Map<String, String> aws = new LinkedHashMap<>();
    aws.put("AWS_REGION", MotoServer.REGION.id());
    aws.put("AWS_ACCESS_KEY_ID", TestCredentials.ACCESS_KEY_ID);
    aws.put("AWS_SECRET_ACCESS_KEY", TestCredentials.SECRET_ACCESS_KEY);
    aws.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
    first = EndpointProcess.start(functionJar(), config, aws, directory.resolve("endpoint-1.log"));
    second = EndpointProcess.start(functionJar(), config, aws, directory.resolve("endpoint-2.log"));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable closeable : new AutoCloseable[] {first, second, moto}) {
      if (closeable != null) {
        try {
          closeable.close();
        } catch (Exception ignored) {
          // Best effort; the JVM's exit ends whatever is left.
        }
      }
    }
  }

  @Test
  void alternatingWriters_everyAnswerIsTrueOfRoute53_andNochgOnlyForTheHeldAddress() {
    List<String> transcript = new ArrayList<>();
    int nochgAnswers = 0;
    for (int round = 0; round < ROUNDS; round++) {
      // E1 writes one address, E2 the other, then E1 its own again: the request a per-process
      // memory would answer nochg although E2 wrote last. Then each repeats its last request,
      // which Route 53 now holds, so nochg is the true answer there.
      String a = ADDRESSES.get(round % 2);
      String b = ADDRESSES.get((round + 1) % 2);
      nochgAnswers += update(first, "E1", a, transcript);
      nochgAnswers += update(second, "E2", b, transcript);
      nochgAnswers += update(first, "E1", a, transcript);
      nochgAnswers += update(first, "E1", a, transcript);
      nochgAnswers += update(second, "E2", a, transcript);
    }
    // Each round ends with two requests for the address Route 53 already holds; at least the
    // first of them reads Route 53 (cache says "same" or nothing) and must answer nochg.
    assertTrue(
        nochgAnswers >= ROUNDS,
        "nochg answers: " + nochgAnswers + "\n" + String.join("\n", transcript));
  }

  /** Sends one update and checks its answer against moto before and after; 1 when nochg. */
  private static int update(
      EndpointProcess endpoint, String label, String address, List<String> transcript) {
    String before = heldAddress();
    long mark = endpoint.mark();
    HttpResponse<String> response = send(endpoint, address);
    String after = heldAddress();
    String answer = response.body().strip();
    transcript.add(
        label
            + " myip="
            + address
            + " (Route 53 held "
            + before
            + ") -> "
            + response.statusCode()
            + " "
            + answer
            + " (Route 53 holds "
            + after
            + ")");
    String context = String.join("\n", transcript) + "\nlog: " + endpoint.linesSince(mark);
    assertEquals(200, response.statusCode(), context);
    assertEquals(address, after, "Route 53 must hold the address the answer reports\n" + context);
    if (answer.equals("nochg " + address)) {
      assertEquals(address, before, "nochg although Route 53 held another address\n" + context);
      return 1;
    }
    if (!answer.equals("good " + address)) {
      fail("unexpected answer\n" + context);
    }
    return 0;
  }

  private static String heldAddress() {
    List<ResourceRecordSet> sets =
        moto.recordSets(zoneId, HOST).stream()
            .filter(set -> set.typeAsString().equals("A"))
            .toList();
    if (sets.isEmpty()) {
      return "(none)";
    }
    assertEquals(1, sets.size(), "one A record set: " + sets);
    assertEquals(1, sets.get(0).resourceRecords().size(), "one address: " + sets);
    return sets.get(0).resourceRecords().get(0).value();
  }

  private static HttpResponse<String> send(EndpointProcess endpoint, String address) {
    URI uri =
        URI.create(
            "http://127.0.0.1:"
                + endpoint.port()
                + "/nic/update?hostname="
                + HOST
                + "&myip="
                + address);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", RawHttp.basic(USER, PASSWORD))
            .header("User-Agent", "dyndns53-test/1.0")
            .GET()
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("no answer from the endpoint on port " + endpoint.port(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Path functionJar() {
    String jar = System.getProperty("dyndns53.functionJar");
    if (jar == null) {
      throw new IllegalStateException(
          "dyndns53.functionJar is not set; this IT runs in failsafe's"
              + " default execution of function/pom.xml, which sets it to the jar 'package' builds");
    }
    return Path.of(jar);
  }
}
