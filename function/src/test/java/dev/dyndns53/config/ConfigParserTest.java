package dev.dyndns53.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.records.RecordType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The function's view of the configuration: defaults and normalisation. Each validation message
 * is pinned by the infra module's tests, which run the same parser the synth runs.
 */
class ConfigParserTest {

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
    assertEquals(false, host.acme());
    assertEquals(ResponseStyle.DYNDNS2, config.responseStyle());
    assertEquals("v1", config.api().stageName());
    assertEquals(30, config.logRetentionDays());
    assertEquals(Duration.ofMinutes(5), config.cache().passwordTtl());
    assertEquals(Duration.ofMinutes(5), config.cache().recordStateTtl());
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

  @Test
  void parse_acmeTrue_enablesChallengesForThatHostOnly() {
    Dyndns53Config config = ConfigParser.parse("c.json", """
        {"hosts": {"home.example.com": {"zoneId": "Z1", "acme": true}, "nas.example.com": {"zoneId": "Z1"}},
         "users": {"alice": {"hosts": ["home.example.com", "nas.example.com"]}}}
        """);

    assertTrue(config.host("home.example.com").orElseThrow().acme());
    assertEquals(false, config.host("nas.example.com").orElseThrow().acme());
  }

  @Test
  void parse_acmeNotABoolean_namesTheFileKeyAndFix() {
    ConfigException error = assertThrows(ConfigException.class, () -> ConfigParser.parse("c.json", """
        {"hosts": {"home.example.com": {"zoneId": "Z1", "acme": "yes"}},
         "users": {"alice": {"hosts": ["home.example.com"]}}}
        """));

    assertEquals(java.util.List.of(
        "c.json: hosts.\"home.example.com\".acme must be true or false (without quotes)"),
        error.problems());
  }

  @Test
  void parse_acmeForANameTooLongForItsChallengeRecord_isRefused() {
    String name = "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(55) + ".com";
    ConfigException error = assertThrows(ConfigException.class, () -> ConfigParser.parse("c.json",
        "{\"hosts\": {\"" + name + "\": {\"zoneId\": \"Z1\", \"acme\": true}},"
            + " \"users\": {\"alice\": {\"hosts\": [\"" + name + "\"]}}}"));

    assertEquals(1, error.problems().size(), error.getMessage());
    assertTrue(error.problems().get(0).contains(".acme cannot be true for this name"), error.getMessage());
  }
}
