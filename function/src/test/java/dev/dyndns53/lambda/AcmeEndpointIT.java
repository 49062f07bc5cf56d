package dev.dyndns53.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.Dyndns53;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.credentials.SecretsManagerCredentialStore;
import dev.dyndns53.records.Route53RecordStore;
import dev.dyndns53.testing.MotoServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The ACME endpoint end to end on the real SDK clients against moto: what Route 53 holds at the
 * challenge name after each call, in its wire spelling.
 */
class AcmeEndpointIT {
  @RegisterExtension static final MotoServer moto = new MotoServer();

  private static final String PREFIX = "dyndns53/Test/";
  private static final String PASSWORD = "Xq7fTz2LmN9pRs4VwY6bCd8eGh3jKk5M";
  private static final String NAME = "_acme-challenge.home.example.com";
  private static final String VALUE = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0";
  private static final String OTHER = "Ar1gX5v4Qf0v1c0b2m3n4b5v6c7x8z9l0k1j2h3g4f5";

  private final List<String> log = new ArrayList<>();
  private String zone;
  private Route53RecordStore route53;
  private UpdateHandler handler;

  @BeforeEach
  void deploy() {
    zone = moto.createHostedZone("example.com");
    moto.createSecret(PREFIX + "alice", "alice", PASSWORD);
    route53 = new Route53RecordStore(moto.route53());
    handler =
        new UpdateHandler(
            Dyndns53.of(
                    ConfigParser.parse(
                        "it.json",
                        """
            {"hosts": {"home.example.com": {"zoneId": "%s", "acme": true}},
             "users": {"alice": {"hosts": ["home.example.com"]}}}
            """
                            .formatted(zone)),
                    new SecretsManagerCredentialStore(moto.secretsManager(), PREFIX),
                    route53,
                    Clock.systemUTC(),
                    log::add)
                .envelope());
  }

  private APIGatewayProxyResponseEvent post(String path, String value) {
    return handler.handleRequest(
        ProxyEventBuilder.get()
            .method("POST")
            .path(path)
            .basicAuth("alice", PASSWORD)
            .header("Content-Type", "application/json")
            .body("{\"fqdn\":\"" + NAME + ".\",\"value\":\"" + value + "\"}\n")
            .build(),
        null);
  }

  /** What moto holds at a name: type → "ttl value|value". */
  private Map<String, String> records(String name) {
    Map<String, String> out = new TreeMap<>();
    for (ResourceRecordSet set : moto.recordSets(zone, name)) {
      out.put(
          set.typeAsString(),
          set.ttl()
              + " "
              + String.join(
                  "|", set.resourceRecords().stream().map(ResourceRecord::value).toList()));
    }
    return out;
  }

  @Test
  void presentTwiceThenCleanupTwice_addsBothValuesAndRemovesTheSetAtTheEnd() {
    assertEquals(200, post("/acme/present", VALUE).getStatusCode());
    assertEquals(Map.of("TXT", "60 \"dyndns53-acme-challenge\"|\"" + VALUE + "\""), records(NAME));
    assertEquals(2, route53.callCount(), "one read, one write");

    assertEquals(200, post("/v1/acme/present", OTHER).getStatusCode());
    assertEquals(
        Map.of("TXT", "60 \"dyndns53-acme-challenge\"|\"" + VALUE + "\"|\"" + OTHER + "\""),
        records(NAME));

    assertEquals(200, post("/acme/cleanup", VALUE).getStatusCode());
    assertEquals(Map.of("TXT", "60 \"dyndns53-acme-challenge\"|\"" + OTHER + "\""), records(NAME));

    assertEquals(200, post("/acme/cleanup", OTHER).getStatusCode());
    assertEquals(Map.of(), records(NAME));
  }

  @Test
  void hostRecordsAndOtherTxtNames_areUntouched() {
    moto.upsertRecordSet(zone, "home.example.com.", "A", 60, "203.0.113.7");
    moto.upsertRecordSet(zone, "home.example.com.", "TXT", 300, "\"v=spf1 -all\"");

    post("/acme/present", VALUE);
    post("/acme/cleanup", VALUE);

    assertEquals(
        Map.of("A", "60 203.0.113.7", "TXT", "300 \"v=spf1 -all\""), records("home.example.com"));
  }

  @Test
  void txtSetAtTheChallengeNameNotCreatedByDyndns53_is409_andLeftAlone() {
    moto.upsertRecordSet(zone, NAME + ".", "TXT", 60, "\"" + OTHER + "\"");

    assertEquals(409, post("/acme/present", VALUE).getStatusCode());
    assertEquals(409, post("/acme/cleanup", OTHER).getStatusCode());

    assertEquals(Map.of("TXT", "60 \"" + OTHER + "\""), records(NAME));
  }

  @Test
  void weightedTxtSets_areNotOurs() {
    moto.changeRecordSet(
        zone,
        ChangeAction.CREATE,
        ResourceRecordSet.builder()
            .name(NAME + ".")
            .type("TXT")
            .ttl(60L)
            .setIdentifier("one")
            .weight(1L)
            .resourceRecords(ResourceRecord.builder().value("\"dyndns53-acme-challenge\"").build())
            .build());

    assertEquals(409, post("/acme/present", VALUE).getStatusCode());
  }
}
