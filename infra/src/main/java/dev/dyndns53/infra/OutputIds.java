package dev.dyndns53.infra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * CloudFormation output ids are alphanumeric, user names are not ({@code office-unifi}). Each
 * user gets a readable suffix ({@code OfficeUnifi}); names that would collide ({@code a.b} and
 * {@code a-b}) or keep no letters get a short hash of the real name added, so every id is unique
 * and stays the same from one deployment to the next.
 */
final class OutputIds {
  private OutputIds() {}

  static Map<String, String> forUsers(Collection<String> users) {
    Map<String, String> readable = new LinkedHashMap<>();
    for (String user : users) {
      readable.put(user, readable(user));
    }
    Map<String, Long> counts = readable.values().stream()
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    Map<String, String> ids = new LinkedHashMap<>();
    readable.forEach((user, id) ->
        ids.put(user, id.isEmpty() || counts.get(id) > 1 ? id + "X" + shortHash(user) : id));
    return ids;
  }

  private static String readable(String user) {
    StringBuilder out = new StringBuilder();
    for (String part : user.split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
      }
    }
    return out.toString();
  }

  private static String shortHash(String user) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(user.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().withUpperCase().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
