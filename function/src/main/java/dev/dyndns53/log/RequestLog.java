package dev.dyndns53.log;

import dev.dyndns53.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one structured log line written per request. It holds only what is safe to log: never an
 * Authorization header, a password or a secret value (nothing of the sort is ever handed to it).
 */
public final class RequestLog {
  /**
   * The most characters of one client-controlled value that reach the log. A user agent, a host
   * name or a parameter can be as long as the request; past this they are cut with a visible
   * marker, so one request cannot write a log line hundreds of kilobytes long.
   */
  public static final int MAX_CLIENT_TEXT = 256;

  /** The most notes one line holds; a request can give one reason per comma-separated value. */
  public static final int MAX_NOTES = 20;

  /** The most characters of any one text in the line: a note, a reason, a field. */
  public static final int MAX_TEXT = 1024;

  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private int droppedNotes;

  /**
   * Puts a value the service made; text is still cut to {@value #MAX_TEXT} characters, since it may
   * quote what the client sent.
   */
  public void put(String key, Object value) {
    if (value instanceof String text) {
      fields.put(key, LogText.bounded(text, MAX_TEXT));
    } else if (value != null) {
      fields.put(key, value);
    }
  }

  /** Puts a value the client controls, cut to {@link #MAX_CLIENT_TEXT} characters. */
  public void putClientText(String key, String value) {
    put(key, bounded(value));
  }

  /** A numeric field's value, or 0 when the field is absent or not a number. */
  public long number(String key) {
    return fields.get(key) instanceof Number value ? value.longValue() : 0;
  }

  /** Adds a sentence explaining a decision (an ignored address, a refused record type, ...). */
  public void note(String sentence) {
    if (notes.size() < MAX_NOTES) {
      notes.add(LogText.bounded(sentence, MAX_TEXT));
    } else {
      droppedNotes++;
    }
  }

  /** {@code text} cut to {@link #MAX_CLIENT_TEXT} characters with a marker, or as it is. */
  public static String bounded(String text) {
    return LogText.bounded(text, MAX_CLIENT_TEXT);
  }

  /**
   * The first {@code maxItems} texts, each {@link #bounded(String)}, and a last element saying how
   * many more there were.
   */
  public static List<String> bounded(List<String> texts, int maxItems) {
    List<String> out = new ArrayList<>(Math.min(texts.size(), maxItems) + 1);
    for (int i = 0; i < texts.size() && i < maxItems; i++) {
      out.add(bounded(texts.get(i)));
    }
    if (texts.size() > maxItems) {
      out.add("…(" + (texts.size() - maxItems) + " more, " + texts.size() + " in all)");
    }
    return out;
  }

  public String toJson() {
    StringBuilder out = new StringBuilder(256).append('{');
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      appendField(out, field.getKey(), field.getValue());
    }
    if (!notes.isEmpty()) {
      List<String> all = notes;
      if (droppedNotes > 0) {
        all = new ArrayList<>(notes);
        all.add("…(" + droppedNotes + " more notes)");
      }
      appendField(out, "notes", all);
    }
    if (out.charAt(out.length() - 1) == ',') {
      out.setLength(out.length() - 1);
    }
    return out.append('}').toString();
  }

  private static void appendField(StringBuilder out, String key, Object value) {
    Json.write(Json.quote(out, key).append(':'), value);
    out.append(',');
  }
}
