package dev.dyndns53.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dyndns53.dyndns2.Dyndns2Token;
import dev.dyndns53.json.Json;
import dev.dyndns53.testing.EmbeddedMetricFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestMetricsTest {
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00.250Z");
  private final RequestMetrics metrics =
      new RequestMetrics("Dyndns53", Clock.fixed(NOW, ZoneOffset.UTC));

  private EmbeddedMetricFormat.Parsed emit(String body, long route53Calls, long latencyMs) {
    return EmbeddedMetricFormat.check(
        Json.write(
            metrics.rootMembers("update", RequestMetrics.answerOf(body), route53Calls, latencyMs)));
  }

  @Test
  void rootMembers_areTheContractsMetricsAndDimensions() {
    EmbeddedMetricFormat.Parsed parsed = emit("good 203.0.113.7\n", 2, 37);

    assertEquals(NOW.toEpochMilli(), parsed.timestamp());
    assertEquals("Dyndns53", parsed.dimensions().get("Stack"));
    assertEquals("good", parsed.dimensions().get("Answer"));
    assertEquals(1, parsed.value("Requests"));
    assertEquals(0, parsed.value("ServerErrors"));
    assertEquals(0, parsed.value("AuthFailures"));
    assertEquals(2, parsed.value("Route53Calls"));
    assertEquals(37, parsed.value("Latency"));
    assertEquals(
        List.of(List.of("Stack"), List.of("Stack", "Answer")),
        parsed.metrics().get("Requests").dimensionSets());
    for (String name : List.of("ServerErrors", "AuthFailures", "Route53Calls", "Latency")) {
      assertEquals(List.of(List.of("Stack")), parsed.metrics().get(name).dimensionSets(), name);
    }
    assertEquals("Milliseconds", parsed.metrics().get("Latency").unit());
    assertEquals("Count", parsed.metrics().get("Route53Calls").unit());
  }

  @Test
  void endpoint_isAPropertyNotADimension() {
    String line = Json.write(metrics.rootMembers("acme/present", "good", 2, 5));
    EmbeddedMetricFormat.Parsed parsed = EmbeddedMetricFormat.check(line);

    assertEquals(Set.of("Stack", "Answer"), parsed.dimensions().keySet());
    assertEquals(
        "acme/present", ((java.util.Map<?, ?>) Json.parse(line)).get(RequestMetrics.ENDPOINT));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "good 203.0.113.7|nochg 203.0.113.7; good; 0; 0",
        "nochg 203.0.113.7; nochg; 0; 0",
        "badauth|badauth; badauth; 0; 1",
        "good 203.0.113.7|911|nohost; 911; 1; 0",
        "nochg 2001:db8::7|dnserr; dnserr; 1; 0",
        "conflict A|good 203.0.113.7; conflict; 0; 0",
        "nohost|notfqdn|badagent; nohost; 0; 0",
        "numhost; numhost; 0; 0"
      })
  void answer_isTheMostSevereLinesToken(
      String lines, String answer, long serverErrors, long authFailures) {
    EmbeddedMetricFormat.Parsed parsed = emit(lines.replace('|', '\n') + "\n", 0, 1);

    assertEquals(answer, parsed.dimensions().get("Answer"));
    assertEquals(serverErrors, parsed.value("ServerErrors"));
    assertEquals(authFailures, parsed.value("AuthFailures"));
  }

  @Test
  void severity_ranksEveryDyndns2TokenOnce() {
    Set<String> tokens =
        Arrays.stream(Dyndns2Token.values()).map(Dyndns2Token::text).collect(Collectors.toSet());

    assertEquals(tokens, Set.copyOf(RequestMetrics.SEVERITY));
    assertEquals(tokens.size(), RequestMetrics.SEVERITY.size());
  }

  @Test
  void bodyWithoutAToken_isCountedAsOtherNotAsANewDimensionValue() {
    assertEquals("other", emit("<html>\n", 0, 1).dimensions().get("Answer"));
  }

  @Test
  void blankStackName_isRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new RequestMetrics(" ", Clock.fixed(NOW, ZoneOffset.UTC)));
  }
}
