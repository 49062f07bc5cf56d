package dev.dyndns53.records;

import java.util.List;

/**
 * One TXT record set as Route 53 holds it, reduced to what the ACME endpoint decides on.
 *
 * @param ttl the record set's TTL in seconds
 * @param values the values as Route 53 spells them on the wire: each one or more quoted strings,
 *     such as {@code "\"abc\""}
 * @param plain whether it is a simple, non-alias record set without a set identifier
 * @param cnameTarget when the name holds a CNAME instead (which excludes a TXT set at the same
 *     name), the CNAME's target; null otherwise
 */
public record TxtRecordSet(long ttl, List<String> values, boolean plain, String cnameTarget) {
  public TxtRecordSet {
    values = List.copyOf(values);
  }

  /** A TXT record set (no CNAME at its name). */
  public TxtRecordSet(long ttl, List<String> values, boolean plain) {
    this(ttl, values, plain, null);
  }

  /**
   * What a read answers for a name that holds a CNAME record set: no TXT set can be created there
   * (Route 53 refuses it), so it is reported as a set that is not plain, with the CNAME's target.
   */
  public static TxtRecordSet cname(long ttl, String target) {
    return new TxtRecordSet(ttl, List.of(), false, target);
  }

  /** A plain TXT set holding one quoted string per given text (which must need no escaping). */
  public static TxtRecordSet ofStrings(long ttl, List<String> texts) {
    return new TxtRecordSet(ttl, texts.stream().map(TxtRecordSet::quoted).toList(), true);
  }

  /**
   * The wire form of a text that needs no escaping (no quote, no backslash, printable ASCII): the
   * text in double quotes, as Route 53 requires TXT values to be written.
   */
  public static String quoted(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        throw new IllegalArgumentException(
            "a TXT string that needs escaping: only printable ASCII"
                + " without quotes or backslashes is written");
      }
    }
    return "\"" + text + "\"";
  }
}
