package dev.dyndns53.log;

/**
 * Text for a log line that a client controls, cut to a bound with a visible marker, so that no
 * request can make a log line (or what it costs to store) grow with the request.
 */
public final class LogText {
  private LogText() {}

  /**
   * {@code text} cut to at most {@code max} characters (never inside a surrogate pair), followed by
   * {@code …(truncated, N chars)} naming its whole length; {@code null} and short texts as they
   * are.
   */
  public static String bounded(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int cut = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, cut) + "…(truncated, " + text.length() + " chars)";
  }
}
