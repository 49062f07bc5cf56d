package dev.dyndns53.records;

import java.util.Locale;
import java.util.Optional;

/** Fully qualified host names as dyndns53 accepts them, and their Route 53 spellings. */
public final class HostNames {
  private static final int MAX_NAME_LENGTH = 253;
  private static final int MAX_LABEL_LENGTH = 63;

  private HostNames() {}

  /**
   * A name checked against the one host-name rule every endpoint applies (updates, ACME challenges,
   * the configuration): exactly one of the two components is present.
   *
   * @param canonical the canonical form (lower case, no trailing dot), or null when refused
   * @param refusal why the name is not accepted, for the log, or null when accepted; it names
   *     characters by code point and position and never repeats the name, so it is bounded
   */
  public record Checked(String canonical, String refusal) {
    /** Whether the name was accepted. */
    public boolean accepted() {
      return canonical != null;
    }
  }

  /**
   * Returns the canonical form of a host name (lower case, no trailing dot), or empty when it is
   * not a fully qualified name; {@link #check(String)} says why.
   */
  public static Optional<String> canonical(String name) {
    return Optional.ofNullable(check(name).canonical());
  }

  /**
   * Checks a host name: at least two labels of ASCII letters, digits and inner hyphens, one
   * optional trailing dot, and nothing else. Names in any other script must arrive in their {@code
   * xn--} form, as routers send them. Nothing is cut or folded first: a control character or a
   * blank anywhere, at either end included, refuses the name, so that what is written is exactly
   * what was asked for.
   */
  public static Checked check(String name) {
    if (name == null || name.isEmpty()) {
      return refused("the name is empty");
    }
    // Characters are checked before anything is folded: lower-casing first would turn KELVIN SIGN
    // (U+212A) into "k" and LATIN CAPITAL LETTER I WITH DOT ABOVE into "i", so a name that is not
    // the configured one would match it; cutting control characters off the ends (String.trim)
    // would write "home.example.com" for "home.example.com\0".
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return refused("contains the control character " + codePoint(c) + at(i));
      }
      if (c > 0x7f) {
        return refused(
            "contains the non-ASCII character "
                + codePoint(name.codePointAt(i))
                + at(i)
                + "; names in other scripts must be sent in their xn-- form");
      }
      if (c == ' ') {
        return refused("contains a space" + at(i));
      }
    }
    String absolute = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (absolute.length() > MAX_NAME_LENGTH) {
      return refused(
          "is "
              + absolute.length()
              + " characters long; a DNS name has at most "
              + MAX_NAME_LENGTH);
    }
    String lower = asciiLowerCase(absolute);
    String[] labels = lower.split("\\.", -1);
    if (labels.length < 2) {
      return refused("has one label; a fully qualified name has at least two");
    }
    for (int i = 0; i < labels.length; i++) {
      String problem = labelProblem(labels[i]);
      if (problem != null) {
        return refused("label " + (i + 1) + " " + problem);
      }
    }
    // A top-level label of digits only would make "198.51.100.7" look like a name.
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      return refused("has a top-level label of digits only (an IPv4 address is not a host name)");
    }
    return new Checked(lower, null);
  }

  /**
   * {@code text} with only A-Z lower-cased. {@link String#toLowerCase(Locale)} with {@link
   * Locale#ROOT} is not that: it folds KELVIN SIGN to {@code k} and more letters outside ASCII.
   */
  public static String asciiLowerCase(String text) {
    char[] out = text.toCharArray();
    for (int i = 0; i < out.length; i++) {
      if (out[i] >= 'A' && out[i] <= 'Z') {
        out[i] = (char) (out[i] + ('a' - 'A'));
      }
    }
    return new String(out);
  }

  private static Checked refused(String why) {
    return new Checked(null, why);
  }

  private static String codePoint(int c) {
    return String.format("U+%04X", c);
  }

  private static String at(int index) {
    return " at position " + (index + 1);
  }

  /** Why a lower-cased label is not a DNS host label, or null when it is one. */
  private static String labelProblem(String label) {
    if (label.isEmpty()) {
      return "is empty";
    }
    if (label.length() > MAX_LABEL_LENGTH) {
      return "is " + label.length() + " characters long; a label has at most " + MAX_LABEL_LENGTH;
    }
    if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
      return "starts or ends with a hyphen";
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) {
        return "contains '" + c + "'; only letters, digits and hyphens are allowed";
      }
    }
    return null;
  }

  /**
   * The name as Route 53 writes it in record sets and expects it in the IAM condition key {@code
   * route53:ChangeResourceRecordSetsNormalizedRecordNames}: lower case, no trailing dot, and every
   * character other than {@code a-z 0-9 - _ .} as a backslash and three octal digits. For a
   * canonical name this is the name itself; the escaping is kept so the rule lives in one place.
   */
  public static String route53Normalized(String canonicalName) {
    StringBuilder out = new StringBuilder(canonicalName.length());
    for (char c : asciiLowerCase(canonicalName).toCharArray()) {
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
