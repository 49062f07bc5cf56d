package dev.dyndns53.conformance;

import static dev.dyndns53.conformance.ConformanceEnvironment.USER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests written by hand exactly as the routers that cannot run here send them (from their
 * sources and captures: Fritz!Box, Speedport, OPNsense's native backend, pfSense's "Custom"
 * provider), and the answers checked the way each reads them. Shares the real jar, moto and the
 * network namespace with the ddclient and inadyn suites; each test's exchange is in {@code
 * target/conformance/router-requests/<test>/}.
 */
@Tag("client-conformance")
class RouterRequestsClientConformanceIT {

  @RegisterExtension
  static final ConformanceEnvironment env =
      ConformanceEnvironment.forClient("router-requests")
          .hosts(
              "fritz.example.com",
              "speedport.example.com",
              "opn-a.example.com",
              "opn-b.example.com",
              "pf.example.com",
              "http10.example.com",
              "offline.example.com",
              "fritz-router.example.com",
              "prefix-router.example.com")
          .lanHost("fritz-nas.example.com", "::1:2:3:4")
          .lanHost("prefix-nas.example.com", "::1:2:3:4");

  @Test
  void fritzBox_unescapedIp6lanprefixForTheRoutersOwnHost_writesOnlyTheARecord(Scenario scenario) {
    // Update-URL ".../nic/update?hostname=<domain>&myip=<ipaddr>,<ip6lanprefix>": the box
    // substitutes without escaping, and <ip6lanprefix> ends in /64. Username and password go in
    // Basic auth. The prefix is not the box's address (2001:db8:20:1:: is the LAN's
    // subnet-router anycast address), so a host without "ipv6InterfaceId" leaves it out.
    RawHttp.Response response =
        RawHttp.exchange(
            scenario,
            "fritzbox",
            env.port(),
            "GET /v1/nic/update?hostname=fritz.example.com&myip=198.51.100.20,2001:db8:20:1::/64 HTTP/1.0",
            "Host: 127.0.0.1:" + env.port(),
            "Connection: close",
            "Authorization: " + RawHttp.basic(USER, env.password()),
            "User-Agent: Fritz!Box DDNS/1.0.1");

    assertEquals(200, response.status(), scenario::explain);
    assertEquals("good 198.51.100.20\n", response.bodyText(), scenario::explain);
    assertEquals(
        List.of("A 60 198.51.100.20"), env.records("fritz.example.com"), scenario::explain);
    assertTrue(
        env.requests().get(0).text("outcomes").contains("a prefix, not an address"),
        scenario::explain);
  }

  @Test
  void fritzBox_ip6lanprefix_movesTheRouterHostAndALanHostInOneRequest(Scenario scenario) {
    // Update-URL
    // ".../nic/update?hostname=<domain>,fritz-nas.example.com&myip=<ipaddr>,<ip6addr>,<ip6lanprefix>":
    // the box's own host gets its addresses, the NAS (ipv6InterfaceId ::1:2:3:4) the LAN prefix
    // plus its interface id. A new prefix from the ISP moves both in the next update.
    String authorization = "Authorization: " + RawHttp.basic(USER, env.password());
    RawHttp.Response first =
        RawHttp.exchange(
            scenario,
            "fritzbox-1",
            env.port(),
            "GET /v1/nic/update?hostname=fritz-router.example.com,fritz-nas.example.com"
                + "&myip=198.51.100.21,2001:db8:21::1,2001:db8:21:1::/64 HTTP/1.0",
            "Host: 127.0.0.1:" + env.port(),
            "Connection: close",
            authorization,
            "User-Agent: Fritz!Box DDNS/1.0.1");

    assertEquals(200, first.status(), scenario::explain);
    assertEquals(
        "good 198.51.100.21,2001:db8:21::1\ngood 2001:db8:21:1:1:2:3:4\n",
        first.bodyText(),
        scenario::explain);
    assertEquals(
        List.of("A 60 198.51.100.21", "AAAA 60 2001:db8:21::1"),
        env.records("fritz-router.example.com"),
        scenario::explain);
    assertEquals(
        List.of("AAAA 60 2001:db8:21:1:1:2:3:4"),
        env.records("fritz-nas.example.com"),
        scenario::explain);

    RawHttp.Response renumbered =
        RawHttp.exchange(
            scenario,
            "fritzbox-2",
            env.port(),
            "GET /v1/nic/update?hostname=fritz-router.example.com,fritz-nas.example.com"
                + "&myip=198.51.100.21,2001:db8:22::1,2001:db8:22:1::/64 HTTP/1.0",
            "Host: 127.0.0.1:" + env.port(),
            "Connection: close",
            authorization,
            "User-Agent: Fritz!Box DDNS/1.0.1");

    assertEquals(
        "good 198.51.100.21,2001:db8:22::1\ngood 2001:db8:22:1:1:2:3:4\n",
        renumbered.bodyText(),
        scenario::explain);
    assertEquals(
        List.of("A 60 198.51.100.21", "AAAA 60 2001:db8:22::1"),
        env.records("fritz-router.example.com"),
        scenario::explain);
    assertEquals(
        List.of("AAAA 60 2001:db8:22:1:1:2:3:4"),
        env.records("fritz-nas.example.com"),
        scenario::explain);
  }

  @Test
  void speedport_ipv6First_writesBothRecords(Scenario scenario) {
    RawHttp.Response response =
        RawHttp.exchange(
            scenario,
            "speedport",
            env.port(),
            "GET /v1/nic/update?hostname=speedport.example.com&myip=2001:db8:30::1,198.51.100.30 HTTP/1.1",
            "Host: 127.0.0.1:" + env.port(),
            "Authorization: " + RawHttp.basic(USER, env.password()));

    assertEquals(200, response.status(), scenario::explain);
    assertEquals("good 198.51.100.30,2001:db8:30::1\n", response.bodyText(), scenario::explain);
    assertEquals(
        List.of("A 60 198.51.100.30", "AAAA 60 2001:db8:30::1"),
        env.records("speedport.example.com"),
        scenario::explain);
  }

  @Test
  void opnsenseNativeBackend_wildcardNochgAndEncodedHostList_updatesBothHosts(Scenario scenario) {
    // OPNsense's os-ddclient native backend (python requests): hostnames from its comma-separated
    // field, percent-encoded; wildcard=NOCHG; any 2xx is success, the first word is its status.
    RawHttp.Response response =
        RawHttp.exchange(
            scenario,
            "opnsense",
            env.port(),
            "GET /v1/nic/update?hostname=opn-a.example.com%2Copn-b.example.com&myip=198.51.100.40&wildcard=NOCHG"
                + " HTTP/1.1",
            "Host: 127.0.0.1:" + env.port(),
            "User-Agent: OPNsense-dyndns",
            "Accept-Encoding: gzip, deflate",
            "Accept: */*",
            "Connection: keep-alive",
            "Authorization: " + RawHttp.basic(USER, env.password()));

    assertEquals(200, response.status(), scenario::explain);
    assertEquals(
        "good 198.51.100.40\ngood 198.51.100.40\n", response.bodyText(), scenario::explain);
    assertEquals("good", response.bodyText().split("\\s+")[0], scenario::explain);
    assertEquals(
        List.of("A 60 198.51.100.40"), env.records("opn-a.example.com"), scenario::explain);
    assertEquals(
        List.of("A 60 198.51.100.40"), env.records("opn-b.example.com"), scenario::explain);
  }

  @Test
  void pfsenseCustom_bodyIsExactlyGoodThenNochgWithTheAddress_soItsResultMatchAccepts(
      Scenario scenario) {
    String[] request = {
      "GET /v1/nic/update?hostname=pf.example.com&myip=198.51.100.50 HTTP/1.1",
      "Host: 127.0.0.1:" + env.port(),
      "Authorization: " + RawHttp.basic(USER, env.password()),
      "User-Agent: phpDynDNS/0.7",
      "Accept: */*"
    };

    RawHttp.Response first = RawHttp.exchange(scenario, "pfsense-1", env.port(), request);
    RawHttp.Response second = RawHttp.exchange(scenario, "pfsense-2", env.port(), request);

    assertEquals(200, first.status(), scenario::explain);
    assertArrayEquals(
        "good 198.51.100.50\n".getBytes(StandardCharsets.US_ASCII),
        first.body(),
        scenario::explain);
    assertTrue(
        pfsenseResultMatches("good %IP%|nochg %IP%", "198.51.100.50", first.bodyText()),
        scenario::explain);
    assertEquals(200, second.status(), scenario::explain);
    assertArrayEquals(
        "nochg 198.51.100.50\n".getBytes(StandardCharsets.US_ASCII),
        second.body(),
        scenario::explain);
    assertTrue(
        pfsenseResultMatches("good %IP%|nochg %IP%", "198.51.100.50", second.bodyText()),
        scenario::explain);
    assertEquals(List.of("A 60 198.51.100.50"), env.records("pf.example.com"), scenario::explain);
  }

  @Test
  void lanPrefixInAParameterOfItsOwn_eachFormRoutersSend_movesTheLanHost(Scenario scenario) {
    // The LAN prefix as its own parameter, in each spelling routers and other providers use:
    // a Fritz!Box URL with "&ip6lanprefix=<ip6lanprefix>" (unescaped, ending in /64), the same
    // with "ipv6prefix", and dynv6's "ipv6" (the address) with "ipv6prefix" or with a second
    // "ipv6" carrying the prefix as a CIDR. Each form gets a new prefix, so each answer is good.
    String authorization = "Authorization: " + RawHttp.basic(USER, env.password());
    String[][] forms = {
      {
        "fritzbox-ip6lanprefix", "myip=198.51.100.31,2001:db8:31::1&ip6lanprefix=2001:db8:31:1::/64"
      },
      {"ipv6prefix", "myip=198.51.100.31,2001:db8:32::1&ipv6prefix=2001:db8:32:1::/64"},
      {
        "dynv6-ipv6-ipv6prefix",
        "myip=198.51.100.31&ipv6=2001:db8:33::1&ipv6prefix=2001:db8:33:1::/64"
      },
      {"dynv6-ipv6-cidr", "myip=198.51.100.31&ipv6=2001:db8:34::1&ipv6=2001:db8:34:1::/64"},
    };
    for (int i = 0; i < forms.length; i++) {
      String net = "2001:db8:3" + (i + 1);
      RawHttp.Response response =
          RawHttp.exchange(
              scenario,
              forms[i][0],
              env.port(),
              "GET /v1/nic/update?hostname=prefix-router.example.com,prefix-nas.example.com&"
                  + forms[i][1]
                  + " HTTP/1.0",
              "Host: 127.0.0.1:" + env.port(),
              "Connection: close",
              authorization,
              "User-Agent: Fritz!Box DDNS/1.0.1");

      assertEquals(200, response.status(), scenario::explain);
      assertEquals(
          "good 198.51.100.31," + net + "::1\ngood " + net + ":1:1:2:3:4\n",
          response.bodyText(),
          scenario::explain);
      assertEquals(
          List.of("AAAA 60 " + net + ":1:1:2:3:4"),
          env.records("prefix-nas.example.com"),
          scenario::explain);
      assertEquals(
          List.of("A 60 198.51.100.31", "AAAA 60 " + net + "::1"),
          env.records("prefix-router.example.com"),
          scenario::explain);
    }
  }

  @Test
  void prefixParameterDyndns53DoesNotRead_isNotGoodForTheLanHost_andIsNamedInTheLog(
      Scenario scenario) {
    // A provider's URL template with a prefix parameter under another name: answering good would
    // put the LAN host on the WAN /64, wrong whenever the router's WAN and LAN prefixes differ.
    RawHttp.Response response =
        RawHttp.exchange(
            scenario,
            "unread-prefix",
            env.port(),
            "GET /v1/nic/update?hostname=prefix-router.example.com,prefix-nas.example.com"
                + "&myip=198.51.100.32,2001:db8:35::1&ip6prefix=2001:db8:35:1::/64&system=dyndns"
                + " HTTP/1.0",
            "Host: 127.0.0.1:" + env.port(),
            "Connection: close",
            "Authorization: " + RawHttp.basic(USER, env.password()),
            "User-Agent: Fritz!Box DDNS/1.0.1");

    assertEquals(200, response.status(), scenario::explain);
    assertEquals(
        "good 198.51.100.32,2001:db8:35::1\nbadagent\n", response.bodyText(), scenario::explain);
    assertTrue(
        env.records("prefix-nas.example.com").stream().noneMatch(r -> r.contains("2001:db8:35:")),
        scenario::explain);
    LoggedRequest logged = env.requests().get(0);
    assertTrue(
        logged.text("notes").contains("parameters not read: ip6prefix, system"), scenario::explain);
    assertTrue(
        logged
            .text("outcomes")
            .contains("the request carries ip6prefix, which dyndns53 does not read"),
        scenario::explain);
  }

  @Test
  void emptyBasicCredentials_areAnswered401BadauthWithAChallenge(Scenario scenario) {
    RawHttp.Response response =
        RawHttp.exchange(
            scenario,
            "empty-basic",
            env.port(),
            "GET /nic/update?hostname=pf.example.com&myip=198.51.100.51 HTTP/1.0",
            "Host: 127.0.0.1",
            "Authorization: Basic Og==");

    assertEquals(401, response.status(), scenario::explain);
    assertEquals(
        "Basic realm=\"dyndns53\"", response.headers().get("www-authenticate"), scenario::explain);
    assertEquals("badauth\n", response.bodyText(), scenario::explain);
  }

  @Test
  void noAuthorization_isChallengedWith401AndABasicRealm(Scenario scenario) {
    // Clients that wait for a challenge before sending credentials get one.
    RawHttp.Response response =
        RawHttp.exchange(
            scenario,
            "no-authorization",
            env.port(),
            "GET /v1/nic/update?hostname=fritz.example.com&myip=198.51.100.52 HTTP/1.0",
            "Host: 127.0.0.1:" + env.port(),
            "User-Agent: Fritz!Box DDNS/1.0.1");

    assertEquals(401, response.status(), scenario::explain);
    assertEquals(
        "Basic realm=\"dyndns53\"", response.headers().get("www-authenticate"), scenario::explain);
    assertEquals("badauth\n", response.bodyText(), scenario::explain);
  }

  @Test
  void http10WithAHostHeaderWithoutPort_isServedWithContentLengthAndClose(Scenario scenario) {
    RawHttp.Response response =
        RawHttp.exchange(
            scenario,
            "http10",
            env.port(),
            "GET /nic/update?hostname=http10.example.com&myip=198.51.100.60 HTTP/1.0",
            "Host: 127.0.0.1",
            "Authorization: " + RawHttp.basic(USER, env.password()));

    assertEquals(200, response.status(), scenario::explain);
    assertEquals("good 198.51.100.60\n", response.bodyText(), scenario::explain);
    assertEquals(
        String.valueOf(response.body().length),
        response.headers().get("content-length"),
        scenario::explain);
    assertEquals(null, response.headers().get("transfer-encoding"), scenario::explain);
    assertEquals(
        List.of("A 60 198.51.100.60"), env.records("http10.example.com"), scenario::explain);
  }

  @Test
  void offlineYes_removesTheRecordsAnsweringGood_thenNochgWhenNothingIsLeft(Scenario scenario) {
    String authorization = "Authorization: " + RawHttp.basic(USER, env.password());
    RawHttp.exchange(
        scenario,
        "online",
        env.port(),
        "GET /nic/update?hostname=offline.example.com&myip=198.51.100.70 HTTP/1.1",
        "Host: 127.0.0.1",
        authorization);
    assertEquals(
        List.of("A 60 198.51.100.70"), env.records("offline.example.com"), scenario::explain);

    RawHttp.Response offline =
        RawHttp.exchange(
            scenario,
            "offline-1",
            env.port(),
            "GET /nic/update?hostname=offline.example.com&offline=YES HTTP/1.1",
            "Host: 127.0.0.1",
            authorization);
    RawHttp.Response again =
        RawHttp.exchange(
            scenario,
            "offline-2",
            env.port(),
            "GET /nic/update?hostname=offline.example.com&offline=YES HTTP/1.1",
            "Host: 127.0.0.1",
            authorization);

    assertEquals("good\n", offline.bodyText(), scenario::explain);
    assertEquals("nochg\n", again.bodyText(), scenario::explain);
    assertEquals(List.of(), env.records("offline.example.com"), scenario::explain);
  }

  /**
   * pfSense's check for its "Custom" provider (dyndns.class, {@code _checkStatus}): {@code %IP%}
   * replaced by the address, alternatives split at unescaped {@code |}, each compared exactly with
   * the body trimmed of tabs, CRs and LFs.
   */
  private static boolean pfsenseResultMatches(String resultMatch, String ip, String body) {
    String trimmed = body.replaceAll("^[\\t\\n\\r]+|[\\t\\n\\r]+$", "");
    for (String alternative : resultMatch.replace("%IP%", ip).split("(?<!\\\\)\\|")) {
      if (alternative.replace("\\|", "|").equals(trimmed)) {
        return true;
      }
    }
    return false;
  }
}
