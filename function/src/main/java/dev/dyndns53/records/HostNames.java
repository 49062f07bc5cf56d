package dev.dyndns53.records;

import java.util.Locale;
import java.util.Optional;

/** Fully qualified host names as dyndns53 accepts them, and their Route 53 spellings. */
public final class HostNames {
  private static final int MAX_NAME_LENGTH = 253;
  private static final int MAX_LABEL_LENGTH = 63;

  private HostNames() {}

  /**
   * Returns the canonical form of a host name (lower case, no trailing dot), or empty when it is
   * not a fully qualified name: at least two labels of ASCII letters, digits and inner hyphens.
   * Names in any other script must arrive in their {@code xn--} form, as routers send them.
   */
  public static Optional<String> canonical(String name) {
    if (name == null) {
      return Optional.empty();
    }
    // ASCII is checked before anything else: lower-casing first would fold KELVIN SIGN (U+212A)
    // to "k" and LATIN CAPITAL LETTER I WITH DOT ABOVE to "i", so a name that is not the
    // configured one would match it. Other scripts arrive as xn-- labels, which are ASCII.
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) > 0x7f) {
        return Optional.empty();
      }
    }
    String trimmed = name.trim();
    if (trimmed.endsWith(".")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
      return Optional.empty();
    }
    String lower = trimmed.toLowerCase(Locale.ROOT);
    String[] labels = lower.split("\\.", -1);
    if (labels.length < 2) {
      return Optional.empty();
    }
    for (String label : labels) {
      if (!isLabel(label)) {
        return Optional.empty();
      }
    }
    // A top-level label of digits only would make "198.51.100.7" look like a name.
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    return Optional.of(lower);
  }

  private static boolean isLabel(String label) {
    if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
      return false;
    }
    if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
      return false;
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * The name as Route 53 writes it in record sets and expects it in the IAM condition key {@code
   * route53:ChangeResourceRecordSetsNormalizedRecordNames}: lower case, no trailing dot, and every
   * character other than {@code a-z 0-9 - _ .} as a backslash and three octal digits. For a
   * canonical name this is the name itself; the escaping is kept so the rule lives in one place.
   */
  public static String route53Normalized(String canonicalName) {
    StringBuilder out = new StringBuilder(canonicalName.length());
    for (char c : canonicalName.toLowerCase(Locale.ROOT).toCharArray()) {
      boolean plain =
          (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
      if (plain) {
        out.append(c);
      } else {
        out.append('\\').append(String.format("%03o", (int) c & 0xff));
      }
    }
    String normalized = out.toString();
    return normalized.endsWith(".") ? normalized.substring(0, normalized.length() - 1) : normalized;
  }

  /** The name with the trailing dot Route 53 uses in record sets. */
  public static String absolute(String canonicalName) {
    return canonicalName + ".";
  }
}
