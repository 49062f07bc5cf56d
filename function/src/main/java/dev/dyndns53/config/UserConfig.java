package dev.dyndns53.config;

import java.util.List;

/**
 * One user (a router's login) and the hosts it may update.
 *
 * @param name the basic-auth user name
 * @param hosts canonical names of the hosts this user may update, in configuration order
 */
public record UserConfig(String name, List<String> hosts) {
  public UserConfig {
    hosts = List.copyOf(hosts);
  }

  public boolean mayUpdate(String canonicalHost) {
    return hosts.contains(canonicalHost);
  }
}
