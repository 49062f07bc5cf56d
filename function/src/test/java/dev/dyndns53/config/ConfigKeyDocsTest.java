package dev.dyndns53.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference documents exactly the keys the parsers read: the table that starts
 * with {@code | key | required | default | meaning |} in docs/configuration.md (or, before that
 * page) against {@link ConfigKey#documented()}.
 */
class ConfigKeyDocsTest {
  private static final String HEADER = "| key | required | default | meaning |";
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|");

  @Test
  void referenceTable_listsEveryKeyTheParsersRead_andNoOther() throws IOException {
    List<String> documented = documentedKeys(referencePage());
    assertEquals(
        new java.util.TreeSet<>(ConfigKey.documented()), new java.util.TreeSet<>(documented));
    assertEquals(documented.size(), new java.util.HashSet<>(documented).size(), "one row per key");
  }

  @Test
  void registry_spellsKeysAsTheDocumentationDoes() {
    assertEquals("api.throttling.rateLimit", ConfigKey.API_THROTTLING_RATE_LIMIT.dotted());
    assertEquals("hosts.*.zoneId", ConfigKey.HOST_ZONE_ID.dotted());
    assertEquals("users.*.hosts", ConfigKey.USER_HOSTS.dotted());
    assertTrue(ConfigKey.documented().contains("api"), "grouping objects are rows too");
    assertFalse(ConfigKey.documented().contains("hosts.*"), "a name the operator chooses is not");
  }

  @Test
  void parser_refusesAKeyTheRegistryDoesNotList() {
    ConfigException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            ConfigException.class,
            () ->
                ConfigParser.parse(
                    "test.json",
                    """
                    {"hosts": {"home.example.com": {"zoneId": "Z1", "tll": 60}},
                     "users": {"alice": {"hosts": ["home.example.com"]}}}
                    """));
    assertEquals(
        List.of(
            "test.json: hosts.\"home.example.com\".tll is not a known key; the keys here are"
                + " zoneId, ttl, recordTypes, allowNonPublic, ipv6InterfaceId, acme, email (check the"
                + " spelling against docs/configuration.md)"),
        refused.problems());
  }

  private static Path referencePage() {
    // Tests run with function/ as the working directory.
    Path docs = Path.of("..", "docs", "configuration.md");
    return docs;
  }

  private static List<String> documentedKeys(Path page) throws IOException {
    List<String> lines = Files.readAllLines(page);
    int start = lines.indexOf(HEADER);
    if (start < 0) {
      throw new AssertionError(page + " has no table headed " + HEADER);
    }
    List<String> keys = new ArrayList<>();
    for (String line : lines.subList(start + 2, lines.size())) {
      if (!line.startsWith("|")) {
        break;
      }
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        keys.add(row.group(1));
      }
    }
    return keys;
  }
}
