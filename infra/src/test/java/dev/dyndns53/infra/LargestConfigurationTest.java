package dev.dyndns53.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The largest configuration docs/scale.md promises, names × length, synthesizes; one host more is
 * refused with a message that names the quota and that largest configuration.
 */
class LargestConfigurationTest {
  static final int NAME_LENGTH = 40;

  /** A zone id as long as Route 53 issues today (21 characters). */
  static final String ZONE = "Z06158202N8V6GUEMSJ3Y";

  private static final Pattern DOCUMENTED_LIMIT =
      Pattern.compile(
          "\\*\\*([0-9,]+) hosts of " + NAME_LENGTH + " characters\\*\\* in one hosted zone");

  static int documentedLimit;

  @TempDir Path root;

  @BeforeAll
  static void readTheDocumentedLimit() throws IOException {
    String page = Files.readString(TestStacks.repositoryRoot().resolve("docs/scale.md"));
    Matcher limit = DOCUMENTED_LIMIT.matcher(page);
    assertTrue(
        limit.find(),
        "docs/scale.md states the largest configuration as: " + DOCUMENTED_LIMIT.pattern());
    documentedLimit = Integer.parseInt(limit.group(1).replace(",", ""));
  }

  @BeforeEach
  void builtRepository() {
    TestStacks.write(root.resolve(Dyndns53App.FUNCTION_JAR), "stand-in jar");
  }

  private Optional<String> build(int hosts) {
    return build(hosts, 1);
  }

  /**
   * {@code hosts} hosts of {@value #NAME_LENGTH} characters, spread round robin over {@code zones}
   * zones.
   */
  private Optional<String> build(int hosts, int zones) {
    StringBuilder config = new StringBuilder("{\"hosts\": {");
    for (int i = 0; i < hosts; i++) {
      String name = PermissionCapacity.syntheticName(i, NAME_LENGTH);
      assertEquals(NAME_LENGTH, name.length());
      String zone = zones == 1 ? ZONE : "Z" + String.format("%020d", i % zones);
      config
          .append(i == 0 ? "" : ", ")
          .append('"')
          .append(name)
          .append("\": {\"zoneId\": \"")
          .append(zone)
          .append("\"}");
    }
    config
        .append("}, \"users\": {\"u\": {\"hosts\": [\"")
        .append(PermissionCapacity.syntheticName(0, NAME_LENGTH))
        .append("\"]}}}");
    TestStacks.write(root.resolve("config/dyndns53.json"), config.toString());
    return Dyndns53App.build(TestStacks.app(Map.of()), root);
  }

  @Test
  void theLargestDocumentedConfiguration_synthesizes() {
    assertEquals(Optional.empty(), build(documentedLimit));
  }

  @Test
  void oneHostMore_isRefusedNamingTheQuotaAndTheLargestConfiguration() {
    String message = build(documentedLimit + 1).orElseThrow();

    assertTrue(
        message.startsWith(
            root.resolve("config/dyndns53.json") + ": cannot be deployed as one stack:"),
        message);
    assertTrue(
        message.contains("a role takes at most 10 (IAM quota 'Managed policies per role'"),
        message);
    assertTrue(
        message.contains("this configuration has " + (documentedLimit + 1) + " hosts in 1 zone(s)"),
        message);
    assertTrue(
        message.contains(
            "The largest configuration that fits: "
                + documentedLimit
                + " hosts of "
                + NAME_LENGTH
                + " characters in one hosted zone"),
        message);
  }

  @Test
  void theMostDocumentedZones_synthesize_andOneMoreIsRefusedWithTheQuotaMessage() {
    assertEquals(Optional.empty(), build(81, 81));

    String message = build(82, 82).orElseThrow();

    assertTrue(
        message.contains("a role takes at most 10 (IAM quota 'Managed policies per role'"),
        message);
    assertTrue(message.contains("this configuration has 82 hosts in 82 zone(s)"), message);
  }
}
