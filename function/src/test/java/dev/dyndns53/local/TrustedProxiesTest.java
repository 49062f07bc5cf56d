package dev.dyndns53.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Who the client is, given the TCP peer and the X-Forwarded-For values. */
class TrustedProxiesTest {
  private static final TrustedProxies PROXIES =
      TrustedProxies.parse("127.0.0.1, 10.0.0.0/8, ::1, fd00::/8");

  static Stream<Arguments> forwardedRequests() {
    return Stream.of(
        Arguments.of("one hop", "127.0.0.1", "203.0.113.9", "203.0.113.9"),
        Arguments.of("an IPv6 client", "127.0.0.1", "2001:db8::9", "2001:db8:0:0:0:0:0:9"),
        Arguments.of(
            "a spoofed entry left of the real one",
            "127.0.0.1",
            "1.1.1.1, 203.0.113.9",
            "203.0.113.9"),
        Arguments.of("two trusted hops", "127.0.0.1", "203.0.113.9, 10.1.2.3", "203.0.113.9"),
        Arguments.of(
            "two header lines", "127.0.0.1", "198.51.100.1|203.0.113.9, 10.0.0.2", "203.0.113.9"),
        Arguments.of("only proxies in the chain", "127.0.0.1", "10.0.0.7, 10.0.0.2", "10.0.0.7"),
        Arguments.of("an IPv6 proxy", "::1", "203.0.113.9", "203.0.113.9"),
        Arguments.of("a CIDR proxy", "10.200.0.1", "203.0.113.9", "203.0.113.9"),
        Arguments.of("an untrusted peer", "192.0.2.1", "203.0.113.9", "192.0.2.1"),
        Arguments.of(
            "an untrusted peer next to a trusted block", "11.0.0.1", "203.0.113.9", "11.0.0.1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forwardedRequests")
  void client_isTheRightMostAddressThatIsNotATrustedProxy(
      String description, String peer, String forwardedFor, String expected) throws Exception {
    TrustedProxies.Client client =
        PROXIES.client(InetAddress.getByName(peer), Arrays.asList(forwardedFor.split("\\|")));

    assertEquals(expected, client.address());
    assertNull(client.note());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "unknown",
        "203.0.113.9:4711",
        "example.com",
        "203.0.113.9, ",
        "fe80::1%eth0",
        "[2001:db8::1]",
        "203.0.113.009",
        "1.2.3"
      })
  void malformedHeader_fallsBackToThePeerAndSaysWhy(String forwardedFor) throws Exception {
    TrustedProxies.Client client =
        PROXIES.client(InetAddress.getByName("127.0.0.1"), List.of(forwardedFor));

    assertEquals("127.0.0.1", client.address());
    assertTrue(client.note().contains("not an IP address"), client.note());
  }

  @Test
  void trustedProxyWithoutTheHeader_isTheClientAndItIsNoted() throws Exception {
    TrustedProxies.Client client = PROXIES.client(InetAddress.getByName("127.0.0.1"), List.of());

    assertEquals("127.0.0.1", client.address());
    assertTrue(client.note().contains("without X-Forwarded-For"), client.note());
  }

  @Test
  void untrustedPeer_isNeverNotedWhateverItSends() throws Exception {
    TrustedProxies.Client client =
        PROXIES.client(InetAddress.getByName("192.0.2.1"), List.of("garbage, 203.0.113.9"));

    assertEquals("192.0.2.1", client.address());
    assertNull(client.note());
  }

  @Test
  void noProxies_trustNobody() throws Exception {
    assertTrue(TrustedProxies.parse("").isEmpty());
    assertFalse(TrustedProxies.NONE.contains(InetAddress.getByName("127.0.0.1")));
    assertEquals(
        "127.0.0.1",
        TrustedProxies.NONE
            .client(InetAddress.getByName("127.0.0.1"), List.of("203.0.113.9"))
            .address());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        "10.0.0.0/33",
        "::1/129",
        "10.0.0.0/",
        "1.2.3.4,,5.6.7.8",
        "10.0.0.0/-1",
        "proxy.example.com"
      })
  void parse_refusesWhatIsNotAnAddressOrBlock(String list) {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(list));
    assertFalse(refused.getMessage().isBlank());
  }

  @Test
  void parse_readsBlocksOnAnyBitBoundary() throws Exception {
    TrustedProxies proxies = TrustedProxies.parse("192.0.2.128/25");

    assertTrue(proxies.contains(InetAddress.getByName("192.0.2.200")));
    assertFalse(proxies.contains(InetAddress.getByName("192.0.2.127")));
    assertTrue(TrustedProxies.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8")));
    assertFalse(TrustedProxies.parse("0.0.0.0/0").contains(InetAddress.getByName("::1")));
  }
}
