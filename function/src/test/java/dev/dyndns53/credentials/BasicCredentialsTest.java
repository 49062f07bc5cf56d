package dev.dyndns53.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BasicCredentialsTest {
  private static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "alice:secret|alice|secret",
        "alice:se:cr:et|alice|se:cr:et",
        "alice:|alice|''",
        "jürgen:pässwörd|jürgen|pässwörd",
        "a b:c d|a b|c d",
      })
  void parse_splitsAtTheFirstColon(String plain, String user, String password) {
    BasicCredentials credentials =
        BasicCredentials.parse("Basic " + encode(plain)).credentials().orElseThrow();

    assertEquals(user, credentials.user());
    assertEquals(password, credentials.password());
  }

  @ParameterizedTest
  @CsvSource({"basic", "BASIC", "Basic"})
  void parse_schemeIsCaseInsensitive(String scheme) {
    assertEquals(
        "alice",
        BasicCredentials.parse(scheme + " " + encode("alice:x"))
            .credentials()
            .orElseThrow()
            .user());
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {
        "NULL, MISSING",
        "'', MISSING",
        "Basic Og==, EMPTY_USER",
        "Bearer abc, NOT_BASIC",
        "Basic, NOT_BASIC",
        "Basic !!!!, NOT_BASE64",
        "Basic YWxpY2U=, NO_COLON",
        "Basic /w==, NOT_UTF8",
      })
  void parse_reportsWhyThereAreNoCredentials(String header, BasicCredentials.Problem problem) {
    BasicCredentials.Parsed parsed = BasicCredentials.parse(header);

    assertEquals(Optional.empty(), parsed.credentials());
    assertEquals(Optional.of(problem), parsed.problem());
  }

  @Test
  void toString_neverShowsThePassword() {
    BasicCredentials credentials = new BasicCredentials("alice", "hunter2");

    assertFalse(credentials.toString().contains("hunter2"));
  }
}
