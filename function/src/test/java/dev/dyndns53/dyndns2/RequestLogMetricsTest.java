package dev.dyndns53.dyndns2;

import static dev.dyndns53.dyndns2.Fixture.alice;
import static dev.dyndns53.dyndns2.Fixture.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.json.Json;
import dev.dyndns53.records.RecordStoreException;
import dev.dyndns53.testing.EmbeddedMetricFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request log line carries the request's metrics, consistent with its own fields. */
class RequestLogMetricsTest {
  private final Fixture f = new Fixture();

  private Map<?, ?> lastLine() {
    return (Map<?, ?>) Json.parse(f.lastLog());
  }

  @Test
  void goodUpdate_logLineIsValidEmfAgreeingWithItsFields() {
    long before = System.currentTimeMillis();
    f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7");
    long after = System.currentTimeMillis();

    EmbeddedMetricFormat.Parsed metrics = EmbeddedMetricFormat.check(f.lastLog());
    Map<?, ?> line = lastLine();
    assertEquals("local", metrics.dimensions().get("Stack"));
    assertEquals("good", metrics.dimensions().get("Answer"));
    assertEquals(1, metrics.value("Requests"));
    assertEquals(0, metrics.value("ServerErrors"));
    assertEquals(0, metrics.value("AuthFailures"));
    assertEquals(2, metrics.value("Route53Calls"), "one read and one write");
    assertEquals(((Number) line.get("route53Calls")).longValue(), metrics.value("Route53Calls"));
    assertEquals(((Number) line.get("latencyMs")).longValue(), metrics.value("Latency"));
    assertTrue(
        before <= metrics.timestamp() && metrics.timestamp() <= after,
        "the timestamp is the time of the request");
    assertEquals("good 203.0.113.7", line.get("answer"), "the existing fields stay as they were");
  }

  @Test
  void wrongPassword_countsAnAuthFailure() {
    f.get(basic("alice", "wrong"), "hostname", "home.example.com", "myip", "203.0.113.7");

    EmbeddedMetricFormat.Parsed metrics = EmbeddedMetricFormat.check(f.lastLog());
    assertEquals("badauth", metrics.dimensions().get("Answer"));
    assertEquals(1, metrics.value("AuthFailures"));
    assertEquals(0, metrics.value("ServerErrors"));
    assertEquals(0, metrics.value("Route53Calls"));
  }

  @Test
  void multiHostRequestWithAServerFailure_countsOnceUnderItsMostSevereLine() {
    f.records.readFailures.add(
        new RecordStoreException(
            RecordStoreException.Kind.UNAVAILABLE, "Throttling", "Rate exceeded", null));

    HttpAnswer answer =
        f.get(
            alice(),
            "hostname",
            "home.example.com,nas.example.org,nobody.example.com",
            "myip",
            "2001:db8::7");

    assertTrue(answer.body().contains("911"), answer.body());
    EmbeddedMetricFormat.Parsed metrics = EmbeddedMetricFormat.check(f.lastLog());
    assertEquals("911", metrics.dimensions().get("Answer"));
    assertEquals(1, metrics.value("Requests"));
    assertEquals(1, metrics.value("ServerErrors"));
  }

  @Test
  void unknownMethod_stillGetsItsMetrics() {
    f.send("PUT", alice(), "198.51.100.1", "hostname", "home.example.com");

    EmbeddedMetricFormat.Parsed metrics = EmbeddedMetricFormat.check(f.lastLog());
    assertEquals("badagent", metrics.dimensions().get("Answer"));
  }
}
