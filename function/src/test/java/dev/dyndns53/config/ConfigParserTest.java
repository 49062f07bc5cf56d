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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The function's view of the configuration: defaults and normalisation. Each validation message is
 * pinned by the infra module's tests, which run the same parser the synth runs.
 */
class ConfigParserTest {
  /** One host and one user, plus {@code member} at the top level. */
  private static String minimalWith(String member) {
    return "{\"hosts\": {\"home.example.com\": {\"zoneId\": \"Z123\"}},"
        + " \"users\": {\"alice\": {\"hosts\": [\"home.example.com\"]}}, "
        + member
        + "}";
  }

  @Test
  void parse_appliesDefaults() {
    Dyndns53Config config =
        ConfigParser.parse(
            "c.json",
            """
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
    assertEquals(Optional.empty(), config.alerts().email());
  }

  @Test
  void parse_alertsEmail_isKeptAsWritten() {
    Dyndns53Config config =
        ConfigParser.parse(
            "c.json", minimalWith("\"alerts\": {\"email\": \"Ops+dns@example.co.uk\"}"));

    assertEquals(Optional.of("Ops+dns@example.co.uk"), config.alerts().email());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ops",
        "ops@example",
        "ops@@example.com",
        "ops @example.com",
        "@example.com",
        "ops@example.com."
      })
  void parse_alertsEmailThatIsNotAnAddress_namesFileKeyAndFix(String email) {
    ConfigException error =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigParser.parse(
                    "c.json", minimalWith("\"alerts\": {\"email\": \"" + email + "\"}")));

    assertEquals(
        List.of(
            "c.json: alerts.email \""
                + email
                + "\" is not an email address; use one such as"
                + " \"ops@example.com\", or leave the key out and subscribe to the alarm topic yourself"),
        error.problems());
  }

  @Test
  void parse_alertsWithAnUnknownKey_listsTheKnownOne() {
    ConfigException error =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigParser.parse(
                    "c.json", minimalWith("\"alerts\": {\"mail\": \"ops@example.com\"}")));

    assertEquals(
        List.of(
            "c.json: alerts.mail is not a known key; the keys here are email (check the spelling"
                + " against docs/configuration.md)"),
        error.problems());
  }

  @Test
  void load_readsTheShippedExample() {
    Path example = Path.of("..", "config", "dyndns53.json");

    Dyndns53Config config = ConfigParser.load(example);

    assertTrue(config.users().size() >= 1);
  }

  @Test
  void load_missingFile_saysHowToFixIt() {
    ConfigException error =
        assertThrows(ConfigException.class, () -> ConfigParser.load(Path.of("no-such.json")));

    assertTrue(error.getMessage().contains("no-such.json: file not found"), error.getMessage());
  }

  @Test
  void parse_reportsEveryProblemAtOnce() {
    ConfigException error =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigParser.parse(
                    "c.json",
                    """
        {"hosts": {"nope": {"zoneId": "bad"}}, "users": {}, "colour": 1}
        """));

    assertEquals(3, error.problems().size(), error.getMessage());
  }

  @Test
  void parse_acmeTrue_enablesChallengesForThatHostOnly() {
    Dyndns53Config config =
        ConfigParser.parse(
            "c.json",
            """
        {"hosts": {"home.example.com": {"zoneId": "Z1", "acme": true}, "nas.example.com": {"zoneId": "Z1"}},
         "users": {"alice": {"hosts": ["home.example.com", "nas.example.com"]}}}
        """);

    assertTrue(config.host("home.example.com").orElseThrow().acme());
    assertEquals(false, config.host("nas.example.com").orElseThrow().acme());
  }

  @Test
  void parse_acmeNotABoolean_namesTheFileKeyAndFix() {
    ConfigException error =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigParser.parse(
                    "c.json",
                    """
        {"hosts": {"home.example.com": {"zoneId": "Z1", "acme": "yes"}},
         "users": {"alice": {"hosts": ["home.example.com"]}}}
        """));

    assertEquals(
        java.util.List.of(
            "c.json: hosts.\"home.example.com\".acme must be true or false (without quotes)"),
        error.problems());
  }

  @Test
  void parse_acmeForANameTooLongForItsChallengeRecord_isRefused() {
    String name =
        "a".repeat(60)
            + "."
            + "b".repeat(60)
            + "."
            + "c".repeat(60)
            + "."
            + "d".repeat(55)
            + ".com";
    ConfigException error =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigParser.parse(
                    "c.json",
                    "{\"hosts\": {\""
                        + name
                        + "\": {\"zoneId\": \"Z1\", \"acme\": true}},"
                        + " \"users\": {\"alice\": {\"hosts\": [\""
                        + name
                        + "\"]}}}"));

    assertEquals(1, error.problems().size(), error.getMessage());
    assertTrue(
        error.problems().get(0).contains(".acme cannot be true for this name"), error.getMessage());
  }

  private static String withInterfaceId(String hostSettings) {
    return """
        {"hosts": {"nas.example.com": {"zoneId": "Z123", %s}},
         "users": {"alice": {"hosts": ["nas.example.com"]}}}
        """
        .formatted(hostSettings);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "::1:2:3:4                 | ::1:2:3:4",
        "0:0:0:0:1:2:3:4           | ::1:2:3:4",
        "::5                       | ::5",
        "::ffff:ffff:ffff:ffff     | ::ffff:ffff:ffff:ffff",
        "::ABCD:EF01:2345:6789     | ::abcd:ef01:2345:6789",
      })
  void parse_ipv6InterfaceId_keepsTheLast64Bits(String value, String canonical) {
    Dyndns53Config config =
        ConfigParser.parse("c.json", withInterfaceId("\"ipv6InterfaceId\": \"" + value + "\""));

    assertEquals(
        canonical,
        config.host("nas.example.com").orElseThrow().ipv6InterfaceId().orElseThrow().toString());
  }

  @Test
  void parse_withoutIpv6InterfaceId_hasNone() {
    Dyndns53Config config = ConfigParser.parse("c.json", withInterfaceId("\"ttl\": 60"));

    assertEquals(Optional.empty(), config.host("nas.example.com").orElseThrow().ipv6InterfaceId());
  }

  static Stream<Arguments> badInterfaceIds() {
    return Stream.of(
        // host settings, the fix the message gives
        Arguments.of(
            "\"ipv6InterfaceId\": \"nas\"",
            "is not an IPv6 interface id; write the last 64 bits of the host's address after \"::\""),
        Arguments.of("\"ipv6InterfaceId\": \"203.0.113.7\"", "is not an IPv6 interface id"),
        Arguments.of(
            "\"ipv6InterfaceId\": \"::1:2:3:4/64\"",
            "is not an IPv6 interface id; write the last 64"
                + " bits of the host's address after \"::\", such as \"::1:2:3:4\" for 2001:db8:20:1:1:2:3:4 (no prefix"
                + " length)"),
        Arguments.of("\"ipv6InterfaceId\": \"fe80::1%eth0\"", "is not an IPv6 interface id"),
        Arguments.of(
            "\"ipv6InterfaceId\": \"::\"",
            "is all zeros; write the last 64 bits of the host's own address"),
        Arguments.of(
            "\"ipv6InterfaceId\": \"2001:db8::1:2:3:4\"",
            "sets bits in the first 64 bits of the address,"
                + " which are the prefix the router sends; keep only the last 64 bits"),
        Arguments.of("\"ipv6InterfaceId\": \"::1:0:0:0:5\"", "sets bits in the first 64 bits"),
        Arguments.of("\"ipv6InterfaceId\": 1234", "must be a string in double quotes"),
        Arguments.of(
            "\"recordTypes\": [\"A\"], \"ipv6InterfaceId\": \"::1:2:3:4\"",
            "is set, but recordTypes"
                + " leaves out \"AAAA\", so it would never be used; add \"AAAA\" to recordTypes or remove ipv6InterfaceId"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInterfaceIds")
  void parse_badIpv6InterfaceId_namesTheFileTheKeyAndTheFix(String hostSettings, String fix) {
    ConfigException error =
        assertThrows(
            ConfigException.class,
            () -> ConfigParser.parse("c.json", withInterfaceId(hostSettings)));

    assertEquals(1, error.problems().size(), error.getMessage());
    assertTrue(
        error.problems().get(0).startsWith("c.json: hosts.\"nas.example.com\".ipv6InterfaceId "),
        error.getMessage());
    assertTrue(error.problems().get(0).contains(fix), error.getMessage());
  }
}
