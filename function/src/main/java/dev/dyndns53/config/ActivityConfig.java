package dev.dyndns53.config;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the function remembers and tells about its hosts (issue 17): the history table's window, who
 * hears about changes, and who sees every host on the status page.
 *
 * @param historyDays how long history items are kept and shown ({@code history.days})
 * @param keepSourceAddress whether history items carry the request's source address ({@code
 *     history.sourceAddress})
 * @param silentDays after how many days without a request a host's subscribers hear that its
 *     updates stopped ({@code notify.silentDays})
 * @param hostEmails addresses subscribed to one host, by canonical host name ({@code
 *     hosts.<name>.email})
 * @param users per-user settings, by user name; users without any are absent
 */
public record ActivityConfig(
    int historyDays,
    boolean keepSourceAddress,
    int silentDays,
    Map<String, List<String>> hostEmails,
    Map<String, UserSettings> users) {

  public static final int DEFAULT_HISTORY_DAYS = 400;
  public static final int DEFAULT_SILENT_DAYS = 3;

  /** Everything at its default: no subscriptions, no webhooks, no administrators. */
  public static final ActivityConfig DEFAULTS =
      new ActivityConfig(DEFAULT_HISTORY_DAYS, true, DEFAULT_SILENT_DAYS, Map.of(), Map.of());

  public ActivityConfig {
    hostEmails = Collections.unmodifiableMap(new LinkedHashMap<>(hostEmails));
    users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
  }

  /** The user's settings, or none at all. */
  public UserSettings user(String name) {
    return users.getOrDefault(name, UserSettings.NONE);
  }

  /**
   * One user's settings.
   *
   * @param emails addresses that hear about every host of this user ({@code users.<name>.email})
   * @param webhook the URL the function POSTs each notification to ({@code users.<name>.webhook})
   * @param admin whether the status page shows this user every host ({@code users.<name>.admin})
   */
  public record UserSettings(List<String> emails, Optional<URI> webhook, boolean admin) {
    public static final UserSettings NONE = new UserSettings(List.of(), Optional.empty(), false);

    public UserSettings {
      emails = List.copyOf(emails);
    }
  }
}
