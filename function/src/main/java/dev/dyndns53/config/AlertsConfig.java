package dev.dyndns53.config;

import java.util.Optional;

/**
 * Where the stack's alarms are sent. The alarm topic exists either way; an address only adds an
 * email subscription to it (SNS mails the address a confirmation link first).
 *
 * @param email the address to subscribe, if any
 */
public record AlertsConfig(Optional<String> email) {
  public static final AlertsConfig NONE = new AlertsConfig(Optional.empty());
}
