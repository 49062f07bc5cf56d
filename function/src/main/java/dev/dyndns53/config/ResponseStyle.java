package dev.dyndns53.config;

import java.util.Optional;

/** How protocol outcomes map to HTTP statuses. */
public enum ResponseStyle {
  /**
   * 200 for every protocol outcome with the token in the body, 401 for missing or bad credentials,
   * 5xx for trouble a client should retry later. The only mapping under which ddclient shows its
   * user why an update failed.
   */
  DYNDNS2("dyndns2"),
  /** The original DynDNS53 mapping: 400, 401, 403, 404 and 500 per error token. */
  STATUS_CODES("status-codes");

  private final String configName;

  ResponseStyle(String configName) {
    this.configName = configName;
  }

  /** The spelling used in the configuration file. */
  public String configName() {
    return configName;
  }

  public static Optional<ResponseStyle> fromConfigName(String name) {
    for (ResponseStyle style : values()) {
      if (style.configName.equals(name)) {
        return Optional.of(style);
      }
    }
    return Optional.empty();
  }
}
