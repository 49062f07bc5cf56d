package dev.dyndns53.config;

import java.util.Map;
import java.util.Optional;

/**
 * A validated dyndns53 deployment: everything the stack and the function need to know.
 *
 * @param hosts the hosts by canonical name, in configuration order
 * @param users the users by name, in configuration order
 * @param api the API Gateway stage
 * @param responseStyle how outcomes map to HTTP statuses
 * @param logRetentionDays how long CloudWatch keeps the function's and the API's logs
 * @param cache how long the function trusts passwords and records it read before
 * @param alerts where the stack's alarms are sent
 * @param activity history, notifications and the status page (issue 17)
 */
public record Dyndns53Config(
    Map<String, HostConfig> hosts,
    Map<String, UserConfig> users,
    ApiConfig api,
    ResponseStyle responseStyle,
    int logRetentionDays,
    CacheConfig cache,
    AlertsConfig alerts,
    ActivityConfig activity) {

  /** A configuration with {@link ActivityConfig#DEFAULTS}. */
  public Dyndns53Config(
      Map<String, HostConfig> hosts,
      Map<String, UserConfig> users,
      ApiConfig api,
      ResponseStyle responseStyle,
      int logRetentionDays,
      CacheConfig cache,
      AlertsConfig alerts) {
    this(
        hosts, users, api, responseStyle, logRetentionDays, cache, alerts, ActivityConfig.DEFAULTS);
  }

  public Dyndns53Config {
    hosts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hosts));
    users = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(users));
  }

  public Optional<HostConfig> host(String canonicalName) {
    return Optional.ofNullable(hosts.get(canonicalName));
  }

  public Optional<UserConfig> user(String name) {
    return Optional.ofNullable(users.get(name));
  }
}
