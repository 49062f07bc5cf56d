package dev.dyndns53.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.Dyndns53;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.fakes.InMemoryCredentialStore;
import dev.dyndns53.fakes.InMemoryRecordStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /checkip} through the handler. */
class CheckIpEndpointTest {
  private final InMemoryRecordStore records = new InMemoryRecordStore();
  private final InMemoryCredentialStore credentials = new InMemoryCredentialStore();
  private final List<String> log = new ArrayList<>();
  private final UpdateHandler handler =
      new UpdateHandler(
          Dyndns53.of(
                  ConfigParser.parse(
                      "test.json",
                      """
          {"hosts": {"home.example.com": {"zoneId": "Z1"}}, "users": {"alice": {"hosts": ["home.example.com"]}}}
          """),
                  credentials,
                  records,
                  Clock.systemUTC(),
                  log::add)
              .envelope());

  @ParameterizedTest(name = "{0} from {1}")
  @CsvSource({
    "/checkip, 203.0.113.7, 203.0.113.7",
    "/v1/checkip, 203.0.113.7, 203.0.113.7",
    "/checkip, 2001:DB8:0:0::7, 2001:db8::7",
  })
  void get_answersTheSourceAddressInCheckipDyndnsOrgsPage_withoutCredentials(
      String path, String source, String shown) {
    APIGatewayProxyResponseEvent response =
        handler.handleRequest(ProxyEventBuilder.get().path(path).source(source).build(), null);

    assertEquals(200, response.getStatusCode());
    assertEquals("text/html; charset=utf-8", response.getHeaders().get("Content-Type"));
    assertEquals("no-cache", response.getHeaders().get("Cache-Control"));
    assertEquals(
        "<html><head><title>Current IP Check</title></head><body>Current IP Address: "
            + shown
            + "</body></html>\r\n",
        response.getBody());
    assertEquals(0, credentials.reads);
    assertEquals(0, records.callCount());
    assertTrue(log.get(0).contains("\"endpoint\":\"checkip\""), log.get(0));
  }

  @Test
  void credentialsSent_areIgnored_andNeverChecked() {
    APIGatewayProxyResponseEvent response =
        handler.handleRequest(
            ProxyEventBuilder.get().path("/checkip").basicAuth("alice", "whatever").build(), null);

    assertEquals(200, response.getStatusCode());
    assertEquals(0, credentials.reads);
  }

  @Test
  void post_isTheGatewaysUnknownMethodAnswer() {
    APIGatewayProxyResponseEvent response =
        handler.handleRequest(
            ProxyEventBuilder.get().method("POST").path("/checkip").build(), null);

    assertEquals(404, response.getStatusCode());
  }

  @Test
  void noUsableSourceAddress_is500_andNothingOfItIsEchoed() {
    APIGatewayProxyResponseEvent response =
        handler.handleRequest(
            ProxyEventBuilder.get().path("/checkip").source("<script>").build(), null);

    assertEquals(500, response.getStatusCode());
    assertEquals("911\n", response.getBody());
  }
}
