package dev.dyndns53.dyndns2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.address.IpAddress;
import dev.dyndns53.address.Ipv6Prefix;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AddressSelectionTest {
  private static final String SOURCE = "198.51.100.44";

  static Stream<Arguments> requests() {
    return Stream.of(
        // description, myip values, myipv6 values, expected addresses, from source
        Arguments.of("plain IPv4", List.of("203.0.113.7"), List.of(), "203.0.113.7", false),
        Arguments.of("myip absent", List.of(), List.of(), SOURCE, true),
        Arguments.of("myip empty (ddclient)", List.of(""), List.of(), SOURCE, true),
        Arguments.of("raw IPv6", List.of("2001:db8::7"), List.of(), "2001:db8::7", false),
        // The entry point decodes once (inadyn's 2001%3adb8%3a%3a7 arrives as 2001:db8::7); what
        // is still encoded here was encoded twice by the client and is not an address.
        Arguments.of(
            "still percent-encoded (sent encoded twice)",
            List.of("2001%3adb8%3a%3a7"),
            List.of(),
            SOURCE,
            true),
        Arguments.of(
            "still upper-case percent-encoded",
            List.of("2001%3Adb8%3A%3A7"),
            List.of(),
            SOURCE,
            true),
        Arguments.of(
            "still percent-encoded IPv4", List.of("203%2e0%2e113%2e7"), List.of(), SOURCE, true),
        Arguments.of(
            "v4 then v6 (ddclient 3.11+)",
            List.of("203.0.113.7,2001:db8::7"),
            List.of(),
            "203.0.113.7 2001:db8::7",
            false),
        Arguments.of(
            "v6 then v4 (Speedport)",
            List.of("2001:db8::7,203.0.113.7"),
            List.of(),
            "203.0.113.7 2001:db8::7",
            false),
        Arguments.of(
            "spaces around the comma",
            List.of(" 203.0.113.7 , 2001:db8::7 "),
            List.of(),
            "203.0.113.7 2001:db8::7",
            false),
        Arguments.of(
            "/64 prefix (Fritz!Box) is not an address",
            List.of("203.0.113.7,2001:db8:1:2::/64"),
            List.of(),
            "203.0.113.7",
            false),
        Arguments.of(
            "address with a prefix length is an address",
            List.of("2001:db8:1:2::7/64"),
            List.of(),
            "2001:db8:1:2::7",
            false),
        Arguments.of(
            "/128 is an address",
            List.of("2001:db8:1:2::/128"),
            List.of(),
            "2001:db8:1:2::",
            false),
        Arguments.of(
            "a prefix alone is a value: no source fallback",
            List.of("2001:db8:1:2::/64"),
            List.of(),
            "",
            false),
        Arguments.of("IPv6 length beyond 128", List.of("2001:db8::7/129"), List.of(), SOURCE, true),
        Arguments.of("IPv4 length beyond 32", List.of("203.0.113.7/33"), List.of(), SOURCE, true),
        Arguments.of("/32 on IPv4", List.of("203.0.113.7/32"), List.of(), "203.0.113.7", false),
        Arguments.of(
            "myipv6 parameter",
            List.of("203.0.113.7"),
            List.of("2001:db8::9"),
            "203.0.113.7 2001:db8::9",
            false),
        Arguments.of("only myipv6", List.of(), List.of("2001:db8::9"), "2001:db8::9", false),
        Arguments.of("malformed falls back to source", List.of("banana"), List.of(), SOURCE, true),
        Arguments.of("a name is not resolved", List.of("localhost"), List.of(), SOURCE, true),
        Arguments.of(
            "malformed beside valid keeps valid",
            List.of("banana,203.0.113.7"),
            List.of(),
            "203.0.113.7",
            false),
        Arguments.of(
            "second IPv4 ignored",
            List.of("203.0.113.7,203.0.113.8"),
            List.of(),
            "203.0.113.7",
            false),
        Arguments.of("zone id refused", List.of("fe80::1%eth0"), List.of(), SOURCE, true),
        Arguments.of("bracketed IPv6", List.of("[2001:db8::7]"), List.of(), "2001:db8::7", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void from_selectsAddresses(
      String why, List<String> myip, List<String> myipv6, String expected, boolean fromSource) {
    AddressSelection selection = AddressSelection.from(myip, myipv6, SOURCE);

    assertEquals(
        expected, String.join(" ", selection.all().stream().map(IpAddress::toString).toList()));
    assertEquals(fromSource, selection.fromSource());
  }

  static Stream<Arguments> prefixes() {
    return Stream.of(
        // description, myip values, the prefix hosts with an interface id follow ("-" for none)
        Arguments.of(
            "Fritz!Box <ip6lanprefix>",
            List.of("203.0.113.7,2001:db8:20:1::/64"),
            "2001:db8:20:1::/64"),
        Arguments.of("/56", List.of("2001:db8:20:100::/56"), "2001:db8:20:100::/56"),
        Arguments.of("/48", List.of("2001:db8:20::/48"), "2001:db8:20::/48"),
        Arguments.of(
            "host bits set are dropped", List.of("2001:db8:20:1::99/64"), "2001:db8:20:1::/64"),
        Arguments.of(
            "address without a length: its /64", List.of("2001:db8:20:1::7"), "2001:db8:20:1::/64"),
        Arguments.of("/128: its /64", List.of("2001:db8:20:1::7/128"), "2001:db8:20:1::/64"),
        Arguments.of(
            "a sent prefix wins over the address",
            List.of("2001:db8:99::7,2001:db8:20:1::/64"),
            "2001:db8:20:1::/64"),
        Arguments.of(
            "the first sent prefix wins",
            List.of("2001:db8:20:1::/64,2001:db8:20:2::/64"),
            "2001:db8:20:1::/64"),
        // The entry point decoded it once already; still encoded means encoded twice: not a prefix.
        Arguments.of(
            "still percent-encoded, with %2f", List.of("2001%3adb8%3a20%3a1%3a%3a%2F64"), "-"),
        Arguments.of("IPv4 only: none", List.of("203.0.113.7"), "-"),
        Arguments.of("IPv4 with a length: none", List.of("203.0.113.0/24"), "-"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("prefixes")
  void from_findsThePrefixForLanHosts(String why, List<String> myip, String expected) {
    AddressSelection selection = AddressSelection.from(myip, List.of(), SOURCE);

    assertEquals(expected, selection.v6Prefix().map(Ipv6Prefix::toString).orElse("-"));
  }

  @Test
  void from_ipv6SourceAddress_givesItsSlash64AsThePrefix() {
    AddressSelection selection = AddressSelection.from(List.of(), List.of(), "2001:db8:20:1::99");

    assertEquals("2001:db8:20:1::/64", selection.v6Prefix().orElseThrow().toString());
  }

  @Test
  void from_aPrefixAlone_isNotEmpty() {
    AddressSelection selection =
        AddressSelection.from(List.of("2001:db8:20:1::/64"), List.of(), null);

    assertEquals(false, selection.isEmpty());
    assertEquals(List.of(), selection.all());
  }

  @Test
  void from_logsEveryIgnoredValue() {
    AddressSelection selection =
        AddressSelection.from(List.of("banana,203.0.113.7,203.0.113.8"), List.of(), SOURCE);

    assertEquals(2, selection.notes().size());
    assertTrue(selection.notes().get(0).contains("'banana'"));
  }

  @Test
  void from_withoutAnyAddressOrSource_isEmpty() {
    assertTrue(AddressSelection.from(List.of(), List.of(), null).isEmpty());
  }
}
