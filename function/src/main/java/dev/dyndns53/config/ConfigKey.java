package dev.dyndns53.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every key of the configuration file: the one registry the section parsers read keys through (so a
 * key cannot be parsed without being listed here) and the list the documentation's reference table
 * is checked against. Keys under a map of names chosen by the operator (a host name, a user name)
 * are written with {@code *}, as docs/configuration.md writes them: {@code hosts.*.zoneId}.
 */
public enum ConfigKey {
  HOSTS(null, "hosts"),
  HOST(HOSTS, ConfigKey.NAME),
  HOST_ZONE_ID(HOST, "zoneId"),
  HOST_TTL(HOST, "ttl"),
  HOST_RECORD_TYPES(HOST, "recordTypes"),
  HOST_ALLOW_NON_PUBLIC(HOST, "allowNonPublic"),
  HOST_IPV6_INTERFACE_ID(HOST, "ipv6InterfaceId"),
  HOST_ACME(HOST, "acme"),
  HOST_EMAIL(HOST, "email"),
  USERS(null, "users"),
  USER(USERS, ConfigKey.NAME),
  USER_HOSTS(USER, "hosts"),
  USER_EMAIL(USER, "email"),
  USER_WEBHOOK(USER, "webhook"),
  USER_ADMIN(USER, "admin"),
  API(null, "api"),
  API_STAGE_NAME(API, "stageName"),
  API_THROTTLING(API, "throttling"),
  // The update endpoint's limits directly under throttling, as earlier releases wrote them.
  API_THROTTLING_RATE_LIMIT(API_THROTTLING, "rateLimit"),
  API_THROTTLING_BURST_LIMIT(API_THROTTLING, "burstLimit"),
  API_THROTTLING_UPDATE(API_THROTTLING, "update"),
  API_THROTTLING_UPDATE_RATE_LIMIT(API_THROTTLING_UPDATE, "rateLimit"),
  API_THROTTLING_UPDATE_BURST_LIMIT(API_THROTTLING_UPDATE, "burstLimit"),
  API_THROTTLING_UPDATE_POST_SHARE(API_THROTTLING_UPDATE, "postShare"),
  API_THROTTLING_CHECKIP(API_THROTTLING, "checkip"),
  API_THROTTLING_CHECKIP_RATE_LIMIT(API_THROTTLING_CHECKIP, "rateLimit"),
  API_THROTTLING_CHECKIP_BURST_LIMIT(API_THROTTLING_CHECKIP, "burstLimit"),
  API_THROTTLING_ACME(API_THROTTLING, "acme"),
  API_THROTTLING_ACME_RATE_LIMIT(API_THROTTLING_ACME, "rateLimit"),
  API_THROTTLING_ACME_BURST_LIMIT(API_THROTTLING_ACME, "burstLimit"),
  API_THROTTLING_STATUS(API_THROTTLING, "status"),
  API_THROTTLING_STATUS_RATE_LIMIT(API_THROTTLING_STATUS, "rateLimit"),
  API_THROTTLING_STATUS_BURST_LIMIT(API_THROTTLING_STATUS, "burstLimit"),
  API_CUSTOM_DOMAIN(API, "customDomain"),
  API_CUSTOM_DOMAIN_DOMAIN_NAME(API_CUSTOM_DOMAIN, "domainName"),
  API_CUSTOM_DOMAIN_CERTIFICATE_ARN(API_CUSTOM_DOMAIN, "certificateArn"),
  RESPONSE_STYLE(null, "responseStyle"),
  LOG_RETENTION_DAYS(null, "logRetentionDays"),
  CACHE(null, "cache"),
  CACHE_PASSWORD_SECONDS(CACHE, "passwordSeconds"),
  CACHE_RECORD_STATE_SECONDS(CACHE, "recordStateSeconds"),
  ALERTS(null, "alerts"),
  ALERTS_EMAIL(ALERTS, "email"),
  HISTORY(null, "history"),
  HISTORY_DAYS(HISTORY, "days"),
  HISTORY_SOURCE_ADDRESS(HISTORY, "sourceAddress"),
  NOTIFY(null, "notify"),
  NOTIFY_SILENT_DAYS(NOTIFY, "silentDays");

  /** The segment that stands for a name the operator chooses. */
  public static final String NAME = "*";

  private final ConfigKey parent;
  private final String key;

  ConfigKey(ConfigKey parent, String key) {
    this.parent = parent;
    this.key = key;
  }

  /** The JSON key itself, such as {@code rateLimit}; {@value #NAME} for a named entry. */
  public String key() {
    return key;
  }

  /** The whole dotted path, such as {@code api.throttling.rateLimit}. */
  public String dotted() {
    return parent == null ? key : parent.dotted() + "." + key;
  }

  /** The keys an object at this key may hold (the top level for {@code null}). */
  static Set<String> keysUnder(ConfigKey parent) {
    Set<String> out = new LinkedHashSet<>();
    for (ConfigKey child : values()) {
      if (child.parent == parent) {
        out.add(child.key);
      }
    }
    return out;
  }

  /**
   * The keys the reference table documents: every key the file may hold, the objects that group
   * keys ({@code api}, {@code cache}, ...) included, but not the named entries themselves.
   */
  public static List<String> documented() {
    List<String> out = new ArrayList<>();
    for (ConfigKey key : values()) {
      if (!key.key.equals(NAME)) {
        out.add(key.dotted());
      }
    }
    return out;
  }
}
