package dev.dyndns53.dyndns2;

import dev.dyndns53.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one structured log line written per request. It holds only what is safe to log: never an
 * Authorization header, a password or a secret value (nothing of the sort is ever handed to it).
 */
final class RequestLog {
  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  void put(String key, Object value) {
    if (value != null) {
      fields.put(key, value);
    }
  }

  /** A numeric field's value, or 0 when the field is absent or not a number. */
  long number(String key) {
    return fields.get(key) instanceof Number value ? value.longValue() : 0;
  }

  /** Adds a sentence explaining a decision (an ignored address, a refused record type, ...). */
  void note(String sentence) {
    notes.add(sentence);
  }

  String toJson() {
    StringBuilder out = new StringBuilder(256).append('{');
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      appendField(out, field.getKey(), field.getValue());
    }
    if (!notes.isEmpty()) {
      appendField(out, "notes", notes);
    }
    if (out.charAt(out.length() - 1) == ',') {
      out.setLength(out.length() - 1);
    }
    return out.append('}').toString();
  }

  private static void appendField(StringBuilder out, String key, Object value) {
    Json.quote(out, key).append(':');
    appendValue(out, value);
    out.append(',');
  }

  private static void appendValue(StringBuilder out, Object value) {
    if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        appendValue(out, list.get(i));
      }
      out.append(']');
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (entry.getValue() == null) {
          continue;
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        Json.quote(out, String.valueOf(entry.getKey())).append(':');
        appendValue(out, entry.getValue());
      }
      out.append('}');
    } else {
      Json.quote(out, String.valueOf(value));
    }
  }
}
