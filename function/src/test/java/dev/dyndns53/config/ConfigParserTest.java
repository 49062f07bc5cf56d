package dev.dyndns53.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.records.RecordType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The function's view of the configuration: defaults and normalisation. Each validation message
 * is pinned by the infra module's tests, which run the same parser the synth runs.
 */
class ConfigParserTest {
  /** One host and one user, plus {@code member} at the top level. */
  private static String minimalWith(String member) {
    return "{\"hosts\": {\"home.example.com\": {\"zoneId\": \"Z123\"}},"
        + " \"users\": {\"alice\": {\"hosts\": [\"home.example.com\"]}}, " + member + "}";
  }

  @Test
  void parse_appliesDefaults() {
    Dyndns53Config config = ConfigParser.parse("c.json", """
        {"hosts": {"Home.Example.com.": {"zoneId": "/hostedzone/Z123"}},
         "users": {"alice": {"hosts": ["home.example.com"]}}}
        """);

    HostConfig host = config.host("home.example.com").orElseThrow();
    assertEquals("Z123", host.zoneId());
    assertEquals(60, host.ttl());
    assertEquals(Set.of(RecordType.A, RecordType.AAAA), host.recordTypes());
    assertEquals(false, host.allowNonPublic());
    assertEquals(ResponseStyle.DYNDNS2, config.responseStyle());
    assertEquals("v1", config.api().stageName());
    assertEquals(30, config.logRetentionDays());
    assertEquals(Duration.ofMinutes(5), config.cache().passwordTtl());
    assertEquals(Duration.ofMinutes(5), config.cache().recordStateTtl());
    assertEquals(Optional.empty(), config.alerts().email());
  }

  @Test
  void parse_alertsEmail_isKeptAsWritten() {
    Dyndns53Config config = ConfigParser.parse("c.json",
        minimalWith("\"alerts\": {\"email\": \"Ops+dns@example.co.uk\"}"));

    assertEquals(Optional.of("Ops+dns@example.co.uk"), config.alerts().email());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ops", "ops@example", "ops@@example.com", "ops @example.com", "@example.com",
      "ops@example.com."})
  void parse_alertsEmailThatIsNotAnAddress_namesFileKeyAndFix(String email) {
    ConfigException error = assertThrows(ConfigException.class, () -> ConfigParser.parse("c.json",
        minimalWith("\"alerts\": {\"email\": \"" + email + "\"}")));

    assertEquals(List.of("c.json: alerts.email \"" + email + "\" is not an email address; use one such as"
        + " \"ops@example.com\", or leave the key out and subscribe to the alarm topic yourself"), error.problems());
  }

  @Test
  void parse_alertsWithAnUnknownKey_listsTheKnownOne() {
    ConfigException error = assertThrows(ConfigException.class, () -> ConfigParser.parse("c.json",
        minimalWith("\"alerts\": {\"mail\": \"ops@example.com\"}")));

    assertEquals(List.of("c.json: alerts.mail is not a known key; the keys here are email (check the spelling"
        + " against the README)"), error.problems());
  }

  @Test
  void load_readsTheShippedExample() {
    Path example = Path.of("..", "config", "dyndns53.json");

    Dyndns53Config config = ConfigParser.load(example);

    assertTrue(config.users().size() >= 1);
  }

  @Test
  void load_missingFile_saysHowToFixIt() {
    ConfigException error = assertThrows(ConfigException.class, () -> ConfigParser.load(Path.of("no-such.json")));

    assertTrue(error.getMessage().contains("no-such.json: file not found"), error.getMessage());
  }

  @Test
  void parse_reportsEveryProblemAtOnce() {
    ConfigException error = assertThrows(ConfigException.class, () -> ConfigParser.parse("c.json", """
        {"hosts": {"nope": {"zoneId": "bad"}}, "users": {}, "colour": 1}
        """));

    assertEquals(3, error.problems().size(), error.getMessage());
  }
}
