package dev.dyndns53.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.testing.TestCredentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line: what it prints and the exit status it ends with when it cannot serve. */
class LocalMainTest {
  private static final Map<String, String> AWS =
      Map.of(
          "AWS_REGION",
          "us-east-1",
          "AWS_ACCESS_KEY_ID",
          TestCredentials.ACCESS_KEY_ID,
          "AWS_SECRET_ACCESS_KEY",
          TestCredentials.SECRET_ACCESS_KEY,
          // Nothing is called; this keeps a mistake from reaching a real endpoint.
          "AWS_ENDPOINT_URL",
          "http://127.0.0.1:9");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir Path directory;

  private LocalMain.Startup start(String... args) {
    return LocalMain.start(
        args,
        AWS,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private Path config() throws IOException {
    Path config = directory.resolve("dyndns53.json");
    Files.writeString(
        config,
        "{\"hosts\": {\"home.example.com\": {\"zoneId\": \"Z1\"}},"
            + " \"users\": {\"router\": {\"hosts\": [\"home.example.com\"]}}}");
    return config;
  }

  @Test
  void help_printsUsageAndEndsWithZero() {
    LocalMain.Startup startup = start("--help");

    assertNull(startup.server());
    assertEquals(0, startup.exitStatus());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("--secret-prefix"));
  }

  @Test
  void unknownOption_endsWithTwo() {
    assertEquals(2, start("--verbose", "yes").exitStatus());
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("unknown or incomplete option '--verbose'"));
  }

  @Test
  void portOutOfRange_endsWithTwo() throws IOException {
    assertEquals(2, start("--config", config().toString(), "--port", "65536").exitStatus());
  }

  @Test
  void missingConfiguration_endsWithTwoAndNamesTheFile() {
    Path missing = directory.resolve("nope.json");

    assertEquals(2, start("--config", missing.toString(), "--port", "0").exitStatus());
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("nope.json"), err::toString);
  }

  @Test
  void busyPort_endsWithTwoAndSaysWhatToDo() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      LocalMain.Startup startup =
          start("--config", config().toString(), "--port", Integer.toString(taken.getLocalPort()));

      assertNull(startup.server());
      assertEquals(2, startup.exitStatus());
      assertTrue(
          err.toString(StandardCharsets.UTF_8).contains("choose another --port"), err::toString);
    }
  }

  @Test
  void start_printsTheListeningLineTheHarnessAndDemoWaitFor() throws IOException {
    LocalMain.Startup startup = start("--config", config().toString(), "--port", "0");

    assertNotNull(startup.server(), err::toString);
    try (LocalServer server = startup.server()) {
      int port = server.address().getPort();
      assertTrue(
          Pattern.compile(
                  "dyndns53: listening on http://127\\.0\\.0\\.1:"
                      + port
                      + "/nic/update and"
                      + " http://127\\.0\\.0\\.1:"
                      + port
                      + "/v1/nic/update\n")
              .matcher(out.toString(StandardCharsets.UTF_8))
              .find(),
          out::toString);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "--max-connections, 0, '--max-connections must be a whole number from 1 to 100000, not ''0'''",
    "--max-connections, many, '--max-connections must be a whole number'",
    "--idle-timeout, -1, '--idle-timeout must be a whole number from 1 to 3600'",
    "--request-timeout, 1.5, '--request-timeout must be a whole number from 1 to 3600'",
    "--trusted-proxies, localhost, '--trusted-proxies: ''localhost'' is not an IP address'",
    "--trusted-proxies, 10.0.0.0/33, '--trusted-proxies: ''10.0.0.0/33'' has a prefix length'"
  })
  void invalidServerSetting_endsWithTwoAndNamesTheOption(String option, String value, String says)
      throws IOException {
    LocalMain.Startup startup = start("--config", config().toString(), option, value);

    assertNull(startup.server());
    assertEquals(2, startup.exitStatus());
    assertTrue(err.toString(StandardCharsets.UTF_8).contains(says), err::toString);
  }

  @Test
  void serverSettings_areTakenFromTheOptionsAndPrinted() throws IOException {
    LocalMain.Startup startup =
        start(
            "--config",
            config().toString(),
            "--port",
            "0",
            "--max-connections",
            "7",
            "--idle-timeout",
            "3",
            "--request-timeout",
            "9",
            "--trusted-proxies",
            "127.0.0.1, ::1");

    assertNotNull(startup.server(), err::toString);
    try (LocalServer server = startup.server()) {
      assertTrue(
          out.toString(StandardCharsets.UTF_8)
              .contains(
                  "dyndns53: at most 7 connections; idle timeout 3 s, request timeout 9 s;"
                      + " trusted proxies: 127.0.0.1, ::1\n"),
          out::toString);
    }
  }

  @Test
  void defaults_arePrinted() throws IOException {
    LocalMain.Startup startup = start("--config", config().toString(), "--port", "0");

    assertNotNull(startup.server(), err::toString);
    try (LocalServer server = startup.server()) {
      assertTrue(
          out.toString(StandardCharsets.UTF_8)
              .contains(
                  "dyndns53: at most 256 connections; idle timeout 10 s, request timeout 20 s;"
                      + " trusted proxies: none\n"),
          out::toString);
    }
  }
}
