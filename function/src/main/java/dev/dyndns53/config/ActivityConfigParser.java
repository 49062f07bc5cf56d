package dev.dyndns53.config;

import dev.dyndns53.records.HostNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the keys of issue 17, each through the {@link ConfigKey} registry: the {@code history} and
 * {@code notify} sections, {@code email} on hosts, and {@code email}, {@code webhook} and {@code
 * admin} on users. The other section parsers check everything else (host names, unknown keys);
 * entries they report are skipped here, so one mistake gives one message.
 */
final class ActivityConfigParser {
  // As alerts.email: loose on purpose, SNS confirms the address by mail.
  private static final Pattern EMAIL = Pattern.compile("[^@\\s\"]+@[^@\\s\"]+\\.[^@\\s\".]+");
  // Plain http only to this machine: the local endpoint's tests and a receiver on the same host.
  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

  private final ConfigProblems problems;

  ActivityConfigParser(ConfigProblems problems) {
    this.problems = problems;
  }

  /** The activity settings of the document whose top level is {@code root}. */
  ActivityConfig parse(ConfigNode root) {
    int days = ActivityConfig.DEFAULT_HISTORY_DAYS;
    boolean keepSource = true;
    Optional<ConfigNode> history =
        root.optional(ConfigKey.HISTORY).filter(h -> h.isObject(SEE_DOCS));
    if (history.isPresent()) {
      history.get().allowOnly(ConfigKey.HISTORY);
      // DynamoDB's TTL takes any time; 3653 days (ten years) keeps the timeline readable.
      days = days(history.get(), ConfigKey.HISTORY_DAYS, 3653, days);
      keepSource =
          history
              .get()
              .optional(ConfigKey.HISTORY_SOURCE_ADDRESS)
              .flatMap(ConfigNode::bool)
              .orElse(keepSource);
    }
    int silentDays = ActivityConfig.DEFAULT_SILENT_DAYS;
    Optional<ConfigNode> notify = root.optional(ConfigKey.NOTIFY).filter(n -> n.isObject(SEE_DOCS));
    if (notify.isPresent()) {
      notify.get().allowOnly(ConfigKey.NOTIFY);
      silentDays = days(notify.get(), ConfigKey.NOTIFY_SILENT_DAYS, 365, silentDays);
    }
    if (silentDays >= days) {
      problems.add(
          ConfigKey.NOTIFY_SILENT_DAYS.dotted(),
          silentDays
              + " is not shorter than history.days ("
              + days
              + "), so a silent host could never be noticed; make it shorter");
    }
    return new ActivityConfig(days, keepSource, silentDays, hostEmails(root), users(root));
  }

  private static final String SEE_DOCS = "see docs/status-page.md for its keys";

  private Map<String, List<String>> hostEmails(ConfigNode root) {
    Map<String, List<String>> hostEmails = new LinkedHashMap<>();
    Optional<ConfigNode> hosts = root.optional(ConfigKey.HOSTS);
    if (hosts.isEmpty() || !(hosts.get().value instanceof Map<?, ?>)) {
      return hostEmails;
    }
    hosts
        .get()
        .entries()
        .forEach(
            (rawName, host) -> {
              Optional<String> name = HostNames.canonical(rawName);
              if (name.isPresent() && host.value instanceof Map<?, ?>) {
                host.optional(ConfigKey.HOST_EMAIL)
                    .map(this::emails)
                    .filter(emails -> !emails.isEmpty())
                    .ifPresent(emails -> hostEmails.put(name.get(), emails));
              }
            });
    return hostEmails;
  }

  private Map<String, ActivityConfig.UserSettings> users(ConfigNode root) {
    Map<String, ActivityConfig.UserSettings> users = new LinkedHashMap<>();
    Optional<ConfigNode> userMap = root.optional(ConfigKey.USERS);
    if (userMap.isEmpty() || !(userMap.get().value instanceof Map<?, ?>)) {
      return users;
    }
    userMap
        .get()
        .entries()
        .forEach(
            (name, user) -> {
              if (!(user.value instanceof Map<?, ?>)) {
                return;
              }
              List<String> emails =
                  user.optional(ConfigKey.USER_EMAIL).map(this::emails).orElse(List.of());
              Optional<URI> webhook = user.optional(ConfigKey.USER_WEBHOOK).flatMap(this::webhook);
              boolean admin =
                  user.optional(ConfigKey.USER_ADMIN).flatMap(ConfigNode::bool).orElse(false);
              if (!emails.isEmpty() || webhook.isPresent() || admin) {
                users.put(name, new ActivityConfig.UserSettings(emails, webhook, admin));
              }
            });
    return users;
  }

  private int days(ConfigNode section, ConfigKey key, int max, int fallback) {
    return section
        .optional(key)
        .flatMap(n -> n.integer(1, max, "days"))
        .map(Long::intValue)
        .orElse(fallback);
  }

  /** One address or a list of them. */
  private List<String> emails(ConfigNode node) {
    List<ConfigNode> items =
        node.value instanceof List<?>
            ? node.array("list addresses such as [\"ana@example.com\"]").orElse(List.of())
            : List.of(node);
    List<String> emails = new ArrayList<>();
    for (ConfigNode item : items) {
      if (item.value instanceof String s && EMAIL.matcher(s).matches()) {
        if (!emails.contains(s)) {
          emails.add(s);
        }
      } else {
        problems.add(
            node.path,
            "\""
                + item.value
                + "\" is not an email address; give one address such as \"ana@example.com\","
                + " or a list of them");
      }
    }
    return emails;
  }

  private Optional<URI> webhook(ConfigNode node) {
    Object value = node.value;
    String path = node.path;
    String fix =
        "; give an https URL such as \"https://gotify.example.com/message?token=…\""
            + " (plain http only to localhost)";
    if (!(value instanceof String text)) {
      problems.add(path, "must be a string" + fix);
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
    problems.add(path, "is not a usable webhook URL" + fix);
    return Optional.empty();
  }
}
