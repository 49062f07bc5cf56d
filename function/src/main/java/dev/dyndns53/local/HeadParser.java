package dev.dyndns53.local;

import dev.dyndns53.local.RequestParts.Head;
import dev.dyndns53.local.RequestParts.HeadResult;
import dev.dyndns53.local.RequestParts.Refused;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.x's request syntax (RFC 9112), strictly: the request line, then one header field line at a
 * time, then the checks that need every field. No I/O; {@link RequestReader} feeds it lines.
 *
 * <p>Strict where leniency has been an attack: only space and tab are trimmed around a field value
 * (Java's {@code strip()} would also eat a vertical tab and read {@code Content-Length:\u000b5} as
 * 5), {@code Content-Length} is ASCII digits only, an HTTP/1.1 request must name its {@code Host},
 * and HTTP versions other than 1.0 and 1.1 are refused with a {@code 505}.
 */
final class HeadParser {
  private final int maxBodyBytes;
  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private final Map<String, String> spellings = new LinkedHashMap<>();
  private String method;
  private String target;
  private String version;
  private String userAgent;

  HeadParser(int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The method token, once the request line got that far, or null. */
  String method() {
    return method;
  }

  /** The request target, once the request line was accepted, or null. */
  String target() {
    return target;
  }

  /** Reads the request line; null when it is fine, else why it is refused. */
  Refused requestLine(String line) {
    String[] parts = line.split(" ", -1);
    if (parts.length > 0 && isToken(parts[0])) {
      method = parts[0];
    }
    if (parts.length != 3 || method == null || parts[1].isEmpty()) {
      return refused("the request line is not 'METHOD TARGET HTTP/1.x' with single spaces");
    }
    String sent = parts[2];
    if (!sent.matches("HTTP/[0-9]\\.[0-9]")) {
      return refused(
          "'" + printable(sent, 16) + "' is not an HTTP version; send HTTP/1.1 or HTTP/1.0");
    }
    if (!sent.equals("HTTP/1.1") && !sent.equals("HTTP/1.0")) {
      return new Refused(
          ServerAnswer.VERSION_NOT_SUPPORTED,
          "HTTP version " + sent + " is not served; send HTTP/1.1 or HTTP/1.0",
          method,
          null,
          null);
    }
    for (int i = 0; i < parts[1].length(); i++) {
      char c = parts[1].charAt(i);
      if (c < 0x21 || c == 0x7f) {
        return refused(
            "the request target contains a control character (byte 0x"
                + String.format("%02x", (int) c)
                + "); escape it as %XX");
      }
    }
    target = parts[1];
    version = sent;
    return null;
  }

  /** Reads one header field line; null when it is fine, else why the request is refused. */
  Refused field(String line) {
    if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
      return refused("a header field is folded over two lines (obsolete line folding)");
    }
    int colon = line.indexOf(':');
    if (colon <= 0 || !isToken(line.substring(0, colon))) {
      return refused("a header line is not 'Name: value'");
    }
    String name = line.substring(0, colon);
    String value = trimWhitespace(line.substring(colon + 1));
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return refused(
            "the value of header " + printable(name, 64) + " contains a control character");
      }
    }
    String spelling = spellings.computeIfAbsent(name.toLowerCase(Locale.ROOT), lower -> name);
    headers.computeIfAbsent(spelling, n -> new ArrayList<>()).add(value);
    if (name.equalsIgnoreCase("User-Agent")) {
      userAgent = value;
    }
    return null;
  }

  /** The checks that need every header field, once the empty line ended them. */
  HeadResult finish() {
    Head head = new Head(method, target, version, headers, 0);
    if (head.header("Transfer-Encoding") != null) {
      return refused("Transfer-Encoding is not supported; send the body with a Content-Length");
    }
    List<String> lengths = new ArrayList<>();
    for (String value : head.headers("Content-Length")) {
      for (String element : value.split(",", -1)) {
        lengths.add(trimWhitespace(element));
      }
    }
    long contentLength = 0;
    if (!lengths.isEmpty()) {
      // RFC 9110, section 8.6: a list of one repeated value may be read as that value.
      String first = lengths.get(0);
      for (String length : lengths) {
        if (!length.equals(first) || !isDigits(first) || first.length() > 18) {
          return refused("Content-Length is not one decimal number");
        }
      }
      contentLength = Long.parseLong(first);
    }
    if (contentLength > maxBodyBytes) {
      return refused(
          "the body is " + contentLength + " bytes; at most " + maxBodyBytes + " are accepted");
    }
    // RFC 9112, section 3.2: a 400 for an HTTP/1.1 request without exactly one Host.
    int hosts = head.headers("Host").size();
    if (version.equals("HTTP/1.1") && hosts != 1) {
      return refused(
          hosts == 0
              ? "an HTTP/1.1 request must have a Host header"
              : "the request has " + hosts + " Host headers; send one");
    }
    return new Head(method, target, version, headers, contentLength);
  }

  /** Why the request is refused with a 400, with what is known of it so far. */
  Refused refused(String problem) {
    return new Refused(problem, method, target, userAgent);
  }

  /**
   * Cuts spaces and tabs, HTTP's only optional whitespace (RFC 9110, section 5.6.3), and no more.
   */
  private static String trimWhitespace(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isDigits(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** HTTP's token characters (RFC 9110, section 5.6.2). */
  static boolean isToken(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Text from the client for a log sentence: printable ASCII only, cut to {@code max}. */
  static String printable(String text, int max) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }
}
