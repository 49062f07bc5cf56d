package dev.dyndns53.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader and string escaper.
 *
 * <p>dyndns53 reads three tiny documents (its configuration, a secret's {@code
 * {"username","password"}} and nothing else) and writes one log line per request. A JSON library
 * would add hundreds of classes to every cold start for that, so this does the job in one class.
 * The reader also accepts {@code //} and {@code /* *}{@code /} comments, so the operator's
 * configuration file can explain itself, and reports errors with line and column.
 *
 * <p>Values map to Java as: object → {@code Map<String, Object>} (insertion order kept), array →
 * {@code List<Object>}, string → {@code String}, number → {@link BigDecimal}, true/false → {@code
 * Boolean}, null → {@link #NULL}.
 */
public final class Json {

  /** The JSON {@code null} value, distinct from an absent key. */
  public static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  /**
   * How deeply arrays and objects may nest. The reader descends by recursion, one Java frame set
   * per level, so without a bound a few thousand {@code [} overflow the thread's stack; an {@code
   * Error} then escapes every handler that expects a {@link JsonSyntaxException}. dyndns53's own
   * documents nest four levels at most; 64 leaves room for any reasonable configuration and keeps
   * the recursion a few kilobytes of stack.
   */
  public static final int MAX_DEPTH = 64;

  private final String text;
  private int pos;
  private int depth;

  private Json(String text) {
    this.text = text;
  }

  /**
   * Parses one JSON document.
   *
   * @throws JsonSyntaxException with line and column when the text is not JSON
   */
  public static Object parse(String text) {
    Json parser = new Json(text);
    parser.skipBlank();
    Object value = parser.readValue();
    parser.skipBlank();
    if (parser.pos != text.length()) {
      throw parser.error("unexpected text after the end of the document");
    }
    return value;
  }

  private Object readValue() {
    if (pos >= text.length()) {
      throw error("unexpected end of document, a value was expected");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> readObject();
      case '[' -> readArray();
      case '"' -> readString();
      case 't' -> readLiteral("true", Boolean.TRUE);
      case 'f' -> readLiteral("false", Boolean.FALSE);
      case 'n' -> readLiteral("null", NULL);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield readNumber();
        }
        throw error("unexpected character '" + c + "', a value was expected");
      }
    };
  }

  private Map<String, Object> readObject() {
    enterNesting();
    Map<String, Object> object = readObjectMembers();
    depth--;
    return object;
  }

  private Map<String, Object> readObjectMembers() {
    Map<String, Object> object = new LinkedHashMap<>();
    pos++;
    skipBlank();
    if (peek() == '}') {
      pos++;
      return Collections.unmodifiableMap(object);
    }
    while (true) {
      skipBlank();
      if (peek() != '"') {
        throw error("a quoted key was expected");
      }
      int keyStart = pos;
      String key = readString();
      skipBlank();
      expect(':');
      skipBlank();
      Object value = readValue();
      if (object.putIfAbsent(key, value) != null) {
        pos = keyStart;
        throw error("the key \"" + key + "\" appears twice in the same object; keep one");
      }
      skipBlank();
      char c = peek();
      pos++;
      if (c == '}') {
        return Collections.unmodifiableMap(object);
      }
      if (c != ',') {
        pos--;
        throw error("',' or '}' was expected");
      }
    }
  }

  private List<Object> readArray() {
    enterNesting();
    List<Object> array = readArrayElements();
    depth--;
    return array;
  }

  /** Counts one more level of nesting, refusing the document past {@link #MAX_DEPTH}. */
  private void enterNesting() {
    if (++depth > MAX_DEPTH) {
      throw error(
          "arrays and objects nest deeper than "
              + MAX_DEPTH
              + " levels; this reader accepts at most "
              + MAX_DEPTH);
    }
  }

  private List<Object> readArrayElements() {
    List<Object> array = new ArrayList<>();
    pos++;
    skipBlank();
    if (peek() == ']') {
      pos++;
      return Collections.unmodifiableList(array);
    }
    while (true) {
      skipBlank();
      array.add(readValue());
      skipBlank();
      char c = peek();
      pos++;
      if (c == ']') {
        return Collections.unmodifiableList(array);
      }
      if (c != ',') {
        pos--;
        throw error("',' or ']' was expected");
      }
    }
  }

  private String readString() {
    pos++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        pos--;
        throw error("control character in a string; escape it");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("unterminated escape");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw error("incomplete \\u escape");
          }
          try {
            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          } catch (NumberFormatException badHex) {
            throw error("invalid \\u escape");
          }
          pos += 4;
        }
        default -> {
          pos--;
          throw error("invalid escape '\\" + e + "'");
        }
      }
    }
  }

  private BigDecimal readNumber() {
    int start = pos;
    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    try {
      return new BigDecimal(text.substring(start, pos));
    } catch (NumberFormatException notANumber) {
      pos = start;
      throw error("malformed number");
    }
  }

  private Object readLiteral(String literal, Object value) {
    if (!text.startsWith(literal, pos)) {
      throw error("unexpected word, a value was expected (strings need double quotes)");
    }
    pos += literal.length();
    return value;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("'" + c + "' was expected");
    }
    pos++;
  }

  private char peek() {
    if (pos >= text.length()) {
      throw error("unexpected end of document");
    }
    return text.charAt(pos);
  }

  private void skipBlank() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\uFEFF') {
        pos++;
      } else if (text.startsWith("//", pos)) {
        int end = text.indexOf('\n', pos);
        pos = end < 0 ? text.length() : end + 1;
      } else if (text.startsWith("/*", pos)) {
        int end = text.indexOf("*/", pos + 2);
        if (end < 0) {
          throw error("unterminated /* comment");
        }
        pos = end + 2;
      } else {
        return;
      }
    }
  }

  private JsonSyntaxException error(String what) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < Math.min(pos, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new JsonSyntaxException(line, column, what);
  }

  /** Appends {@code value} to {@code out} as a quoted JSON string. */
  public static StringBuilder quote(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }

  /** Returns {@code value} as a quoted JSON string. */
  public static String quote(String value) {
    return quote(new StringBuilder(value.length() + 2), value).toString();
  }

  /**
   * Appends {@code value} as JSON: a {@code Map} as an object (entries with a null value left out),
   * a {@code List} as an array, a {@code Number} or {@code Boolean} as itself, {@code null} and
   * {@link #NULL} as {@code null}, anything else as the string of its {@code toString()}.
   */
  public static StringBuilder write(StringBuilder out, Object value) {
    if (value == null || value == NULL) {
      out.append("null");
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(out, list.get(i));
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
        quote(out, String.valueOf(entry.getKey())).append(':');
        write(out, entry.getValue());
      }
      out.append('}');
    } else {
      quote(out, String.valueOf(value));
    }
    return out;
  }

  /** Returns {@code value} as JSON text; see {@link #write(StringBuilder, Object)}. */
  public static String write(Object value) {
    return write(new StringBuilder(256), value).toString();
  }
}
