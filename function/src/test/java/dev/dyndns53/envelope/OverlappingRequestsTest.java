package dev.dyndns53.envelope;

import static dev.dyndns53.testing.AwsWireStandIn.Operation.ROUTE53_CHANGE_RESOURCE_RECORD_SETS;
import static dev.dyndns53.testing.AwsWireStandIn.Operation.ROUTE53_LIST_RESOURCE_RECORD_SETS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dyndns53.Dyndns53;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.fakes.InMemoryCredentialStore;
import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.http.HttpRequest;
import dev.dyndns53.json.Json;
import dev.dyndns53.records.Route53RecordStore;
import dev.dyndns53.testing.AwsWireStandIn;
import dev.dyndns53.testing.AwsWireStandIn.Reply;
import dev.dyndns53.testing.Route53WireXml;
import dev.dyndns53.testing.TestBudgets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two requests for different endpoints overlapping in one execution environment, over a real SDK
 * client and the stand-in serving Route 53's wire format: each log line counts its own request's
 * Route 53 calls, not the calls that happened in the process meanwhile.
 */
class OverlappingRequestsTest {
  @RegisterExtension static final AwsWireStandIn standIn = new AwsWireStandIn();

  private static final Dyndns53Config CONFIG =
      ConfigParser.parse(
          "test.json",
          """
          {"hosts": {"home.example.com": {"zoneId": "Z1EXAMPLE000000000001", "acme": true}},
           "users": {"alice": {"hosts": ["home.example.com"]}}}
          """);

  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  @Test
  @Timeout(30)
  void acmeAndUpdate_overlapping_eachLogsOnlyItsOwnRoute53Calls() throws Exception {
    // The ACME request's read is held for a second; the update reads and writes meanwhile.
    standIn.enqueue(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.delayed(Duration.ofSeconds(1), Reply.xml(200, Route53WireXml.listResponse())),
        Reply.xml(200, Route53WireXml.listResponse()));
    standIn.enqueue(
        ROUTE53_CHANGE_RESOURCE_RECORD_SETS,
        Reply.wire("route53-ChangeResourceRecordSets.response.xml"),
        Reply.wire("route53-ChangeResourceRecordSets.response.xml"));
    InMemoryCredentialStore credentials = new InMemoryCredentialStore();
    credentials.passwords.put("alice", "alice-password");
    Envelope envelope =
        Dyndns53.of(
                CONFIG,
                credentials,
                new Route53RecordStore(standIn.route53(TestBudgets.FAST_RETRIES)),
                Clock.systemUTC(),
                log::add)
            .envelope();

    CompletableFuture<HttpAnswer> acme =
        CompletableFuture.supplyAsync(
            () ->
                envelope.handle(
                    request(
                        "POST",
                        "/acme/present",
                        Map.of(),
                        "{\"fqdn\":\"_acme-challenge.home.example.com.\",\"value\":\""
                            + "v".repeat(43)
                            + "\"}")));
    while (standIn.requests(ROUTE53_LIST_RESOURCE_RECORD_SETS).isEmpty()) {
      Thread.sleep(5);
    }
    HttpAnswer update =
        envelope.handle(
            request(
                "GET",
                "/nic/update",
                Map.of("hostname", List.of("home.example.com"), "myip", List.of("203.0.113.7")),
                null));

    assertEquals("good 203.0.113.7\n", update.body());
    assertEquals(200, acme.get().status(), acme.get().body());
    assertEquals(4, standIn.requests().size(), "two calls each");
    assertEquals(Map.of("update", 2L, "acme/present", 2L), callsByEndpoint());
  }

  private Map<String, Long> callsByEndpoint() {
    Map<String, Long> out = new java.util.TreeMap<>();
    for (String line : log) {
      @SuppressWarnings("unchecked")
      Map<String, Object> fields = (Map<String, Object>) Json.parse(line);
      out.put((String) fields.get("endpoint"), ((Number) fields.get("route53Calls")).longValue());
    }
    return out;
  }

  private static HttpRequest request(
      String method, String path, Map<String, List<String>> parameters, String body) {
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("alice:alice-password".getBytes(StandardCharsets.UTF_8));
    return new HttpRequest(
        method,
        path,
        Map.of("Authorization", auth, "User-Agent", "test/1.0"),
        parameters,
        body,
        "198.51.100.1",
        "req-" + path,
        List.of());
  }
}
