package dev.dyndns53.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {

  @Test
  void parse_readsEveryKindOfValue() {
    Object value =
        Json.parse(
            """
        // a comment
        {"s": "a\\"b\\\\c\\u00e9\\n", "n": -1.5e2, "t": true, "f": false, "z": null,
         /* another */ "a": [1, {"k": []}], "o": {}}
        """);

    assertEquals(
        Map.of(
            "s",
            "a\"b\\cé\n",
            "n",
            new BigDecimal("-1.5e2"),
            "t",
            true,
            "f",
            false,
            "z",
            Json.NULL,
            "a",
            List.of(BigDecimal.ONE, Map.of("k", List.of())),
            "o",
            Map.of()),
        value);
  }

  @Test
  void parse_keepsKeyOrder() {
    Map<?, ?> map = (Map<?, ?>) Json.parse("{\"b\":1,\"a\":2,\"c\":3}");

    assertEquals(List.of("b", "a", "c"), List.copyOf(map.keySet()));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("{\"a\": 1,}", 1, 9),
        Arguments.of("{\"a\": 1\n \"b\": 2}", 2, 2),
        Arguments.of("{\"a\": 1, \"a\": 2}", 1, 10),
        Arguments.of("[1, 2", 1, 6),
        Arguments.of("{a: 1}", 1, 2),
        Arguments.of("{\"a\": tru}", 1, 7),
        Arguments.of("\"abc", 1, 5),
        Arguments.of("{} x", 1, 4),
        Arguments.of("/* open", 1, 1));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void parse_reportsLineAndColumn(String text, int line, int column) {
    JsonSyntaxException error = assertThrows(JsonSyntaxException.class, () -> Json.parse(text));

    assertEquals(line, error.line(), error.getMessage());
    assertEquals(column, error.column(), error.getMessage());
  }

  @Test
  void parse_duplicateKey_namesIt() {
    JsonSyntaxException error =
        assertThrows(JsonSyntaxException.class, () -> Json.parse("{\"k\":1,\"k\":2}"));

    assertTrue(error.getMessage().contains("\"k\" appears twice"), error.getMessage());
  }

  @Test
  void parse_nestingAtTheLimit_isRead() {
    String text = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);

    Object value = Json.parse(text);

    for (int level = 1; level < Json.MAX_DEPTH; level++) {
      value = ((List<?>) value).get(0);
    }
    assertEquals(List.of(), value);
  }

  static Stream<Arguments> tooDeep() {
    return Stream.of(
        Arguments.of("[".repeat(65) + "]".repeat(65), 65),
        Arguments.of("{\"a\":".repeat(65) + "1" + "}".repeat(65), 5 * 64 + 1),
        // Levels alternate [ and {"a": (six characters a pair); the 65th is the 33rd [.
        Arguments.of("[{\"a\":".repeat(64) + "1", 6 * 32 + 1),
        // Deep enough to overflow any thread's stack if the reader descended without a bound.
        Arguments.of("[".repeat(4_000), 65),
        Arguments.of("[".repeat(200_000), 65));
  }

  @ParameterizedTest
  @MethodSource("tooDeep")
  void parse_nestingPastTheLimit_isASyntaxErrorAtTheFirstLevelTooMany(String text, int column) {
    assertEquals(64, Json.MAX_DEPTH, "the columns below are counted for a limit of 64");

    JsonSyntaxException error = assertThrows(JsonSyntaxException.class, () -> Json.parse(text));

    assertEquals(1, error.line());
    assertEquals(column, error.column(), error.getMessage());
    assertTrue(
        error.getMessage().contains("nest deeper than " + Json.MAX_DEPTH + " levels"),
        error.getMessage());
  }

  @Test
  void quote_escapesWhatJsonRequires() {
    assertEquals("\"a\\\"b\\\\c\\n\\u0001\\u2028\"", Json.quote("a\"b\\c\n\u0001\u2028"));
  }

  @Test
  void quote_thenParse_roundTrips() {
    String text = "tab\tquote\"slash\\ é \u0000 end";

    assertEquals(text, Json.parse(Json.quote(text)));
  }

  @Test
  void write_givesTextTheParserReadsBackToTheSameValues() {
    Map<String, Object> value = new java.util.LinkedHashMap<>();
    value.put("name", "quote \" and \\ and \n");
    value.put("count", 3L);
    value.put("flag", true);
    value.put("skipped", null);
    value.put("list", List.of(1L, "two", Map.of("k", "v")));

    String text = Json.write(value);

    assertEquals(
        "{\"name\":\"quote \\\" and \\\\ and \\n\",\"count\":3,\"flag\":true,"
            + "\"list\":[1,\"two\",{\"k\":\"v\"}]}",
        text);
    Map<?, ?> back = (Map<?, ?>) Json.parse(text);
    assertEquals("quote \" and \\ and \n", back.get("name"));
    assertEquals(false, back.containsKey("skipped"));
  }
}
