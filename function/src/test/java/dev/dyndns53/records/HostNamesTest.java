package dev.dyndns53.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostNamesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "Kiosk.Example.COM, kiosk.example.com",
    "kiosk.example.com., kiosk.example.com",
    "xn--bcher-kva.example.com, xn--bcher-kva.example.com",
    "HOME.XN--BCHER-KVA.EXAMPLE, home.xn--bcher-kva.example",
  })
  void canonical_ofAnAsciiName_isItsLowerCaseFormWithoutTheTrailingDot(
      String name, String canonical) {
    assertEquals(Optional.of(canonical), HostNames.canonical(name));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "\u212Aiosk.example.com", // KELVIN SIGN, which toLowerCase folds to "k"
        "kiosk.\u0130xample.com", // LATIN CAPITAL LETTER I WITH DOT ABOVE
        "\uFF4Biosk.example.com", // FULLWIDTH LATIN SMALL LETTER K
        "kiosk.example.com\u3000", // IDEOGRAPHIC SPACE, which strip() would remove
        "\u00A0kiosk.example.com", // NO-BREAK SPACE
        "b\u00FCcher.example.com",
      })
  void canonical_ofANameWithANonAsciiCharacter_isEmpty(String name) {
    assertEquals(Optional.empty(), HostNames.canonical(name));
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        // Nothing is cut off either end: the name written is the name sent, or none.
        Arguments.of(
            "home.example.com\u0000", "contains the control character U+0000 at position 17"),
        Arguments.of(
            "\u0000home.example.com", "contains the control character U+0000 at position 1"),
        Arguments.of(
            "home.exa\u0000mple.com", "contains the control character U+0000 at position 9"),
        Arguments.of("  home.example.com", "contains a space at position 1"),
        Arguments.of("home.example.com\t", "contains the control character U+0009 at position 17"),
        Arguments.of(
            "home.example.com\r\n", "contains the control character U+000D at position 17"),
        Arguments.of(
            "home.example.com\u007f", "contains the control character U+007F at position 17"),
        Arguments.of(
            "_acme-challenge.\u212Aiosk.example.com.".substring(16),
            "contains the non-ASCII character U+212A at position 1; names in other scripts must be"
                + " sent in their xn-- form"),
        Arguments.of(
            "home.\uD83D\uDE00.com",
            "contains the non-ASCII character U+1F600 at position 6;"
                + " names in other scripts must be sent in their xn-- form"),
        Arguments.of("", "the name is empty"),
        Arguments.of("home", "has one label; a fully qualified name has at least two"),
        Arguments.of("home..example.com", "label 2 is empty"),
        Arguments.of("home.example.com..", "label 4 is empty"),
        Arguments.of("-home.example.com", "label 1 starts or ends with a hyphen"),
        Arguments.of(
            "home_1.example.com",
            "label 1 contains '_'; only letters, digits and hyphens are allowed"),
        Arguments.of(
            "a".repeat(64) + ".example.com",
            "label 1 is 64 characters long; a label has at most 63"),
        Arguments.of(
            ("a".repeat(60) + ".").repeat(5) + "com",
            "is 308 characters long; a DNS name has at most 253"),
        Arguments.of(
            "198.51.100.7",
            "has a top-level label of digits only (an IPv4 address is not a host name)"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("refused")
  void check_refusesAndSaysWhy_withoutRepeatingTheName(String name, String refusal) {
    HostNames.Checked checked = HostNames.check(name);

    assertEquals(new HostNames.Checked(null, refusal), checked);
    assertFalse(checked.accepted());
    assertEquals(Optional.empty(), HostNames.canonical(name));
  }

  @Test
  void asciiLowerCase_foldsOnlyAsciiLetters() {
    assertEquals(
        "kiosk-\u212Aiosk-\u0130-i", HostNames.asciiLowerCase("KIOSK-\u212Aiosk-\u0130-I"));
  }
}
