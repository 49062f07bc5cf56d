package dev.dyndns53.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dyndns53.json.Json;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a JSON log line against the CloudWatch Embedded Metric Format specification (CloudWatch
 * User Guide, "Specification: Embedded metric format"), as CloudWatch Logs would read it, and
 * returns the metrics it defines.
 *
 * <p>What the specification requires and this checks: the line is a JSON object with an {@code
 * _aws} object; {@code _aws.Timestamp} is an integer number of milliseconds since the epoch; {@code
 * _aws.CloudWatchMetrics} is an array of directives, each with a {@code Namespace} (1 to 255
 * characters), {@code Dimensions} (an array of dimension sets, each an array of at most 30
 * dimension names) and {@code Metrics} (1 to 100 objects with a {@code Name} of 1 to 255 characters
 * and, when present, a {@code Unit} CloudWatch knows and a {@code StorageResolution} of 1 or 60);
 * every dimension named is a string member at the root (1 to 1024 characters, not blank), and every
 * metric named is a number (or an array of at most 100 numbers) at the root.
 */
public final class EmbeddedMetricFormat {

  /** CloudWatch's metric units (CloudWatch API Reference, MetricDatum). */
  static final Set<String> UNITS =
      Set.of(
          "Seconds",
          "Microseconds",
          "Milliseconds",
          "Bytes",
          "Kilobytes",
          "Megabytes",
          "Gigabytes",
          "Terabytes",
          "Bits",
          "Kilobits",
          "Megabits",
          "Gigabits",
          "Terabits",
          "Percent",
          "Count",
          "Bytes/Second",
          "Kilobytes/Second",
          "Megabytes/Second",
          "Gigabytes/Second",
          "Terabytes/Second",
          "Bits/Second",
          "Kilobits/Second",
          "Megabits/Second",
          "Gigabits/Second",
          "Terabits/Second",
          "Count/Second",
          "None");

  /**
   * One metric as CloudWatch would extract it.
   *
   * @param dimensionSets the dimension sets of its directive
   */
  public record Metric(
      String namespace,
      String name,
      String unit,
      BigDecimal value,
      List<List<String>> dimensionSets) {}

  /** A parsed EMF line: its timestamp, its dimensions' values and its metrics by name. */
  public record Parsed(
      long timestamp, Map<String, String> dimensions, Map<String, Metric> metrics) {

    /** The metric's value as a long; fails when the metric is missing. */
    public long value(String metric) {
      Metric found = metrics.get(metric);
      assertTrue(found != null, "no metric " + metric + " in " + metrics.keySet());
      return found.value().longValueExact();
    }
  }

  private EmbeddedMetricFormat() {}

  /** Parses {@code line} with the project's JSON parser and checks it; see the class comment. */
  public static Parsed check(String line) {
    Object document = Json.parse(line);
    Map<?, ?> root = assertInstanceOf(Map.class, document, "an EMF line is a JSON object: " + line);
    Map<?, ?> aws = assertInstanceOf(Map.class, root.get("_aws"), "no _aws object: " + line);
    BigDecimal timestamp =
        assertInstanceOf(
            BigDecimal.class, aws.get("Timestamp"), "_aws.Timestamp must be a number: " + line);
    assertTrue(timestamp.scale() <= 0, "_aws.Timestamp must be whole milliseconds: " + timestamp);
    // Epoch milliseconds, not seconds: 13 digits from 2001 to 2286.
    assertEquals(
        13,
        timestamp.toBigInteger().toString().length(),
        "_aws.Timestamp must be epoch milliseconds: " + timestamp);
    List<?> directives =
        assertInstanceOf(
            List.class,
            aws.get("CloudWatchMetrics"),
            "_aws.CloudWatchMetrics must be an array: " + line);
    assertFalse(directives.isEmpty(), "_aws.CloudWatchMetrics is empty: " + line);

    Map<String, String> dimensions = new LinkedHashMap<>();
    Map<String, Metric> metrics = new LinkedHashMap<>();
    for (Object directiveValue : directives) {
      Map<?, ?> directive = assertInstanceOf(Map.class, directiveValue, "a directive is an object");
      String namespace =
          assertInstanceOf(
              String.class,
              directive.get("Namespace"),
              "a directive needs a Namespace: " + directive);
      assertTrue(!namespace.isBlank() && namespace.length() <= 255, "Namespace: " + namespace);
      List<?> dimensionSets =
          assertInstanceOf(
              List.class,
              directive.get("Dimensions"),
              "a directive needs Dimensions: " + directive);
      List<List<String>> sets = new java.util.ArrayList<>();
      for (Object setValue : dimensionSets) {
        List<?> set = assertInstanceOf(List.class, setValue, "a dimension set is an array");
        assertTrue(set.size() <= 30, "a dimension set holds at most 30 dimensions: " + set);
        List<String> names = new java.util.ArrayList<>();
        for (Object nameValue : set) {
          String name = assertInstanceOf(String.class, nameValue, "a dimension name is a string");
          String value =
              assertInstanceOf(
                  String.class,
                  root.get(name),
                  "dimension " + name + " must be a string member at the root: " + line);
          assertTrue(
              !value.isBlank() && value.length() <= 1024, "dimension " + name + ": " + value);
          dimensions.put(name, value);
          names.add(name);
        }
        sets.add(List.copyOf(names));
      }
      List<?> definitions =
          assertInstanceOf(
              List.class, directive.get("Metrics"), "a directive needs Metrics: " + directive);
      assertTrue(
          !definitions.isEmpty() && definitions.size() <= 100,
          "a directive holds 1 to 100 metrics: " + definitions.size());
      for (Object definitionValue : definitions) {
        Map<?, ?> definition =
            assertInstanceOf(Map.class, definitionValue, "a metric is an object");
        String name =
            assertInstanceOf(String.class, definition.get("Name"), "a metric needs a Name");
        assertTrue(!name.isBlank() && name.length() <= 255, "metric name: " + name);
        Object unit = definition.get("Unit");
        if (unit != null) {
          assertTrue(
              UNITS.contains(unit),
              "metric " + name + " has unit " + unit + ", which CloudWatch does not know");
        }
        Object resolution = definition.get("StorageResolution");
        if (resolution != null) {
          assertTrue(
              resolution instanceof BigDecimal r && (r.intValue() == 1 || r.intValue() == 60),
              "StorageResolution must be 1 or 60: " + resolution);
        }
        Object value = root.get(name);
        if (value instanceof List<?> values) {
          assertTrue(!values.isEmpty() && values.size() <= 100, "metric " + name + " values");
          values.forEach(v -> assertInstanceOf(BigDecimal.class, v, "metric " + name + " values"));
          fail("dyndns53 writes one value per metric; " + name + " has an array");
        }
        BigDecimal number =
            assertInstanceOf(
                BigDecimal.class,
                value,
                "metric " + name + " must be a number at the root: " + line);
        assertFalse(metrics.containsKey(name), "metric " + name + " is defined twice");
        metrics.put(name, new Metric(namespace, name, (String) unit, number, List.copyOf(sets)));
      }
    }
    return new Parsed(timestamp.longValueExact(), dimensions, metrics);
  }
}
