package dev.dyndns53.dyndns2;

import static dev.dyndns53.dyndns2.Fixture.ZONE_1;
import static dev.dyndns53.dyndns2.Fixture.alice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.json.Json;
import dev.dyndns53.records.RecordSet;
import dev.dyndns53.records.RecordType;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The IPv6 LAN prefix in a parameter of its own, as routers and other providers send it ({@code
 * ip6lanprefix}, {@code ipv6prefix}, dynv6's {@code ipv6} with a CIDR), and prefix parameters
 * dyndns53 does not read, which must never move a LAN host to the WAN prefix.
 */
class LanPrefixParametersTest {
  private static final String CONFIG =
      """
      {
        "hosts": {
          "router.example.com":  { "zoneId": "%1$s" },
          "nas.example.com":     { "zoneId": "%1$s", "recordTypes": ["AAAA"], "ipv6InterfaceId": "::1:2:3:4" },
          "printer.example.com": { "zoneId": "%1$s", "ipv6InterfaceId": "::5" }
        },
        "users": {
          "alice": { "hosts": ["router.example.com", "nas.example.com", "printer.example.com"] }
        }
      }
      """
          .formatted(ZONE_1);

  private static final String WAN = "2001:db8:99::7";
  private static final String LAN = "2001:db8:21:1::/64";

  private final Fixture f = new Fixture(ConfigParser.parse("lan.json", CONFIG));

  static Stream<Arguments> readForms() {
    return Stream.of(
        // description, parameters after hostname=router,nas; the answer
        Arguments.of(
            "Fritz!Box with &ip6lanprefix=<ip6lanprefix>",
            List.of("myip", "198.51.100.21," + WAN, "ip6lanprefix", LAN)),
        Arguments.of("ipv6prefix", List.of("myip", "198.51.100.21," + WAN, "ipv6prefix", LAN)),
        Arguments.of(
            "dynv6: ipv6 address and ipv6prefix",
            List.of("myip", "198.51.100.21", "ipv6", WAN, "ipv6prefix", LAN)),
        Arguments.of(
            "dynv6: the address in ipv6, the LAN prefix as a CIDR in a second ipv6",
            List.of("myip", "198.51.100.21", "ipv6", WAN, "ipv6", LAN)),
        Arguments.of(
            "the prefix both in myip and in ip6lanprefix",
            List.of("myip", "198.51.100.21," + WAN + "," + LAN, "ip6lanprefix", LAN)),
        Arguments.of(
            "the prefix in its own parameter wins over the WAN address's /64",
            List.of("myip", "198.51.100.21," + WAN + "/64", "ip6lanprefix", LAN)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readForms")
  void prefixParameter_movesTheLanHostToTheLanPrefix_andTheRouterToItsOwnAddress(
      String why, List<String> parameters) {
    List<String> all =
        new java.util.ArrayList<>(List.of("hostname", "router.example.com,nas.example.com"));
    all.addAll(parameters);

    HttpAnswer response = f.get(alice(), all.toArray(String[]::new));

    assertEquals(
        "good 198.51.100.21," + WAN + "\ngood 2001:db8:21:1:1:2:3:4\n",
        response.body(),
        f::lastLog);
    assertEquals("2001:db8:21:1:1:2:3:4", aaaa("nas.example.com"), f::lastLog);
    assertEquals(WAN, aaaa("router.example.com"), f::lastLog);
    assertTrue(notes().stream().noneMatch(n -> n.startsWith("parameters not read")), f::lastLog);
  }

  @Test
  void ip6lanprefixWithoutMyip_usesTheSourceAddressForTheRouter_andThePrefixForTheLanHost() {
    HttpAnswer response =
        f.send(
            "GET",
            alice(),
            "198.51.100.44",
            "hostname",
            "router.example.com,nas.example.com",
            "ip6lanprefix",
            LAN);

    assertEquals("good 198.51.100.44\ngood 2001:db8:21:1:1:2:3:4\n", response.body(), f::lastLog);
  }

  @Test
  void emptyIp6lanprefix_theRouterHasNoIpv6_isIgnoredWithoutANote() {
    HttpAnswer response =
        f.get(
            alice(), "hostname", "router.example.com", "myip", "198.51.100.21", "ip6lanprefix", "");

    assertEquals("good 198.51.100.21\n", response.body(), f::lastLog);
    assertEquals(List.of(), notes(), f::lastLog);
  }

  @Test
  void ip6lanprefixThatIsNotAPrefix_isNoted_andTheLanHostFallsBackToTheAddresses() {
    HttpAnswer response =
        f.get(
            alice(), "hostname", "nas.example.com", "myip", WAN, "ip6lanprefix", "198.51.100.0/24");

    assertEquals("good 2001:db8:99:0:1:2:3:4\n", response.body(), f::lastLog);
    assertEquals(List.of("ignored ip6lanprefix='198.51.100.0/24': not an IPv6 prefix"), notes());
  }

  static Stream<Arguments> unreadPrefixParameters() {
    return Stream.of(
        Arguments.of("ip6prefix", LAN),
        Arguments.of(
            "IP6LANPREFIX", LAN), // parameter names are case-sensitive, as in Dyn's protocol
        Arguments.of("lanprefix", "2001:db8:21:1::"),
        Arguments.of("prefix6", LAN),
        Arguments.of("v6net", LAN));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("unreadPrefixParameters")
  void prefixParameterNotRead_isNeverGoodForALanHost_andIsNamedInTheNotes(
      String name, String value) {
    HttpAnswer response =
        f.get(
            alice(),
            "hostname",
            "router.example.com,nas.example.com,printer.example.com",
            "myip",
            "198.51.100.21," + WAN,
            name,
            value);

    // The router's own host is still updated; the LAN hosts are refused, not moved to the WAN /64.
    assertEquals(
        "good 198.51.100.21," + WAN + "\nbadagent\nbadagent\n", response.body(), f::lastLog);
    assertEquals("-", aaaa("nas.example.com"));
    assertEquals("-", aaaa("printer.example.com"));
    assertEquals(List.of("parameters not read: " + name), notes(), f::lastLog);
    Map<?, ?> nas = outcome(1);
    assertEquals(
        "the request carries "
            + name
            + ", which dyndns53 does not read, and this host follows the LAN prefix;"
            + " send the prefix as ip6lanprefix, ipv6prefix or in myip",
        nas.get("reason"));
  }

  @Test
  void everyParameterNotRead_isNamedInTheNotes_boundedAndWithoutValues() {
    String[] parameters = {
      "hostname",
      "router.example.com",
      "myip",
      "198.51.100.21",
      "system",
      "dyndns",
      "wildcard",
      "NOCHG",
      "pass",
      "secret-in-the-url",
      "x".repeat(500),
      "1",
    };

    HttpAnswer response = f.get(alice(), parameters);

    assertEquals("good 198.51.100.21\n", response.body(), f::lastLog);
    String note = notes().get(0);
    assertTrue(
        note.startsWith("parameters not read: system, wildcard, pass, " + "x".repeat(40) + "…"),
        note);
    assertTrue(note.length() < 200, note);
    assertTrue(!f.lastLog().contains("secret-in-the-url"), f.lastLog());
  }

  @Test
  void manyParametersNotRead_areCountedPastTen() {
    List<String> parameters =
        new java.util.ArrayList<>(
            List.of("hostname", "router.example.com", "myip", "198.51.100.21"));
    for (int i = 0; i < 25; i++) {
      parameters.add("p" + i);
      parameters.add("v");
    }

    f.get(alice(), parameters.toArray(String[]::new));

    assertEquals(
        List.of("parameters not read: p0, p1, p2, p3, p4, p5, p6, p7, p8, p9 and 15 more"),
        notes());
  }

  private String aaaa(String host) {
    RecordSet written = f.records.get(ZONE_1, host).get(RecordType.AAAA);
    return written == null ? "-" : written.values().get(0);
  }

  @SuppressWarnings("unchecked")
  private List<String> notes() {
    Object notes = ((Map<?, ?>) Json.parse(f.lastLog())).get("notes");
    return notes == null ? List.of() : (List<String>) notes;
  }

  private Map<?, ?> outcome(int index) {
    return (Map<?, ?>) ((List<?>) ((Map<?, ?>) Json.parse(f.lastLog())).get("outcomes")).get(index);
  }
}
