package dev.dyndns53.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostNamesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "Kiosk.Example.COM, kiosk.example.com",
    "kiosk.example.com., kiosk.example.com",
    "xn--bcher-kva.example.com, xn--bcher-kva.example.com",
    "'  home.example.com\t', home.example.com",
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
}
