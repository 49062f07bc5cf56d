package dev.dyndns53.infra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

/**
 * Each kind of configuration mistake stops synthesis with one message that names the file, the key
 * and the fix. These go through {@link Dyndns53App#build}, the path {@code cdk synth} takes.
 */
class ConfigValidationTest {
  @TempDir Path root;

  private static final String VALID_HOSTS =
      """
      "hosts": {
        "home.example.com": { "zoneId": "Z0123456789EXAMPLE01", "ttl": 60, "recordTypes": ["A", "AAAA"] }
      }""";
  private static final String VALID_USERS =
      """
      "users": { "edgerouter": { "hosts": ["home.example.com"] } }""";

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of(
            "unknown key",
            "{" + VALID_HOSTS + ", " + VALID_USERS + ", \"logRetention\": 30}",
            "logRetention",
            "is not a known key; the keys here are hosts, users, api, responseStyle,"),
        Arguments.of(
            "malformed zone id",
            // A second, valid host for the user: the parser drops a host with a bad zone id, and a
            // user naming it would add a second message.
            "{\"hosts\": {\"home.example.com\": {\"zoneId\": \"example.com\"}, "
                + "\"nas.example.org\": {\"zoneId\": \"Z0123456789EXAMPLE02\"}}, "
                + "\"users\": {\"edgerouter\": {\"hosts\": [\"nas.example.org\"]}}}",
            "hosts.\"home.example.com\".zoneId",
            "copy the id, such as Z0123456789ABCDEFGHIJ"),
        Arguments.of(
            "host name that is not fully qualified",
            "{\"hosts\": {\"home\": {\"zoneId\": \"Z0123456789EXAMPLE01\"}, "
                + "\"home.example.com\": {\"zoneId\": \"Z0123456789EXAMPLE01\"}}, "
                + VALID_USERS
                + "}",
            "hosts.home",
            "use a name such as \"home.example.com\""),
        Arguments.of(
            "user granted a host that is not configured",
            "{"
                + VALID_HOSTS
                + ", \"users\": {\"edgerouter\": {\"hosts\": [\"nas.example.org\"]}}}",
            "users.edgerouter.hosts[0]",
            "add it under \"hosts\" or remove it from this list"),
        Arguments.of(
            "':' in a user name",
            "{"
                + VALID_HOSTS
                + ", \"users\": {\"edge:router\": {\"hosts\": [\"home.example.com\"]}}}",
            "users.\"edge:router\"",
            "rename it without ':'"),
        Arguments.of(
            "the same host twice",
            "{\"hosts\": {\"home.example.com\": {\"zoneId\": \"Z0123456789EXAMPLE01\"}, "
                + "\"Home.Example.com.\": {\"zoneId\": \"Z0123456789EXAMPLE01\"}}, "
                + VALID_USERS
                + "}",
            "hosts.\"Home.Example.com.\"",
            "keep one"),
        Arguments.of(
            "TTL out of range",
            "{\"hosts\": {\"home.example.com\": {\"zoneId\": \"Z0123456789EXAMPLE01\", \"ttl\": 2147483648}}, "
                + VALID_USERS
                + "}",
            "hosts.\"home.example.com\".ttl",
            "must be a whole number from 0 to 2147483647"),
        Arguments.of(
            "unknown record type",
            "{\"hosts\": {\"home.example.com\": {\"zoneId\": \"Z0123456789EXAMPLE01\", \"recordTypes\": [\"MX\"]}}, "
                + VALID_USERS
                + "}",
            "hosts.\"home.example.com\".recordTypes[0]",
            "use \"A\" or \"AAAA\""),
        Arguments.of(
            "IPv6 interface id with bits in the prefix part",
            "{\"hosts\": {\"home.example.com\": {\"zoneId\": \"Z0123456789EXAMPLE01\", \"ipv6InterfaceId\":"
                + " \"2001:db8::1\"}}, "
                + VALID_USERS
                + "}",
            "hosts.\"home.example.com\".ipv6InterfaceId",
            "keep only the last 64 bits, such as \"::1:2:3:4\""),
        Arguments.of(
            "no users", "{" + VALID_HOSTS + ", \"users\": {}}", "users", "add at least one user"),
        Arguments.of(
            "a user with an empty host list",
            "{" + VALID_HOSTS + ", \"users\": {\"edgerouter\": {\"hosts\": []}}}",
            "users.edgerouter.hosts",
            "list at least one host this user may update"),
        Arguments.of(
            "log retention CloudWatch does not offer",
            "{" + VALID_HOSTS + ", " + VALID_USERS + ", \"logRetentionDays\": 45}",
            "logRetentionDays",
            "use one of [1, 3, 5, 7, 14, 30,"),
        Arguments.of(
            "unknown response style",
            "{" + VALID_HOSTS + ", " + VALID_USERS + ", \"responseStyle\": \"json\"}",
            "responseStyle",
            "use \"dyndns2\" (the default) or \"status-codes\""),
        Arguments.of(
            "certificate ARN that is not an ACM certificate",
            "{"
                + VALID_HOSTS
                + ", "
                + VALID_USERS
                + ", \"api\": {\"customDomain\": {\"domainName\":"
                + " \"dyndns.example.com\", \"certificateArn\": \"arn:aws:iam::123456789012:server-certificate/x\"}}}",
            "api.customDomain.certificateArn",
            "copy it from 'aws acm list-certificates'"),
        Arguments.of(
            "alert address that is not an email address",
            "{"
                + VALID_HOSTS
                + ", "
                + VALID_USERS
                + ", \"alerts\": {\"email\": \"ops.example.com\"}}",
            "alerts.email",
            "use one such as \"ops@example.com\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void synthesis_stopsWithOneMessageNamingFileKeyAndFix(
      String mistake, String config, String key, String fix) {
    Path file = TestStacks.write(root.resolve("config/dyndns53.json"), config);
    App app = TestStacks.app(Map.of());

    String message = Dyndns53App.build(app, root).orElseThrow();

    assertTrue(message.startsWith(file + ": "), message);
    assertTrue(message.contains(": " + key + " "), "key " + key + " in: " + message);
    assertTrue(message.contains(fix), "fix '" + fix + "' in: " + message);
    assertFalse(message.contains("problems in the configuration"), "one problem only: " + message);
    assertTrue(
        app.getNode().getChildren().stream().noneMatch(Stack.class::isInstance),
        "no stack is added");
  }

  @Test
  void jsonSyntaxError_namesTheFileLineAndColumn() {
    Path file =
        TestStacks.write(
            root.resolve("config/dyndns53.json"),
            """
        {
          "hosts": { "home.example.com": { "zoneId": "Z0123456789EXAMPLE01" } }
          "users": { "edgerouter": { "hosts": ["home.example.com"] } }
        }
        """);

    Optional<String> message = Dyndns53App.build(TestStacks.app(Map.of()), root);

    assertTrue(
        message.orElseThrow().startsWith(file + ": not valid JSON at line 3, column 3"),
        message.get());
  }

  @Test
  void severalMistakes_areAllReportedInOneMessage() {
    TestStacks.write(
        root.resolve("config/dyndns53.json"),
        "{\"hosts\": {\"home\": {\"zoneId\": \"nope\"}}, \"users\": {}, \"responseStyle\": \"json\"}");

    String message = Dyndns53App.build(TestStacks.app(Map.of()), root).orElseThrow();

    assertTrue(message.startsWith("3 problems in the configuration:"), message);
  }
}
