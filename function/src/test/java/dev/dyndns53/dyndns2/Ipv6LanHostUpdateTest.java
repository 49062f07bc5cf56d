package dev.dyndns53.dyndns2;

import static dev.dyndns53.dyndns2.Fixture.ZONE_1;
import static dev.dyndns53.dyndns2.Fixture.alice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.records.RecordSet;
import dev.dyndns53.records.RecordType;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hosts behind the router that follow its IPv6 prefix ({@code "ipv6InterfaceId"}), beside the
 * router's own host, which never gets a bare prefix as its address.
 */
class Ipv6LanHostUpdateTest {
  private static final String CONFIG =
      """
      {
        "hosts": {
          "router.example.com":  { "zoneId": "%1$s" },
          "v4only.example.com":  { "zoneId": "%1$s", "recordTypes": ["A"] },
          "nas.example.com":     { "zoneId": "%1$s", "recordTypes": ["AAAA"], "ipv6InterfaceId": "::1:2:3:4" },
          "printer.example.com": { "zoneId": "%1$s", "ipv6InterfaceId": "::abcd:ef01:2345:6789" },
          "small.example.com":   { "zoneId": "%1$s", "recordTypes": ["AAAA"], "ipv6InterfaceId": "::5" },
          "lab.example.com":     { "zoneId": "%1$s", "recordTypes": ["AAAA"], "ipv6InterfaceId": "::1:2:3:4",
                                   "allowNonPublic": true }
        },
        "users": {
          "alice": { "hosts": ["router.example.com", "v4only.example.com", "nas.example.com",
                               "printer.example.com", "small.example.com", "lab.example.com"] }
        }
      }
      """
          .formatted(ZONE_1);

  private final Fixture f = new Fixture(ConfigParser.parse("lan.json", CONFIG));

  static Stream<Arguments> requests() {
    return Stream.of(
        // description, host, myip, answer, the AAAA record afterwards ("-" for none)
        Arguments.of(
            "/64 prefix (Fritz!Box <ip6lanprefix>) plus the interface id",
            "nas.example.com",
            "2001:db8:20:1::/64",
            "good 2001:db8:20:1:1:2:3:4",
            "2001:db8:20:1:1:2:3:4"),
        Arguments.of(
            "/56 prefix: the subnet bits after it are zero",
            "nas.example.com",
            "2001:db8:20:100::/56",
            "good 2001:db8:20:100:1:2:3:4",
            "2001:db8:20:100:1:2:3:4"),
        Arguments.of(
            "/48 prefix",
            "nas.example.com",
            "2001:db8:20::/48",
            "good 2001:db8:20:0:1:2:3:4",
            "2001:db8:20:0:1:2:3:4"),
        Arguments.of(
            "prefix with host bits set: only the first /64 bits count",
            "nas.example.com",
            "2001:db8:20:1::99/64",
            "good 2001:db8:20:1:1:2:3:4",
            "2001:db8:20:1:1:2:3:4"),
        Arguments.of(
            "/56 with bits set after the 56th: dropped",
            "nas.example.com",
            "2001:db8:20:1ff::/56",
            "good 2001:db8:20:100:1:2:3:4",
            "2001:db8:20:100:1:2:3:4"),
        Arguments.of(
            "an address without a length is cut to /64",
            "nas.example.com",
            "2001:db8:20:1::7",
            "good 2001:db8:20:1:1:2:3:4",
            "2001:db8:20:1:1:2:3:4"),
        Arguments.of(
            "/128 is an address, cut to /64",
            "nas.example.com",
            "2001:db8:20:1::7/128",
            "good 2001:db8:20:1:1:2:3:4",
            "2001:db8:20:1:1:2:3:4"),
        Arguments.of(
            "an explicit prefix wins over the router's own address",
            "nas.example.com",
            "2001:db8:99::7,2001:db8:20:1::/64",
            "good 2001:db8:20:1:1:2:3:4",
            "2001:db8:20:1:1:2:3:4"),
        Arguments.of(
            "/80 leaves 48 bits, too few for ::1:2:3:4",
            "nas.example.com",
            "2001:db8:20:1:ffff::/80",
            "badagent",
            "-"),
        Arguments.of(
            "/96 leaves room for ::5",
            "small.example.com",
            "2001:db8:20:1:0:ffff::/96",
            "good 2001:db8:20:1:0:ffff:0:5",
            "2001:db8:20:1:0:ffff:0:5"),
        Arguments.of(
            "a full 64-bit interface id",
            "printer.example.com",
            "2001:db8:20:1::/64",
            "good 2001:db8:20:1:abcd:ef01:2345:6789",
            "2001:db8:20:1:abcd:ef01:2345:6789"),
        Arguments.of(
            "IPv4 alone for an AAAA-only LAN host",
            "nas.example.com",
            "198.51.100.20",
            "badagent",
            "-"),
        Arguments.of(
            "IPv4 beside the prefix for an AAAA-only LAN host: only the AAAA",
            "nas.example.com",
            "198.51.100.20,2001:db8:20:1::/64",
            "good 2001:db8:20:1:1:2:3:4",
            "2001:db8:20:1:1:2:3:4"),
        Arguments.of(
            "a dual-stack LAN host gets the router's IPv4 and prefix + id",
            "printer.example.com",
            "198.51.100.20,2001:db8:20:1::/64",
            "good 198.51.100.20,2001:db8:20:1:abcd:ef01:2345:6789",
            "2001:db8:20:1:abcd:ef01:2345:6789"),
        Arguments.of(
            "a ULA prefix makes a non-public address",
            "nas.example.com",
            "fd00:20:1::/64",
            "badagent",
            "-"),
        Arguments.of(
            "a ULA prefix on a host that allows non-public addresses",
            "lab.example.com",
            "fd00:20:1::/64",
            "good fd00:20:1:0:1:2:3:4",
            "fd00:20:1:0:1:2:3:4"),
        Arguments.of(
            "a link-local prefix is still refused after adding the id",
            "nas.example.com",
            "fe80::/64",
            "badagent",
            "-"),
        Arguments.of(
            "router host: a prefix alone is not an address",
            "router.example.com",
            "2001:db8:20:1::/64",
            "badagent",
            "-"),
        Arguments.of(
            "router host: IPv4 and a prefix write only the A record",
            "router.example.com",
            "198.51.100.20,2001:db8:20:1::/64",
            "good 198.51.100.20",
            "-"),
        Arguments.of(
            "router host: its address beside the LAN prefix",
            "router.example.com",
            "198.51.100.20,2001:db8:99::7,2001:db8:20:1::/64",
            "good 198.51.100.20,2001:db8:99::7",
            "2001:db8:99::7"),
        Arguments.of(
            "router host: an address written with its prefix length is an address",
            "router.example.com",
            "2001:db8:20:1::7/64",
            "good 2001:db8:20:1::7",
            "2001:db8:20:1::7"),
        Arguments.of(
            "IPv4-only host: the prefix is not for it",
            "v4only.example.com",
            "198.51.100.20,2001:db8:20:1::/64",
            "good 198.51.100.20",
            "-"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void update_followsThePrefixOnlyForHostsWithAnInterfaceId(
      String why, String host, String myip, String answer, String aaaa) {
    HttpAnswer response = f.get(alice(), "hostname", host, "myip", myip);

    assertEquals(answer + "\n", response.body(), f::lastLog);
    RecordSet written = f.records.get(ZONE_1, host).get(RecordType.AAAA);
    assertEquals(aaaa, written == null ? "-" : written.values().get(0), f::lastLog);
  }

  @Test
  void oneRequest_movesTheRouterHostAndTheLanHost_inOneBatchPerIamPartition() {
    HttpAnswer response =
        f.get(
            alice(),
            "hostname",
            "router.example.com,nas.example.com",
            "myip",
            "198.51.100.20,2001:db8:99::7,2001:db8:20:1::/64");

    assertEquals(
        "good 198.51.100.20,2001:db8:99::7\ngood 2001:db8:20:1:1:2:3:4\n", response.body());
    // The router host (A and AAAA) and the AAAA-only NAS are in different IAM partitions
    // (ChangePartitions), and a batch must stay within one partition's statement.
    assertEquals(2, f.records.batches.size());
    assertEquals(
        Map.of(
            RecordType.A,
            RecordSet.single(RecordType.A, 60, "198.51.100.20"),
            RecordType.AAAA,
            RecordSet.single(RecordType.AAAA, 60, "2001:db8:99::7")),
        f.records.get(ZONE_1, "router.example.com"));
    assertEquals(
        Map.of(RecordType.AAAA, RecordSet.single(RecordType.AAAA, 60, "2001:db8:20:1:1:2:3:4")),
        f.records.get(ZONE_1, "nas.example.com"));
  }

  @Test
  void myipv6_carriesThePrefixBesideTheIpv4InMyip() {
    HttpAnswer response =
        f.get(
            alice(),
            "hostname",
            "printer.example.com",
            "myip",
            "198.51.100.20",
            "myipv6",
            "2001:db8:20:2::/64");

    assertEquals("good 198.51.100.20,2001:db8:20:2:abcd:ef01:2345:6789\n", response.body());
  }

  @Test
  void samePrefixAgain_answersNochgWithTheAddress_withoutWriting() {
    f.get(alice(), "hostname", "nas.example.com", "myip", "2001:db8:20:1::/64");

    HttpAnswer again = f.get(alice(), "hostname", "nas.example.com", "myip", "2001:db8:20:1::/64");

    assertEquals("nochg 2001:db8:20:1:1:2:3:4\n", again.body());
    assertEquals(1, f.records.batches.size());
  }

  @Test
  void newPrefix_movesTheLanHost() {
    f.get(alice(), "hostname", "nas.example.com", "myip", "2001:db8:20:1::/64");

    HttpAnswer moved = f.get(alice(), "hostname", "nas.example.com", "myip", "2001:db8:77:1::/64");

    assertEquals("good 2001:db8:77:1:1:2:3:4\n", moved.body());
    assertEquals(
        "2001:db8:77:1:1:2:3:4",
        f.records.get(ZONE_1, "nas.example.com").get(RecordType.AAAA).values().get(0));
  }

  @Test
  void withoutMyip_anIpv6SourceAddressGivesTheLanPrefix() {
    HttpAnswer response =
        f.send("GET", alice(), "2001:db8:20:1::99", "hostname", "nas.example.com");

    assertEquals("good 2001:db8:20:1:1:2:3:4\n", response.body());
  }

  @Test
  void log_saysHowTheLanAddressWasMade_andWhyTheRouterHostIgnoredThePrefix() {
    f.get(
        alice(),
        "hostname",
        "router.example.com,nas.example.com",
        "myip",
        "198.51.100.20,2001:db8:20:1::/64");

    String log = f.lastLog();
    assertTrue(log.contains("AAAA from prefix 2001:db8:20:1::/64 + interface id ::1:2:3:4"), log);
    assertTrue(
        log.contains(
            "ignored 2001:db8:20:1::/64 (a prefix, not an address; give this host"
                + " \\\"ipv6InterfaceId\\\" to follow the prefix)"),
        log);
  }

  @Test
  void log_ofAPrefixTooLongForTheInterfaceId_namesBothAndTheFix() {
    f.get(alice(), "hostname", "nas.example.com", "myip", "2001:db8:20:1:ffff::/80");

    assertTrue(
        f.lastLog()
            .contains(
                "the interface id ::1:2:3:4 does not fit in the 48 bits the prefix"
                    + " 2001:db8:20:1:ffff::/80 leaves; send this host a prefix of /64 or shorter"),
        f.lastLog());
  }

  @Test
  void log_ofANonPublicResult_showsTheAddressAndWhereItCameFrom() {
    f.get(alice(), "hostname", "nas.example.com", "myip", "fd00:20:1::/64");

    assertTrue(
        f.lastLog()
            .contains(
                "fd00:20:1:0:1:2:3:4 (AAAA from prefix fd00:20:1::/64 + interface id"
                    + " ::1:2:3:4) is not a public address"),
        f.lastLog());
  }
}
