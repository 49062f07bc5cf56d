package dev.dyndns53.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.records.RecordType;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

  @ParameterizedTest
  @CsvSource({
    "203.0.113.7, 203.0.113.7, A",
    "0.0.0.0, 0.0.0.0, A",
    "255.255.255.255, 255.255.255.255, A",
    "2001:db8::7, 2001:db8::7, AAAA",
    "2001:DB8:0:0:0:0:0:7, 2001:db8::7, AAAA",
    "2001:0db8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1, AAAA",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1, AAAA",
    "::, ::, AAAA",
    "::1, ::1, AAAA",
    "fe80::, fe80::, AAAA",
    "[2001:db8::7], 2001:db8::7, AAAA",
    "::ffff:192.0.2.1, ::ffff:c000:201, AAAA",
    "2001:db8:1:2:3:4:5:6, 2001:db8:1:2:3:4:5:6, AAAA",
  })
  void parse_acceptsLiteralsAndFormatsCanonically(
      String literal, String canonical, RecordType type) {
    IpAddress address = IpAddress.parse(literal).orElseThrow();

    assertEquals(canonical, address.toString());
    assertEquals(type, RecordType.of(address));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "localhost",
        "example.com",
        "1.2.3",
        "127.1",
        "1.2.3.4.5",
        "256.1.1.1",
        "01.2.3.4",
        "1.2.3.-4",
        "1.2.3.4 5",
        "2001:db8::7::1",
        "2001:db8:::7",
        "12345::1",
        "1:2:3:4:5:6:7:8:9",
        "fe80::1%eth0",
        "2001:db8::g",
        ":::",
        "[2001:db8::7",
        "0x7f.0.0.1",
        "١٢٣.1.1.1"
      })
  void parse_refusesAnythingButALiteral(String text) {
    assertEquals(Optional.empty(), IpAddress.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "203.0.113.7",
        "198.51.100.1",
        "192.0.2.1",
        "8.8.8.8",
        "100.63.255.255",
        "100.128.0.0",
        "172.15.255.255",
        "172.32.0.0",
        "223.255.255.255",
        "2001:db8::7",
        "2a00:1450::1",
        "3fff:ffff::1"
      })
  void isPublic_forRoutableAndDocumentationAddresses(String text) {
    assertTrue(IpAddress.parse(text).orElseThrow().isPublic(), text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.0.0.0",
        "0.1.2.3",
        "10.1.2.3",
        "100.64.0.1",
        "100.127.255.255",
        "127.0.0.1",
        "169.254.0.1",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.0.1",
        "192.0.0.8",
        "198.18.0.1",
        "224.0.0.1",
        "239.1.1.1",
        "240.0.0.1",
        "255.255.255.255",
        "::",
        "::1",
        "fe80::1",
        "fc00::1",
        "fd12:3456::1",
        "ff02::1",
        "::ffff:203.0.113.7",
        "64:ff9b::1",
        "100::1"
      })
  void isPublic_isFalseForNonPublicRanges(String text) {
    assertEquals(false, IpAddress.parse(text).orElseThrow().isPublic(), text);
  }

  @ParameterizedTest
  @CsvSource({
    "2001:db8:20:1:1:2:3:4, 64, 2001:db8:20:1::",
    "2001:db8:20:1:1:2:3:4, 56, 2001:db8:20::",
    "2001:db8:20:1ff::, 56, 2001:db8:20:100::",
    "2001:db8:20:1:1:2:3:4, 0, ::",
    "2001:db8:20:1:1:2:3:4, 128, 2001:db8:20:1:1:2:3:4",
    "2001:db8::ffff, 121, 2001:db8::ff80",
    "203.0.113.77, 24, 203.0.113.0",
  })
  void network_keepsOnlyTheFirstBits(String address, int length, String network) {
    assertEquals(network, IpAddress.parse(address).orElseThrow().network(length).toString());
  }

  @ParameterizedTest
  @CsvSource({
    "::1:2:3:4, 64, true",
    "::ffff:ffff:ffff:ffff, 64, true",
    "0:0:0:1::, 64, false",
    "::1:0:0:0:5, 64, false",
    "::1:2:3:4, 48, false",
    "::5, 16, true",
    "::, 0, true",
  })
  void fitsInLastBits_isWhetherOnlyTheLastBitsAreSet(String address, int bits, boolean fits) {
    assertEquals(fits, IpAddress.parse(address).orElseThrow().fitsInLastBits(bits));
  }

  @ParameterizedTest
  @CsvSource({
    "2001:db8:20:1::, ::1:2:3:4, 2001:db8:20:1:1:2:3:4",
    "2001:db8:20:1::, ::, 2001:db8:20:1::",
  })
  void or_combinesThePrefixAndTheInterfaceId(String prefix, String interfaceId, String combined) {
    assertEquals(
        combined,
        IpAddress.parse(prefix)
            .orElseThrow()
            .or(IpAddress.parse(interfaceId).orElseThrow())
            .toString());
  }
}
