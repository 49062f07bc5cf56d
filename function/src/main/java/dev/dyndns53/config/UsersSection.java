package dev.dyndns53.config;

import dev.dyndns53.records.HostNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code users}: each login with the configured hosts it may change. */
final class UsersSection {
  // User names become part of Secrets Manager secret names, so they keep to the characters those
  // allow, minus '/', which would read as a path.
  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._+=@-]{1,64}");

  private final ConfigProblems problems;

  UsersSection(ConfigProblems problems) {
    this.problems = problems;
  }

  Map<String, UserConfig> parseUsers(ConfigNode root, Set<String> declaredHosts) {
    Map<String, UserConfig> users = new LinkedHashMap<>();
    Optional<ConfigNode> usersNode =
        root.required(
            ConfigKey.USERS,
            "add a \"users\" object mapping each login to the hosts it may update");
    if (usersNode.isEmpty()
        || !usersNode.get().isObject("map each user name to {\"hosts\": [\"…\"]}")) {
      return users;
    }
    if (usersNode.get().entries().isEmpty()) {
      problem(
          ConfigKey.USERS.dotted(),
          "is empty; add at least one user, such as \"edgerouter\": {\"hosts\": [\"home.example.com\"]}");
    }
    for (Map.Entry<String, ConfigNode> entry : usersNode.get().entries().entrySet()) {
      String name = entry.getKey();
      ConfigNode user = entry.getValue();
      if (name.indexOf(':') >= 0) {
        problem(
            user.path,
            "contains ':', which ends the user name in HTTP basic auth, so this user could"
                + " never log in; rename it without ':'");
        continue;
      }
      if (!USER_NAME.matcher(name).matches()) {
        problem(
            user.path,
            "is not a usable user name; use 1 to 64 of the characters A-Z a-z 0-9 . _ + = @ -");
        continue;
      }
      if (!user.isObject("give the user an object such as {\"hosts\": [\"home.example.com\"]}")) {
        continue;
      }
      user.allowOnly(ConfigKey.USER);
      List<String> granted = new ArrayList<>();
      Optional<List<ConfigNode>> items =
          user.required(ConfigKey.USER_HOSTS, "list the hosts this user may update")
              .flatMap(h -> h.array("list host names, such as [\"home.example.com\"]"));
      if (items.isPresent() && items.get().isEmpty()) {
        problem(user.path + ".hosts", "is empty; list at least one host this user may update");
      }
      for (ConfigNode item : items.orElse(List.of())) {
        Optional<String> raw = item.string();
        if (raw.isEmpty()) {
          continue;
        }
        Optional<String> host = HostNames.canonical(raw.get());
        if (host.isEmpty() || !declaredHosts.contains(host.get())) {
          problem(
              item.path,
              "\""
                  + raw.get()
                  + "\" is not a configured host; add it under \"hosts\" or"
                  + " remove it from this list");
        } else if (granted.contains(host.get())) {
          problem(item.path, "\"" + raw.get() + "\" is listed twice for this user; keep one");
        } else {
          granted.add(host.get());
        }
      }
      users.put(name, new UserConfig(name, granted));
    }
    return users;
  }

  private void problem(String path, String what) {
    problems.add(path, what);
  }
}
