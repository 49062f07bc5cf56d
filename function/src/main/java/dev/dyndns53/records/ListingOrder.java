package dev.dyndns53.records;

import java.util.Comparator;
import java.util.List;

/**
 * The order in which {@code ListResourceRecordSets} lists names, as far as dyndns53 relies on it.
 *
 * <p>Route 53 documents it as "sorted first by DNS name with the labels reversed, for example
 * {@code com.example.www.}", and warns that the trailing dot changes the order for names with
 * characters below {@code .} (such as {@code -}): {@code a-b.example.com} lists before {@code
 * a.example.com}, because {@code com.example.a-b.} &lt; {@code com.example.a.}. moto 5.2.1 compares
 * the reversed names without the trailing dot, so there {@code a.example.com} comes first. The
 * documentation also leaves open whether an escaped character (a wildcard lists as {@code \052})
 * sorts as itself or as its escape.
 *
 * <p>So a reader never concludes from order alone unless every plausible order agrees ({@link
 * #certainlyBefore}); where they disagree it asks Route 53 again, starting at the name itself,
 * which answers whatever the order. {@link #ROUTE53} (the documented order) only chooses where to
 * start.
 */
final class ListingOrder {
  private ListingOrder() {}

  /** Route 53's documented order of wire names (lower case, trailing dot). */
  static final Comparator<String> ROUTE53 = keyOrder(true, false);

  private static final List<Comparator<String>> PLAUSIBLE =
      List.of(ROUTE53, keyOrder(false, false), keyOrder(true, true), keyOrder(false, true));

  /** Whether {@code a} lists before {@code b} in every plausible order. */
  static boolean certainlyBefore(String a, String b) {
    for (Comparator<String> order : PLAUSIBLE) {
      if (order.compare(a, b) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static Comparator<String> keyOrder(boolean trailingDot, boolean unescaped) {
    return Comparator.comparing(name -> key(name, trailingDot, unescaped));
  }

  /** {@code www.example.com.} as {@code com.example.www.} (or without the last dot). */
  static String key(String wireName, boolean trailingDot, boolean unescaped) {
    String name = wireName.endsWith(".") ? wireName.substring(0, wireName.length() - 1) : wireName;
    String[] labels = name.split("\\.", -1);
    StringBuilder key = new StringBuilder(name.length() + 1);
    for (int i = labels.length - 1; i >= 0; i--) {
      key.append(unescaped ? unescape(labels[i]) : labels[i]);
      if (i > 0) {
        key.append('.');
      }
    }
    return trailingDot ? key.append('.').toString() : key.toString();
  }

  /** Route 53's {@code \ooo} octal escapes back to the characters. */
  private static String unescape(String label) {
    if (label.indexOf('\\') < 0) {
      return label;
    }
    StringBuilder out = new StringBuilder(label.length());
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (c == '\\' && isOctal(label, i + 1)) {
        out.append((char) Integer.parseInt(label.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String text, int from) {
    if (from + 3 > text.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '7') {
        return false;
      }
    }
    return true;
  }
}
