package dev.dyndns53.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.dyndns53.Dyndns53;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.fakes.InMemoryCredentialStore;
import dev.dyndns53.fakes.InMemoryRecordStore;
import dev.dyndns53.records.RecordSet;
import dev.dyndns53.records.RecordType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The handler fed with REST proxy events shaped like API Gateway's (AWS's published sample event,
 * with dyndns2 values), deserialised by the serializer the Lambda Java runtime uses.
 */
class UpdateHandlerTest {
  private static final String ZONE = "Z1EXAMPLE000000000001";
  private static final Dyndns53Config CONFIG =
      ConfigParser.parse(
          "test.json",
          """
      {"hosts": {"home.example.com": {"zoneId": "%1$s"}, "office.example.com": {"zoneId": "%1$s"}},
       "users": {"alice": {"hosts": ["home.example.com", "office.example.com"]}}}
      """
              .formatted(ZONE));

  private final InMemoryRecordStore records = new InMemoryRecordStore();
  private final InMemoryCredentialStore credentials = new InMemoryCredentialStore();
  private final List<String> log = new ArrayList<>();
  private final UpdateHandler handler;

  UpdateHandlerTest() {
    credentials.passwords.put("alice", "correct horse:battery staple");
    handler =
        new UpdateHandler(
            Dyndns53.of(CONFIG, credentials, records, Clock.systemUTC(), log::add).envelope());
  }

  @Test
  void getEvent_updatesBothHostsAndAnswersPlainText() {
    APIGatewayProxyRequestEvent event =
        EventLoader.loadApiGatewayRestEvent("events/apigw_rest_get_update.json");

    APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

    assertEquals(200, response.getStatusCode());
    assertEquals("good 203.0.113.7\ngood 203.0.113.7\n", response.getBody());
    assertEquals("text/plain; charset=utf-8", response.getHeaders().get("Content-Type"));
    assertFalse(response.getIsBase64Encoded());
    assertEquals(
        RecordSet.single(RecordType.A, 60, "203.0.113.7"),
        records.get(ZONE, "office.example.com").get(RecordType.A));
    assertTrue(
        log.get(0).contains("\"requestId\":\"e0a5a4a2-8c8c-4b8e-9f43-3b6e5d2f0a11\""), log.get(0));
    assertTrue(log.get(0).contains("\"userAgent\":\"ddclient/3.10.0\""), log.get(0));
  }

  @Test
  void postEventWithBase64FormBodyAndLowerCaseHeaders_isUnderstood() {
    APIGatewayProxyRequestEvent event =
        EventLoader.loadApiGatewayRestEvent("events/apigw_rest_post_form_base64.json");

    APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

    assertEquals("good 2001:db8::7\n", response.getBody());
    assertEquals(
        Map.of(RecordType.AAAA, RecordSet.single(RecordType.AAAA, 60, "2001:db8::7")),
        records.get(ZONE, "home.example.com"));
  }

  @Test
  void eventWithoutAuthorization_answers401Challenge() {
    APIGatewayProxyRequestEvent event =
        EventLoader.loadApiGatewayRestEvent("events/apigw_rest_get_no_auth.json");

    APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

    assertEquals(401, response.getStatusCode());
    assertEquals("badauth\nbadauth\n", response.getBody());
    assertEquals("Basic realm=\"dyndns53\"", response.getHeaders().get("WWW-Authenticate"));
  }

  @Test
  void eventWithoutQueryParametersOrHeaders_answersWithoutThrowing() {
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent().withHttpMethod("GET");

    APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

    assertEquals(401, response.getStatusCode());
  }
}
