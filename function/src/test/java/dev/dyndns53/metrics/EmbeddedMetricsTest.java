package dev.dyndns53.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dyndns53.json.Json;
import dev.dyndns53.metrics.EmbeddedMetrics.Unit;
import dev.dyndns53.testing.EmbeddedMetricFormat;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedMetricsTest {
  private static final long NOW = 1_795_000_000_123L;

  @Test
  void rootMembers_areAValidEmfRecordWithEveryMemberAtTheRoot() {
    Map<String, Object> root =
        EmbeddedMetrics.at(NOW)
            .dimension("Stack", "Dyndns53")
            .metric("HealthChecks", Unit.COUNT, 1, EmbeddedMetrics.BY_STACK)
            .metric("Latency", Unit.MILLISECONDS, 42, EmbeddedMetrics.BY_STACK)
            .rootMembers();

    EmbeddedMetricFormat.Parsed parsed = EmbeddedMetricFormat.check(Json.write(root));

    assertEquals(NOW, parsed.timestamp());
    assertEquals(Map.of("Stack", "Dyndns53"), parsed.dimensions());
    assertEquals(1, parsed.value("HealthChecks"));
    assertEquals(42, parsed.value("Latency"));
    assertEquals("Milliseconds", parsed.metrics().get("Latency").unit());
    assertEquals("dyndns53", parsed.metrics().get("Latency").namespace());
  }

  @Test
  void metricsWithEqualDimensionSets_shareOneDirective() {
    Map<String, Object> root =
        EmbeddedMetrics.at(NOW)
            .dimension("Stack", "s")
            .dimension("Answer", "good")
            .metric(
                "Requests", Unit.COUNT, 1, List.of(List.of("Stack"), List.of("Stack", "Answer")))
            .metric("ServerErrors", Unit.COUNT, 0, EmbeddedMetrics.BY_STACK)
            .metric("AuthFailures", Unit.COUNT, 0, EmbeddedMetrics.BY_STACK)
            .rootMembers();

    List<?> directives = (List<?>) ((Map<?, ?>) root.get("_aws")).get("CloudWatchMetrics");
    assertEquals(2, directives.size());
    assertEquals(2, ((List<?>) ((Map<?, ?>) directives.get(1)).get("Metrics")).size());
  }

  @Test
  void dimensionSetNamingADimensionWithoutValue_isRefused() {
    EmbeddedMetrics metrics =
        EmbeddedMetrics.at(NOW).metric("Requests", Unit.COUNT, 1, EmbeddedMetrics.BY_STACK);

    assertThrows(IllegalStateException.class, metrics::rootMembers);
  }

  @Test
  void blankDimensionValue_isRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> EmbeddedMetrics.at(NOW).dimension("Stack", " "));
  }

  @Test
  void dimensionSetOfMoreThanThirty_isRefused() {
    List<String> tooMany = Collections.nCopies(31, "Stack");

    assertThrows(
        IllegalArgumentException.class,
        () -> EmbeddedMetrics.at(NOW).metric("Requests", Unit.COUNT, 1, List.of(tooMany)));
  }

  @Test
  void sameMetricTwice_isRefused() {
    EmbeddedMetrics metrics =
        EmbeddedMetrics.at(NOW).metric("Requests", Unit.COUNT, 1, EmbeddedMetrics.BY_STACK);

    assertThrows(
        IllegalArgumentException.class,
        () -> metrics.metric("Requests", Unit.COUNT, 1, EmbeddedMetrics.BY_STACK));
  }

  @Test
  void moreThanAHundredMetricsInOneDirective_isRefused() {
    EmbeddedMetrics metrics = EmbeddedMetrics.at(NOW).dimension("Stack", "s");
    for (int i = 0; i < 100; i++) {
      metrics.metric("M" + i, Unit.COUNT, i, EmbeddedMetrics.BY_STACK);
    }

    assertThrows(
        IllegalArgumentException.class,
        () -> metrics.metric("M100", Unit.COUNT, 100, EmbeddedMetrics.BY_STACK));
  }
}
