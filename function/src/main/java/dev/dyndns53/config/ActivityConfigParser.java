package dev.dyndns53.config;

import dev.dyndns53.records.HostNames;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Reads the keys of issue 17 from a parsed configuration document: the {@code history} and {@code
 * notify} sections, {@code email} on hosts, and {@code email}, {@code webhook} and {@code admin} on
 * users. {@link ConfigParser} checks everything else (host names, unknown keys) and calls this
 * once; entries it reports are skipped here, so one mistake gives one message.
 */
final class ActivityConfigParser {
  // As ConfigParser's alerts.email: loose on purpose, SNS confirms the address by mail.
  private static final Pattern EMAIL = Pattern.compile("[^@\\s\"]+@[^@\\s\"]+\\.[^@\\s\".]+");
  // Plain http only to this machine: the local endpoint's tests and a receiver on the same host.
  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

  private final BiConsumer<String, String> problem;

  private ActivityConfigParser(BiConsumer<String, String> problem) {
    this.problem = problem;
  }

  /**
   * @param document the whole configuration object
   * @param problem receives (key path, what is wrong and how to fix it) for each problem
   */
  static ActivityConfig parse(Map<String, Object> document, BiConsumer<String, String> problem) {
    return new ActivityConfigParser(problem).parse(document);
  }

  private ActivityConfig parse(Map<String, Object> document) {
    int days = ActivityConfig.DEFAULT_HISTORY_DAYS;
    boolean keepSource = true;
    Map<String, Object> history = object(document.get("history"), "history");
    if (history != null) {
      allowOnly(history, "history", "days", "sourceAddress");
      // DynamoDB's TTL takes any time; 3653 days (ten years) keeps the timeline readable.
      days = integer(history.get("days"), "history.days", 1, 3653, days);
      keepSource = bool(history.get("sourceAddress"), "history.sourceAddress", keepSource);
    }
    int silentDays = ActivityConfig.DEFAULT_SILENT_DAYS;
    Map<String, Object> notify = object(document.get("notify"), "notify");
    if (notify != null) {
      allowOnly(notify, "notify", "silentDays");
      silentDays = integer(notify.get("silentDays"), "notify.silentDays", 1, 365, silentDays);
    }
    if (silentDays >= days) {
      problem.accept(
          "notify.silentDays",
          silentDays
              + " is not shorter than history.days ("
              + days
              + "), so a silent host could never be noticed; make it shorter");
    }

    Map<String, List<String>> hostEmails = new LinkedHashMap<>();
    if (document.get("hosts") instanceof Map<?, ?> hosts) {
      hosts.forEach(
          (rawName, value) -> {
            Optional<String> name = HostNames.canonical(String.valueOf(rawName));
            if (name.isPresent() && value instanceof Map<?, ?> host && host.get("email") != null) {
              List<String> emails =
                  emails(host.get("email"), "hosts." + quoted(rawName) + ".email");
              if (!emails.isEmpty()) {
                hostEmails.put(name.get(), emails);
              }
            }
          });
    }
    Map<String, ActivityConfig.UserSettings> users = new LinkedHashMap<>();
    if (document.get("users") instanceof Map<?, ?> userMap) {
      userMap.forEach(
          (name, value) -> {
            if (!(value instanceof Map<?, ?> user)) {
              return;
            }
            String path = "users." + quoted(name);
            List<String> emails =
                user.get("email") == null ? List.of() : emails(user.get("email"), path + ".email");
            Optional<URI> webhook = webhook(user.get("webhook"), path + ".webhook");
            boolean admin = bool(user.get("admin"), path + ".admin", false);
            if (!emails.isEmpty() || webhook.isPresent() || admin) {
              users.put(
                  String.valueOf(name), new ActivityConfig.UserSettings(emails, webhook, admin));
            }
          });
    }
    return new ActivityConfig(days, keepSource, silentDays, hostEmails, users);
  }

  private static String quoted(Object key) {
    String text = String.valueOf(key);
    return text.matches("[A-Za-z][A-Za-z0-9]*") ? text : "\"" + text + "\"";
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> object(Object value, String path) {
    if (value == null) {
      return null;
    }
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    problem.accept(path, "must be an object; see docs/status-page.md for its keys");
    return null;
  }

  private void allowOnly(Map<String, Object> map, String path, String... keys) {
    List<String> allowed = List.of(keys);
    for (String key : map.keySet()) {
      if (!allowed.contains(key)) {
        problem.accept(
            path + "." + key,
            "is not a known key; the keys here are "
                + String.join(", ", allowed)
                + " (see docs/status-page.md)");
      }
    }
  }

  private int integer(Object value, String path, int min, int max, int fallback) {
    if (value == null) {
      return fallback;
    }
    if (value instanceof BigDecimal n) {
      try {
        int v = n.intValueExact();
        if (v >= min && v <= max) {
          return v;
        }
      } catch (ArithmeticException notWhole) {
        // reported below
      }
    }
    problem.accept(
        path, "must be a whole number from " + min + " to " + max + " (days), not " + value);
    return fallback;
  }

  private boolean bool(Object value, String path, boolean fallback) {
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    problem.accept(path, "must be true or false (without quotes)");
    return fallback;
  }

  private List<String> emails(Object value, String path) {
    List<Object> items = value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
    List<String> emails = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof String s && EMAIL.matcher(s).matches()) {
        if (!emails.contains(s)) {
          emails.add(s);
        }
      } else {
        problem.accept(
            path,
            "\""
                + item
                + "\" is not an email address; give one address such as \"ana@example.com\","
                + " or a list of them");
      }
    }
    return emails;
  }

  private Optional<URI> webhook(Object value, String path) {
    if (value == null) {
      return Optional.empty();
    }
    String fix =
        "; give an https URL such as \"https://gotify.example.com/message?token=…\""
            + " (plain http only to localhost)";
    if (!(value instanceof String text)) {
      problem.accept(path, "must be a string" + fix);
      return Optional.empty();
    }
    try {
      URI uri = new URI(text);
      boolean https = "https".equals(uri.getScheme()) && uri.getHost() != null;
      boolean local = "http".equals(uri.getScheme()) && LOCAL_HOSTS.contains(uri.getHost());
      if (https || local) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException malformed) {
      // reported below
    }
    // The URL may carry a token, so the message names the key, not the value.
    problem.accept(path, "is not a usable webhook URL" + fix);
    return Optional.empty();
  }
}
