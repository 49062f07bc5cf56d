package dev.dyndns53.config;

import dev.dyndns53.json.Json;
import dev.dyndns53.json.JsonSyntaxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads and validates a dyndns53 configuration file, one section parser per top-level key, each
 * reading its keys through the {@link ConfigKey} registry. Every problem found is reported, each as
 * one sentence that names the file, the key and the fix, so an operator fixes the file in one pass.
 */
public final class ConfigParser {
  public static final long DEFAULT_TTL = 60;
  public static final String DEFAULT_STAGE = "v1";
  // API Gateway's own default is 10,000 requests per second; a DDNS endpoint sees a handful per
  // router per hour, and Route 53 allows 5 API calls per second per account.
  public static final int DEFAULT_LOG_RETENTION_DAYS = 30;
  public static final Duration DEFAULT_PASSWORD_TTL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_RECORD_STATE_TTL = Duration.ofMinutes(5);

  /** The longest DNS name, in its text form without the trailing dot (RFC 1035, 2.3.4). */
  static final int MAX_DNS_NAME_LENGTH = 253;

  /** Route 53 accepts TTLs from 0 to 2^31-1 seconds. */
  static final long MAX_TTL = 2_147_483_647L;

  private final String source;

  private ConfigParser(String source) {
    this.source = source;
  }

  /** Reads and validates the file at {@code path}. */
  public static Dyndns53Config load(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException missing) {
      throw new ConfigException(
          List.of(
              path
                  + ": file not found; copy config/dyndns53.json and edit it, or pass the right path"));
    } catch (IOException unreadable) {
      throw new ConfigException(
          List.of(path + ": cannot be read (" + unreadable.getMessage() + ")"));
    }
    return parse(path.toString(), text);
  }

  /**
   * Validates configuration text.
   *
   * @param source the file name to put in messages
   */
  public static Dyndns53Config parse(String source, String text) {
    return new ConfigParser(source).parse(text);
  }

  private Dyndns53Config parse(String text) {
    Object document;
    try {
      document = Json.parse(text);
    } catch (JsonSyntaxException syntax) {
      throw new ConfigException(List.of(source + ": not valid JSON at " + syntax.getMessage()));
    }
    if (!(document instanceof Map<?, ?>)) {
      throw new ConfigException(
          List.of(source + ": the file must hold one JSON object with \"hosts\" and \"users\""));
    }
    ConfigProblems problems = new ConfigProblems(source);
    ConfigNode root = ConfigNode.root(document, problems);
    root.allowOnly(null);

    HostsSection hostsSection = new HostsSection(problems);
    Map<String, HostConfig> hosts = hostsSection.parseHosts(root);
    Map<String, UserConfig> users =
        new UsersSection(problems).parseUsers(root, hostsSection.declaredHosts());
    ApiConfig api = new ApiSection(problems).parseApi(root);
    SettingsSections settings = new SettingsSections(problems);
    ResponseStyle style = settings.parseResponseStyle(root);
    int retention = settings.parseRetention(root);
    CacheConfig cache = settings.parseCache(root);
    AlertsConfig alerts = settings.parseAlerts(root);
    // Issue 17: history, notifications and the status page read their own keys.
    ActivityConfig activity = new ActivityConfigParser(problems).parse(root);

    problems.throwIfAny();
    return new Dyndns53Config(hosts, users, api, style, retention, cache, alerts, activity);
  }
}
