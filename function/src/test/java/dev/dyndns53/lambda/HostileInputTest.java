package dev.dyndns53.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.Dyndns53;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.fakes.InMemoryCredentialStore;
import dev.dyndns53.fakes.InMemoryRecordStore;
import dev.dyndns53.json.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Requests an attacker who holds a user's password could send, through the handler: each gets a
 * clear answer and one bounded log line that says why, and nothing is written.
 */
class HostileInputTest {
  private static final String ZONE = "Z1EXAMPLE000000000001";
  private static final String VALUE = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0";
  private static final Dyndns53Config CONFIG =
      ConfigParser.parse(
          "test.json",
          """
      {"hosts": {"home.example.com": {"zoneId": "%1$s", "acme": true},
                 "kiosk.example.com": {"zoneId": "%1$s", "acme": true}},
       "users": {"alice": {"hosts": ["home.example.com", "kiosk.example.com"]}}}
      """
              .formatted(ZONE));

  private final InMemoryRecordStore records = new InMemoryRecordStore();
  private final InMemoryCredentialStore credentials = new InMemoryCredentialStore();
  private final List<String> log = new ArrayList<>();
  private final UpdateHandler handler;

  HostileInputTest() {
    credentials.passwords.put("alice", "alice-password");
    handler =
        new UpdateHandler(
            Dyndns53.of(CONFIG, credentials, records, Clock.systemUTC(), log::add).envelope());
  }

  private APIGatewayProxyResponseEvent present(String body) {
    return handler.handleRequest(
        ProxyEventBuilder.get()
            .method("POST")
            .path("/acme/present")
            .basicAuth("alice", "alice-password")
            .header("Content-Type", "application/json")
            .body(body)
            .build(),
        null);
  }

  private static String challenge(String fqdn, String value) {
    return "{\"fqdn\":" + Json.quote(fqdn) + ",\"value\":" + Json.quote(value) + "}";
  }

  private String onlyLogLine() {
    assertEquals(1, log.size(), String.join("\n", log));
    return log.get(0);
  }

  private static String error(APIGatewayProxyResponseEvent response) {
    return (String) ((Map<?, ?>) Json.parse(response.getBody())).get("error");
  }

  private static String reason(String logLine) {
    return (String) ((Map<?, ?>) Json.parse(logLine)).get("reason");
  }

  @Test
  void acme_fourThousandOpeningBrackets_is400WithTheDepthLimit_notACrash() {
    APIGatewayProxyResponseEvent response = present("[".repeat(4_000));

    assertEquals(400, response.getStatusCode(), response.getBody());
    assertEquals(
        "the body is not JSON: line 1, column 65: arrays and objects nest deeper than 64 levels;"
            + " this reader accepts at most 64",
        error(response));
    assertEquals(error(response), reason(onlyLogLine()));
    assertEquals(0, records.callCount());
  }

  @Test
  void acme_aTwoThousandCharacterKey_isNotEchoedInFull_inTheAnswerOrTheLog() {
    String key = "k".repeat(2_000);

    APIGatewayProxyResponseEvent response = present("{\"" + key + "\": 1, \"" + key + "\": 2}");

    assertEquals(400, response.getStatusCode());
    assertFalse(response.getBody().contains(key), "the key is echoed in full");
    assertTrue(error(response).startsWith("the body is not JSON: line 1, column"), error(response));
    assertTrue(error(response).contains("…(truncated, "), error(response));
    assertTrue(response.getBody().length() < 400, response.getBody().length() + " characters");
    assertFalse(onlyLogLine().contains(key), "the key is logged in full");
    assertTrue(onlyLogLine().length() < 1_000, onlyLogLine().length() + " characters");
  }

  @Test
  void acme_fqdnEndingInNul_is400_andNothingIsWritten() {
    APIGatewayProxyResponseEvent response =
        present(challenge("_acme-challenge.home.example.com.\u0000", VALUE));

    assertEquals(400, response.getStatusCode(), response.getBody());
    assertTrue(
        error(response).endsWith("contains the control character U+0000 at position 18"),
        error(response));
    assertEquals(0, records.callCount());
    assertEquals(Optional.empty(), records.getTxt(ZONE, "_acme-challenge.home.example.com"));
  }

  @Test
  void acme_kelvinSign_isRefused_neverWrittenAsKiosk() {
    APIGatewayProxyResponseEvent response =
        present(challenge("_acme-challenge.\u212Aiosk.example.com.", VALUE));

    assertEquals(400, response.getStatusCode(), response.getBody());
    assertTrue(error(response).contains("non-ASCII character U+212A"), error(response));
    assertEquals(0, records.callCount());
    assertEquals(Optional.empty(), records.getTxt(ZONE, "_acme-challenge.kiosk.example.com"));
  }

  @Test
  void acme_prefixWithANonAsciiLetter_isNotAChallengeName() {
    // U+212A is not in "_acme-challenge", but a Unicode fold of the prefix would be the same bug.
    APIGatewayProxyResponseEvent response =
        present(challenge("_ACME-CHALLENGE.kiosk.example.com.", VALUE));

    assertEquals(200, response.getStatusCode(), response.getBody());
    assertEquals(
        400, present(challenge("_acme-chaLLenge\u0000kiosk.example.com.", VALUE)).getStatusCode());
  }

  @Test
  void acme_theMarkerAsAValue_is400_andNothingIsWritten() {
    APIGatewayProxyResponseEvent response =
        present(challenge("_acme-challenge.home.example.com.", "dyndns53-acme-challenge"));

    assertEquals(400, response.getStatusCode(), response.getBody());
    assertEquals(
        "value is the marker dyndns53 keeps in its challenge record sets, not a challenge value",
        error(response));
    assertEquals(0, records.callCount());
  }

  @Test
  void update_hostnameEndingInNul_isNotfqdn_withALogLineThatSaysWhy() {
    APIGatewayProxyResponseEvent response =
        handler.handleRequest(
            ProxyEventBuilder.get()
                .path("/nic/update")
                .basicAuth("alice", "alice-password")
                .param("hostname", "home.example.com\u0000")
                .param("myip", "198.51.100.7")
                .build(),
            null);

    assertEquals("notfqdn", response.getBody().strip());
    assertTrue(
        onlyLogLine()
            .contains(
                "not a fully qualified host name: contains the control character U+0000 at"
                    + " position 17"),
        onlyLogLine());
    assertEquals(0, records.callCount());
  }

  @Test
  void update_spacesAroundCommaSeparatedNames_areStillCut_butATabIsNot() {
    APIGatewayProxyResponseEvent response =
        handler.handleRequest(
            ProxyEventBuilder.get()
                .path("/nic/update")
                .basicAuth("alice", "alice-password")
                .param("hostname", " home.example.com , kiosk.example.com\t")
                .param("myip", "198.51.100.7")
                .build(),
            null);

    assertEquals("good 198.51.100.7\nnotfqdn", response.getBody().strip());
  }
}
