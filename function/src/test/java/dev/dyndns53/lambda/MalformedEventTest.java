package dev.dyndns53.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.Dyndns53;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.fakes.InMemoryCredentialStore;
import dev.dyndns53.fakes.InMemoryRecordStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Events no API Gateway would send, but a direct invoke, a test console or a changed integration
 * can (issue 9, finding 4): each is answered with a dyndns2 answer in text/plain, and leaves
 * exactly one log line.
 */
class MalformedEventTest {
  private static final String ZONE = "Z1EXAMPLE000000000001";
  private static final Dyndns53Config CONFIG =
      ConfigParser.parse(
          "test.json",
          """
      {"hosts": {"home.example.com": {"zoneId": "%1$s"}},
       "users": {"alice": {"hosts": ["home.example.com"]}}}
      """
              .formatted(ZONE));
  private static final String PASSWORD = "correct horse battery staple";
  private static final String AUTHORIZATION =
      "Basic "
          + Base64.getEncoder()
              .encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

  private final List<String> log = new ArrayList<>();
  private final UpdateHandler handler;

  MalformedEventTest() {
    InMemoryCredentialStore credentials = new InMemoryCredentialStore();
    credentials.passwords.put("alice", PASSWORD);
    handler =
        new UpdateHandler(
            Dyndns53.of(CONFIG, credentials, new InMemoryRecordStore(), Clock.systemUTC(), log::add)
                .envelope());
  }

  /** An authorised update, as a base to break one part of. */
  private static ProxyEventBuilder update() {
    return ProxyEventBuilder.get()
        .header("Authorization", AUTHORIZATION)
        .param("hostname", "home.example.com")
        .param("myip", "203.0.113.7");
  }

  private static <K, V> Map<K, V> mapWith(K key, V value, Map<K, V> rest) {
    Map<K, V> map = new HashMap<>(rest);
    map.put(key, value);
    return map;
  }

  static Stream<Arguments> events() {
    return Stream.of(
        event("null event", () -> null, 401, "badauth"),
        event("empty event", APIGatewayProxyRequestEvent::new, 401, "badauth"),
        event("null method", () -> update().build().withHttpMethod(null), 200, "good 203.0.113.7"),
        event("unknown method", () -> update().method("BREW").build(), 404, "badagent"),
        event(
            "null requestContext",
            () -> update().build().withRequestContext(null),
            200,
            "good 203.0.113.7"),
        event(
            "requestContext without identity or id",
            () ->
                update()
                    .build()
                    .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()),
            200,
            "good 203.0.113.7"),
        event(
            "header with a null name",
            () -> {
              APIGatewayProxyRequestEvent e = update().build();
              return e.withHeaders(mapWith(null, "x", e.getHeaders()))
                  .withMultiValueHeaders(mapWith(null, List.of("x"), e.getMultiValueHeaders()));
            },
            200,
            "good 203.0.113.7"),
        event(
            "header with a null value",
            () -> {
              APIGatewayProxyRequestEvent e = update().build();
              return e.withHeaders(mapWith("Content-Type", null, e.getHeaders()))
                  .withMultiValueHeaders(
                      mapWith(
                          "Content-Type", Arrays.asList((String) null), e.getMultiValueHeaders()));
            },
            200,
            "good 203.0.113.7"),
        event(
            "multi-value header list that is null",
            () -> {
              APIGatewayProxyRequestEvent e = update().build();
              return e.withMultiValueHeaders(mapWith("X-Odd", null, e.getMultiValueHeaders()));
            },
            200,
            "good 203.0.113.7"),
        event(
            "parameter with a null name",
            () -> {
              APIGatewayProxyRequestEvent e = update().build();
              return e.withQueryStringParameters(mapWith(null, "x", e.getQueryStringParameters()))
                  .withMultiValueQueryStringParameters(
                      mapWith(null, List.of("x"), e.getMultiValueQueryStringParameters()));
            },
            200,
            "good 203.0.113.7"),
        event(
            "parameter with null values",
            () -> {
              APIGatewayProxyRequestEvent e = update().build();
              return e.withQueryStringParameters(
                      mapWith("myip", null, e.getQueryStringParameters()))
                  .withMultiValueQueryStringParameters(
                      mapWith(
                          "myip",
                          Arrays.asList(null, null),
                          e.getMultiValueQueryStringParameters()));
            },
            200,
            "good 198.51.100.1"),
        event(
            "hostname list that is null",
            () -> {
              APIGatewayProxyRequestEvent e = update().build();
              return e.withMultiValueQueryStringParameters(
                  mapWith("hostname", null, e.getMultiValueQueryStringParameters()));
            },
            200,
            "notfqdn"),
        event(
            "single and multi-value parameters disagree",
            () ->
                update().build().withQueryStringParameters(Map.of("hostname", "other.example.com")),
            200,
            "good 203.0.113.7"),
        event(
            "only single-value parameters",
            () -> update().build().withMultiValueQueryStringParameters(null),
            200,
            "good 203.0.113.7"),
        event(
            "only single-value headers",
            () -> update().build().withMultiValueHeaders(null),
            200,
            "good 203.0.113.7"),
        event(
            "isBase64Encoded with a body that is not base64",
            () ->
                ProxyEventBuilder.get()
                    .method("POST")
                    .header("Authorization", AUTHORIZATION)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .build()
                    .withBody("hostname=home.example.com&myip=203.0.113.7 ***")
                    .withIsBase64Encoded(true),
            200,
            "notfqdn"),
        event(
            "isBase64Encoded null with a form body",
            () ->
                ProxyEventBuilder.get()
                    .method("POST")
                    .header("Authorization", AUTHORIZATION)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .build()
                    .withBody("hostname=home.example.com&myip=203.0.113.7")
                    .withIsBase64Encoded(null),
            200,
            "good 203.0.113.7"),
        event(
            "huge header and parameter values",
            () ->
                update()
                    .header("User-Agent", "u".repeat(1_000_000))
                    .param("system", "s".repeat(1_000_000))
                    .build(),
            200,
            "good 203.0.113.7"),
        event(
            "huge host name",
            () ->
                update()
                    .build()
                    .withMultiValueQueryStringParameters(
                        Map.of("hostname", List.of("h".repeat(1_000_000)))),
            200,
            "notfqdn"),
        event(
            "huge request id",
            () -> {
              APIGatewayProxyRequestEvent e = update().build();
              e.getRequestContext().setRequestId("r".repeat(1_000_000));
              return e;
            },
            200,
            "good 203.0.113.7"),
        event(
            "an event whose getters throw",
            () ->
                new APIGatewayProxyRequestEvent() {
                  @Override
                  public Map<String, List<String>> getMultiValueHeaders() {
                    throw new IllegalStateException("a getter that fails");
                  }
                },
            500,
            "911"));
  }

  private static Arguments event(
      String why, Supplier<APIGatewayProxyRequestEvent> event, int status, String body) {
    return Arguments.of(why, event, status, body);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void malformedEvent_isAnsweredWithADyndns2AnswerAndOneLogLine(
      String why, Supplier<APIGatewayProxyRequestEvent> event, int status, String body) {
    APIGatewayProxyResponseEvent response = handler.handleRequest(event.get(), null);

    assertEquals(status, response.getStatusCode());
    assertEquals(body + "\n", response.getBody());
    assertEquals("text/plain; charset=utf-8", response.getHeaders().get("Content-Type"));
    assertEquals(1, log.size(), log.toString());
    assertTrue(log.get(0).startsWith("{") && log.get(0).endsWith("}"), log.get(0));
    assertTrue(log.get(0).length() < 8192, log.get(0).length() + " chars");
  }
}
