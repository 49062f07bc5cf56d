package dev.dyndns53.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.AssertionFailedError;

/** The EMF checker accepts a record the specification allows and rejects each kind of violation. */
class EmbeddedMetricFormatTest {
  private static final String VALID =
      """
      {"_aws":{"Timestamp":1795980668921,"CloudWatchMetrics":[{"Namespace":"dyndns53",
       "Dimensions":[["Stack"]],"Metrics":[{"Name":"Requests","Unit":"Count"}]}]},
       "Stack":"Dyndns53","Requests":1}""";

  @Test
  void validRecord_isAccepted() {
    EmbeddedMetricFormat.Parsed parsed = EmbeddedMetricFormat.check(VALID);

    assertEquals(1, parsed.value("Requests"));
    assertEquals("Dyndns53", parsed.dimensions().get("Stack"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // timestamp in seconds
        "\"Timestamp\":1795980668921|\"Timestamp\":1795980668",
        // timestamp as a string
        "\"Timestamp\":1795980668921|\"Timestamp\":\"1795980668921\"",
        // dimension missing at the root
        "\"Stack\":\"Dyndns53\",|",
        // dimension value not a string
        "\"Stack\":\"Dyndns53\"|\"Stack\":5",
        // metric missing at the root
        ",\"Requests\":1|",
        // metric value not a number
        "\"Requests\":1|\"Requests\":\"1\"",
        // unit CloudWatch does not know
        "\"Unit\":\"Count\"|\"Unit\":\"Requests\"",
        // no namespace
        "\"Namespace\":\"dyndns53\",|",
        // dimension set not an array of arrays
        "[[\"Stack\"]]|[\"Stack\"]",
        // no metrics in the directive
        "[{\"Name\":\"Requests\",\"Unit\":\"Count\"}]|[]"
      })
  void violation_isRejected(String replacement) {
    String[] parts = replacement.split("\\|", -1);
    String broken = VALID.replace(parts[0], parts[1]);

    assertThrows(AssertionFailedError.class, () -> EmbeddedMetricFormat.check(broken), broken);
  }
}
