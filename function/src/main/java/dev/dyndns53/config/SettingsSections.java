package dev.dyndns53.config;

import static dev.dyndns53.config.ConfigParser.DEFAULT_LOG_RETENTION_DAYS;
import static dev.dyndns53.config.ConfigParser.DEFAULT_PASSWORD_TTL;
import static dev.dyndns53.config.ConfigParser.DEFAULT_RECORD_STATE_TTL;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the small top-level sections: {@code responseStyle}, {@code logRetentionDays}, {@code
 * cache} and {@code alerts}.
 */
final class SettingsSections {
  /** The retention periods CloudWatch Logs accepts. */
  static final Set<Integer> LOG_RETENTION_DAYS =
      Set.of(
          1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
          2922, 3288, 3653);

  // Deliberately loose: one '@' with something on each side and a dot in the domain. SNS is the
  // real judge (it mails a confirmation link); this only catches a key filled with the wrong thing.
  private static final Pattern EMAIL = Pattern.compile("[^@\\s\"]+@[^@\\s\"]+\\.[^@\\s\".]+");

  private final ConfigProblems problems;

  SettingsSections(ConfigProblems problems) {
    this.problems = problems;
  }

  ResponseStyle parseResponseStyle(ConfigNode root) {
    Optional<ConfigNode> node = root.optional(ConfigKey.RESPONSE_STYLE);
    if (node.isEmpty()) {
      return ResponseStyle.DYNDNS2;
    }
    Optional<String> value = node.get().string();
    if (value.isEmpty()) {
      return ResponseStyle.DYNDNS2;
    }
    Optional<ResponseStyle> style = ResponseStyle.fromConfigName(value.get());
    if (style.isEmpty()) {
      problem(
          ConfigKey.RESPONSE_STYLE.dotted(),
          "\""
              + value.get()
              + "\" is not a response style; use \"dyndns2\" (the default)"
              + " or \"status-codes\"");
    }
    return style.orElse(ResponseStyle.DYNDNS2);
  }

  int parseRetention(ConfigNode root) {
    Optional<ConfigNode> node = root.optional(ConfigKey.LOG_RETENTION_DAYS);
    if (node.isEmpty()) {
      return DEFAULT_LOG_RETENTION_DAYS;
    }
    Optional<Long> days = node.get().integer(1, 3653, "days");
    if (days.isPresent() && !LOG_RETENTION_DAYS.contains(days.get().intValue())) {
      problem(
          ConfigKey.LOG_RETENTION_DAYS.dotted(),
          days.get()
              + " is not a period CloudWatch Logs offers; use one of "
              + new java.util.TreeSet<>(LOG_RETENTION_DAYS));
      return DEFAULT_LOG_RETENTION_DAYS;
    }
    return days.map(Long::intValue).orElse(DEFAULT_LOG_RETENTION_DAYS);
  }

  CacheConfig parseCache(ConfigNode root) {
    Optional<ConfigNode> node = root.optional(ConfigKey.CACHE);
    if (node.isEmpty()
        || !node.get().isObject("give an object such as {\"passwordSeconds\": 300}")) {
      return new CacheConfig(DEFAULT_PASSWORD_TTL, DEFAULT_RECORD_STATE_TTL);
    }
    ConfigNode cache = node.get();
    cache.allowOnly(ConfigKey.CACHE);
    Duration password =
        cache
            .optional(ConfigKey.CACHE_PASSWORD_SECONDS)
            .flatMap(n -> n.integer(0, 3600, "seconds from 0 (read every time) to 3600"))
            .map(Duration::ofSeconds)
            .orElse(DEFAULT_PASSWORD_TTL);
    Duration records =
        cache
            .optional(ConfigKey.CACHE_RECORD_STATE_SECONDS)
            .flatMap(
                n -> n.integer(0, 86_400, "seconds from 0 (read Route 53 every time) to 86400"))
            .map(Duration::ofSeconds)
            .orElse(DEFAULT_RECORD_STATE_TTL);
    return new CacheConfig(password, records);
  }

  AlertsConfig parseAlerts(ConfigNode root) {
    Optional<ConfigNode> node = root.optional(ConfigKey.ALERTS);
    if (node.isEmpty()
        || !node.get().isObject("give an object such as {\"email\": \"ops@example.com\"}")) {
      return AlertsConfig.NONE;
    }
    ConfigNode alerts = node.get();
    alerts.allowOnly(ConfigKey.ALERTS);
    Optional<String> email = alerts.optional(ConfigKey.ALERTS_EMAIL).flatMap(ConfigNode::string);
    if (email.isPresent() && !EMAIL.matcher(email.get()).matches()) {
      problem(
          alerts.path + ".email",
          "\""
              + email.get()
              + "\" is not an email address; use one such as"
              + " \"ops@example.com\", or leave the key out and subscribe to the alarm topic yourself");
      return AlertsConfig.NONE;
    }
    return new AlertsConfig(email);
  }

  private void problem(String path, String what) {
    problems.add(path, what);
  }
}
