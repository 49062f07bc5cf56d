package dev.dyndns53.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The CloudWatch Embedded Metric Format (EMF) members of one JSON log line. CloudWatch Logs turns
 * such a line into metrics by itself (Lambda sends its output there), so counting costs no API
 * call, no agent and no library on the request path: only these few map entries, merged into the
 * log line that is written anyway.
 *
 * <p>What {@link #rootMembers()} returns follows the EMF specification (CloudWatch User Guide,
 * "Specification: Embedded metric format"): an {@code _aws} object with the {@code Timestamp} in
 * epoch milliseconds and one {@code CloudWatchMetrics} directive per distinct list of dimension
 * sets, each naming its {@code Namespace}, {@code Dimensions} and {@code Metrics} ({@code Name},
 * {@code Unit}); every dimension and metric it names is a member at the root of the line.
 *
 * <pre>{@code
 * EmbeddedMetrics.at(clock.millis())
 *     .dimension("Stack", "Dyndns53")
 *     .metric("HealthChecks", Unit.COUNT, 1, EmbeddedMetrics.BY_STACK)
 *     .rootMembers()
 * }</pre>
 */
public final class EmbeddedMetrics {
  /** Every dyndns53 metric lives in this CloudWatch namespace. */
  public static final String NAMESPACE = "dyndns53";

  /** The dimension that tells stacks apart; its value is the stack name. */
  public static final String STACK = "Stack";

  /** The stack name when the environment names none: the local endpoint and tests. */
  public static final String DEFAULT_STACK_NAME = "local";

  /** The one dimension set most metrics use: per stack. */
  public static final List<List<String>> BY_STACK = List.of(List.of(STACK));

  /** EMF's limit on dimensions in one dimension set. */
  static final int MAX_DIMENSIONS_PER_SET = 30;

  /** EMF's limit on metrics in one directive. */
  static final int MAX_METRICS_PER_DIRECTIVE = 100;

  /** The CloudWatch units dyndns53 uses. */
  public enum Unit {
    COUNT("Count"),
    MILLISECONDS("Milliseconds");

    private final String text;

    Unit(String text) {
      this.text = text;
    }

    /** The unit as CloudWatch spells it. */
    public String text() {
      return text;
    }
  }

  private final long timestampMillis;
  private final Map<String, String> dimensions = new LinkedHashMap<>();
  private final Map<List<List<String>>, List<Map<String, Object>>> directives =
      new LinkedHashMap<>();
  private final Map<String, Long> values = new LinkedHashMap<>();

  private EmbeddedMetrics(long timestampMillis) {
    this.timestampMillis = timestampMillis;
  }

  /** A record whose metrics are stamped with this time, in milliseconds since the epoch. */
  public static EmbeddedMetrics at(long epochMillis) {
    return new EmbeddedMetrics(epochMillis);
  }

  /** Adds a dimension's value; dimension sets may then name it. */
  public EmbeddedMetrics dimension(String name, String value) {
    Objects.requireNonNull(name, "name");
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("dimension " + name + " needs a non-blank value");
    }
    dimensions.put(name, value);
    return this;
  }

  /**
   * Adds a metric. Metrics with equal dimension sets share one directive.
   *
   * @param dimensionSets the dimension combinations CloudWatch aggregates this metric by; every
   *     dimension named must have been added with {@link #dimension}
   */
  public EmbeddedMetrics metric(
      String name, Unit unit, long value, List<List<String>> dimensionSets) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    for (List<String> set : dimensionSets) {
      if (set.size() > MAX_DIMENSIONS_PER_SET) {
        throw new IllegalArgumentException(
            "a dimension set holds at most "
                + MAX_DIMENSIONS_PER_SET
                + " dimensions (EMF); "
                + name
                + " names "
                + set.size());
      }
    }
    if (values.putIfAbsent(name, value) != null) {
      throw new IllegalArgumentException("metric " + name + " is already in this record");
    }
    List<Map<String, Object>> metrics =
        directives.computeIfAbsent(List.copyOf(dimensionSets), sets -> new ArrayList<>());
    if (metrics.size() == MAX_METRICS_PER_DIRECTIVE) {
      throw new IllegalArgumentException(
          "a directive holds at most " + MAX_METRICS_PER_DIRECTIVE + " metrics (EMF)");
    }
    Map<String, Object> definition = new LinkedHashMap<>();
    definition.put("Name", name);
    definition.put("Unit", unit.text());
    metrics.add(definition);
    return this;
  }

  /**
   * The members to put at the root of the log line: {@code _aws}, the dimensions and the metric
   * values, in that order.
   *
   * @throws IllegalStateException when a dimension set names a dimension that has no value
   */
  public Map<String, Object> rootMembers() {
    List<Object> cloudWatchMetrics = new ArrayList<>();
    directives.forEach(
        (dimensionSets, metrics) -> {
          for (List<String> set : dimensionSets) {
            for (String dimension : set) {
              if (!dimensions.containsKey(dimension)) {
                throw new IllegalStateException(
                    "dimension "
                        + dimension
                        + " is named by a dimension set"
                        + " but has no value; EMF needs every dimension at the root of the line");
              }
            }
          }
          Map<String, Object> directive = new LinkedHashMap<>();
          directive.put("Namespace", NAMESPACE);
          directive.put("Dimensions", dimensionSets);
          directive.put("Metrics", List.copyOf(metrics));
          cloudWatchMetrics.add(directive);
        });
    Map<String, Object> aws = new LinkedHashMap<>();
    aws.put("Timestamp", timestampMillis);
    aws.put("CloudWatchMetrics", cloudWatchMetrics);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("_aws", aws);
    root.putAll(dimensions);
    root.putAll(values);
    return root;
  }
}
