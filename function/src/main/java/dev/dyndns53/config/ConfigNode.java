package dev.dyndns53.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A value in the configuration document with the key path that leads to it; reads keys through the
 * {@link ConfigKey} registry and reports what is wrong with a value where it is read.
 */
final class ConfigNode {
  final String path;
  final Object value;
  private final ConfigProblems problems;

  ConfigNode(String path, Object value, ConfigProblems problems) {
    this.path = path;
    this.value = value;
    this.problems = problems;
  }

  /** The document's top level. */
  static ConfigNode root(Object document, ConfigProblems problems) {
    return new ConfigNode("", document, problems);
  }

  /** Reports a problem at {@code at}, a path below or at this node. */
  void problem(String at, String what) {
    problems.add(at, what);
  }

  private String child(String key) {
    String segment = key.matches("[A-Za-z][A-Za-z0-9]*") ? key : "\"" + key + "\"";
    return path.isEmpty() ? segment : path + "." + segment;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> map() {
    return (Map<String, Object>) value;
  }

  boolean isObject(String fix) {
    if (value instanceof Map<?, ?>) {
      return true;
    }
    problem(path, "must be an object; " + fix);
    return false;
  }

  Map<String, ConfigNode> entries() {
    Map<String, ConfigNode> out = new LinkedHashMap<>();
    map().forEach((k, v) -> out.put(k, new ConfigNode(child(k), v, problems)));
    return out;
  }

  /** Reports every key of this object that the registry does not list under {@code section}. */
  void allowOnly(ConfigKey section) {
    Set<String> allowed = ConfigKey.keysUnder(section);
    for (String key : map().keySet()) {
      if (!allowed.contains(key)) {
        problem(
            child(key),
            "is not a known key; the keys here are "
                + String.join(", ", allowed)
                + " (check the spelling against docs/configuration.md)");
      }
    }
  }

  Optional<ConfigNode> optional(ConfigKey registered) {
    String key = registered.key();
    Object v = map().get(key);
    return v == null ? Optional.empty() : Optional.of(new ConfigNode(child(key), v, problems));
  }

  Optional<ConfigNode> required(ConfigKey key, String fix) {
    Optional<ConfigNode> node = optional(key);
    if (node.isEmpty()) {
      problem(child(key.key()), "is missing; " + fix);
    }
    return node;
  }

  Optional<String> string() {
    if (value instanceof String s) {
      return Optional.of(s);
    }
    problem(path, "must be a string in double quotes");
    return Optional.empty();
  }

  Optional<Boolean> bool() {
    if (value instanceof Boolean b) {
      return Optional.of(b);
    }
    problem(path, "must be true or false (without quotes)");
    return Optional.empty();
  }

  Optional<List<ConfigNode>> array(String fix) {
    if (!(value instanceof List<?> list)) {
      problem(path, "must be a list; " + fix);
      return Optional.empty();
    }
    List<ConfigNode> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(new ConfigNode(path + "[" + i + "]", list.get(i), problems));
    }
    return Optional.of(out);
  }

  Optional<Long> integer(long min, long max, String unit) {
    if (value instanceof BigDecimal n) {
      try {
        long v = n.longValueExact();
        if (v >= min && v <= max) {
          return Optional.of(v);
        }
      } catch (ArithmeticException notWhole) {
        // reported below
      }
    }
    problem(
        path,
        "must be a whole number from " + min + " to " + max + " (" + unit + "), not " + value);
    return Optional.empty();
  }

  Optional<Double> number(double min, double max, String unit) {
    if (value instanceof BigDecimal n && n.doubleValue() >= min && n.doubleValue() <= max) {
      return Optional.of(n.doubleValue());
    }
    problem(path, "must be a number up to " + (long) max + " (" + unit + "), not " + value);
    return Optional.empty();
  }
}
