package dev.dyndns53.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.Dyndns53;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.credentials.CredentialStoreException;
import dev.dyndns53.fakes.InMemoryCredentialStore;
import dev.dyndns53.fakes.InMemoryRecordStore;
import dev.dyndns53.records.RecordStoreException;
import dev.dyndns53.records.TxtRecordSet;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /acme/present} and {@code /acme/cleanup} through the handler, over in-memory stores.
 */
class AcmeEndpointTest {
  private static final String ZONE = "Z1EXAMPLE000000000001";
  private static final String NAME = "_acme-challenge.home.example.com";
  private static final String MARKER = "\"dyndns53-acme-challenge\"";
  private static final String VALUE = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0";
  private static final String OTHER = "Ar1gX5v4Qf0v1c0b2m3n4b5v6c7x8z9l0k1j2h3g4f5";
  private static final Dyndns53Config CONFIG =
      ConfigParser.parse(
          "test.json",
          """
      {"hosts": {"home.example.com": {"zoneId": "%1$s", "acme": true},
                 "nas.example.com": {"zoneId": "%1$s"},
                 "office.example.com": {"zoneId": "%1$s", "acme": true}},
       "users": {"alice": {"hosts": ["home.example.com", "nas.example.com"]},
                 "bob": {"hosts": ["office.example.com"]}}}
      """
              .formatted(ZONE));

  private final InMemoryRecordStore records = new InMemoryRecordStore();
  private final InMemoryCredentialStore credentials = new InMemoryCredentialStore();
  private final List<String> log = new ArrayList<>();
  private final UpdateHandler handler;

  AcmeEndpointTest() {
    credentials.passwords.put("alice", "alice-password");
    credentials.passwords.put("bob", "bob-password");
    handler =
        new UpdateHandler(
            Dyndns53.of(CONFIG, credentials, records, Clock.systemUTC(), log::add).envelope());
  }

  private static String body(String fqdn, String value) {
    return "{\"fqdn\":\"" + fqdn + "\",\"value\":\"" + value + "\"}\n";
  }

  private APIGatewayProxyResponseEvent post(String path, String body) {
    return handler.handleRequest(
        ProxyEventBuilder.get()
            .method("POST")
            .path(path)
            .basicAuth("alice", "alice-password")
            .header("Content-Type", "application/json")
            .body(body)
            .build(),
        null);
  }

  private Optional<TxtRecordSet> txt() {
    return records.getTxt(ZONE, NAME);
  }

  @Test
  void present_createsAPlainTxtSetWithTtl60_theMarkerAndTheValue_andEchoesTheRequest() {
    APIGatewayProxyResponseEvent response = post("/acme/present", body(NAME + ".", VALUE));

    assertEquals(200, response.getStatusCode());
    assertEquals("application/json", response.getHeaders().get("Content-Type"));
    // acme.sh's dns_acmeproxy counts the call as done only if the answer holds the quoted value.
    assertTrue(response.getBody().contains("\"" + VALUE + "\""), response.getBody());
    assertEquals(
        Optional.of(new TxtRecordSet(60, List.of(MARKER, "\"" + VALUE + "\""), true)), txt());
  }

  @Test
  void presentTwice_wildcardAndApex_holdsBothValues_cleanupRemovesOneThenTheSet() {
    post("/acme/present", body(NAME + ".", VALUE));
    post("/v1/acme/present", body(NAME, OTHER));

    assertEquals(
        List.of(MARKER, "\"" + VALUE + "\"", "\"" + OTHER + "\""), txt().orElseThrow().values());

    assertEquals(200, post("/acme/cleanup", body(NAME + ".", VALUE)).getStatusCode());
    assertEquals(List.of(MARKER, "\"" + OTHER + "\""), txt().orElseThrow().values());

    APIGatewayProxyResponseEvent last = post("/v1/acme/cleanup", body(NAME + ".", OTHER));
    assertEquals(200, last.getStatusCode());
    assertTrue(last.getBody().contains("\"" + OTHER + "\""), last.getBody());
    assertEquals(Optional.empty(), txt());
  }

  @Test
  void presentOfAValueAlreadyThere_andCleanupOfOneNotThere_areAnswered200WithoutWriting() {
    post("/acme/present", body(NAME + ".", VALUE));
    long calls = records.callCount();

    assertEquals(200, post("/acme/present", body(NAME + ".", VALUE)).getStatusCode());
    assertEquals(200, post("/acme/cleanup", body(NAME + ".", OTHER)).getStatusCode());

    assertEquals(calls + 2, records.callCount(), "one read each, no write");
    assertEquals(List.of(MARKER, "\"" + VALUE + "\""), txt().orElseThrow().values());
  }

  @Test
  void noCredentials_is401WithTheBasicChallenge_andNothingIsRead() {
    APIGatewayProxyResponseEvent response =
        handler.handleRequest(
            ProxyEventBuilder.get()
                .method("POST")
                .path("/acme/present")
                .body(body(NAME + ".", VALUE))
                .build(),
            null);

    assertEquals(401, response.getStatusCode());
    assertEquals("Basic realm=\"dyndns53\"", response.getHeaders().get("WWW-Authenticate"));
    assertEquals(0, records.callCount());
    assertEquals(0, credentials.reads);
  }

  @Test
  void wrongPassword_is401_andNeitherThePasswordNorTheValueIsLoggedOrEchoed() {
    APIGatewayProxyResponseEvent response =
        handler.handleRequest(
            ProxyEventBuilder.get()
                .method("POST")
                .path("/acme/present")
                .basicAuth("alice", "guess-123")
                .body(body(NAME + ".", VALUE))
                .build(),
            null);

    assertEquals(401, response.getStatusCode());
    assertFalse(response.getBody().contains(VALUE));
    assertEquals(0, records.callCount());
    assertEquals(1, log.size());
    assertFalse(log.get(0).contains("guess-123"), log.get(0));
    assertFalse(log.get(0).contains(VALUE), log.get(0));
    assertTrue(log.get(0).contains("\"endpoint\":\"acme/present\""), log.get(0));
    assertTrue(log.get(0).contains("\"status\":401"), log.get(0));
  }

  @Test
  void credentialStoreDown_is503_notAWrongPassword() {
    credentials.failure = new CredentialStoreException("ThrottlingException", "throttled", null);

    assertEquals(503, post("/acme/present", body(NAME + ".", VALUE)).getStatusCode());
    assertEquals(0, records.callCount());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // A host of another user, a host without "acme": true, an unconfigured host.
        "_acme-challenge.office.example.com.| 403",
        "_acme-challenge.nas.example.com.   | 403",
        "_acme-challenge.www.example.com.   | 403",
        // Not a challenge name, or a challenge name under a host.
        "home.example.com.                  | 400",
        "_acme-challenge.home               | 400",
        "x._acme-challenge.home.example.com.| 400",
        "_acme-challenge.*.home.example.com.| 400",
      })
  void fqdnOutsideTheUsersAcmeHosts_isRefused_andNothingIsWritten(String fqdn, int status) {
    APIGatewayProxyResponseEvent response = post("/acme/present", body(fqdn, VALUE));

    assertEquals(status, response.getStatusCode(), response.getBody());
    assertFalse(response.getBody().contains("\"" + VALUE + "\""), response.getBody());
    assertEquals(0, records.callCount());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "[]",
        "{\"fqdn\":\"_acme-challenge.home.example.com.\"}",
        "{\"domain\":\"home.example.com\",\"token\":\"t\",\"keyAuth\":\"t.k\"}",
        "{\"fqdn\":\"_acme-challenge.home.example.com.\",\"value\":\"with \\\" quote\"}",
        "{\"fqdn\":\"_acme-challenge.home.example.com.\",\"value\":\"\"}",
        "{\"fqdn\":\"_acme-challenge.home.example.com.\",\"value\":7}",
      })
  void malformedBody_is400_andNothingIsWritten(String body) {
    assertEquals(400, post("/acme/present", body).getStatusCode());
    assertEquals(0, records.callCount());
  }

  @Test
  void base64EncodedBody_isDecodedFirst() {
    APIGatewayProxyResponseEvent response =
        handler.handleRequest(
            ProxyEventBuilder.get()
                .method("POST")
                .path("/acme/present")
                .basicAuth("alice", "alice-password")
                .body(
                    Base64.getEncoder()
                        .encodeToString(body(NAME + ".", VALUE).getBytes(StandardCharsets.UTF_8)))
                .build()
                .withIsBase64Encoded(true),
            null);

    assertEquals(200, response.getStatusCode(), response.getBody());
    assertTrue(txt().isPresent());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"without the marker", "alias or weighted"})
  void txtSetNotCreatedByDyndns53_is409_andLeftAlone(String shape) {
    TxtRecordSet foreign =
        shape.equals("without the marker")
            ? new TxtRecordSet(60, List.of("\"" + OTHER + "\""), true)
            : new TxtRecordSet(60, List.of(MARKER), false);
    records.putTxt(ZONE, NAME, foreign);

    assertEquals(409, post("/acme/present", body(NAME + ".", VALUE)).getStatusCode());
    assertEquals(409, post("/acme/cleanup", body(NAME + ".", OTHER)).getStatusCode());
    assertEquals(Optional.of(foreign), txt());
  }

  @Test
  void aValueAddedByAnotherRequestBetweenReadAndWrite_isKept() {
    records.afterNextTxtRead =
        () ->
            records.putTxt(
                ZONE, NAME, new TxtRecordSet(60, List.of(MARKER, "\"" + OTHER + "\""), true));

    assertEquals(200, post("/acme/present", body(NAME + ".", VALUE)).getStatusCode());

    assertEquals(
        List.of(MARKER, "\"" + OTHER + "\"", "\"" + VALUE + "\""), txt().orElseThrow().values());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"REJECTED, 500", "UNAVAILABLE, 503"})
  void route53Failure_isA5xxThatNeverEchoesTheValue(RecordStoreException.Kind kind, int status) {
    records.txtFailures.add(new RecordStoreException(kind, "Throttling", "failed", null));
    records.txtFailures.add(new RecordStoreException(kind, "Throttling", "failed", null));

    APIGatewayProxyResponseEvent response = post("/acme/present", body(NAME + ".", VALUE));

    assertEquals(status, response.getStatusCode());
    assertFalse(response.getBody().contains(VALUE), response.getBody());
    assertTrue(log.get(0).contains("\"level\":\"ERROR\""), log.get(0));
  }

  @Test
  void getOnAnAcmePath_isTheGatewaysUnknownMethodAnswer() {
    APIGatewayProxyResponseEvent response =
        handler.handleRequest(
            ProxyEventBuilder.get()
                .path("/acme/present")
                .basicAuth("alice", "alice-password")
                .build(),
            null);

    assertEquals(404, response.getStatusCode());
    assertEquals(0, records.callCount());
    assertNull(records.getTxt(ZONE, NAME).orElse(null));
  }
}
