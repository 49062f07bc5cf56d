package dev.dyndns53.conformance;

import static dev.dyndns53.conformance.ConformanceEnvironment.NOT_GRANTED_HOST;
import static dev.dyndns53.conformance.ConformanceEnvironment.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.testing.AwsWireStandIn.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Debian's ddclient 3.10.0, unmodified, against the real function jar: what it sends, how it reads
 * each answer (exit status, its {@code SUCCESS:}, {@code WARNING:} and {@code FAILED:} lines, the
 * status it caches) and what ends up in Route 53. Runs in the private network namespace of the
 * failsafe execution {@code client-conformance}; each test's files are in {@code
 * target/conformance/ddclient/<test>/}.
 *
 * <p>Unless a test says otherwise, every run is one-shot ({@code -daemon=0}) with a fresh cache and
 * {@code -force}, as after a router restart (EdgeOS deletes ddclient's cache whenever it restarts
 * it).
 */
@Tag("client-conformance")
class DdclientClientConformanceIT {

  @RegisterExtension
  static final ConformanceEnvironment env =
      ConformanceEnvironment.forClient("ddclient")
          .hosts(
              "dd-one.example.com",
              "dd-two-a.example.com",
              "dd-two-b.example.com",
              "dd-usev4.example.com",
              "dd-v6.example.com",
              "dd-stage.example.com",
              "dd-edge-a.example.com",
              "dd-edge-b.example.com",
              "dd-nochg.example.com",
              "dd-mixed.example.com",
              "dd-badpw.example.com",
              "dd-throttled.example.com",
              "dd-private.example.com",
              "dd-conflict.example.com",
              "dd-usev4-again.example.com")
          .nonPublicHosts("dd-lan.example.com")
          .hosts("dd-checkip.example.com")
          .publicLoopbackAddress("203.0.113.77");

  private static final Duration LIMIT = Duration.ofSeconds(90);

  @Test
  void useWebWithTheCheckipPage_sendsTheAddressThePageShows(Scenario scenario) {
    // The namespace's loopback also holds 203.0.113.77, so a connection to it comes from it: the
    // address a router behind another router would see as its public one.
    String web = "http://" + env.publicAddress() + ":" + env.port() + "/v1/checkip";
    ClientRun run =
        ddclient(
            scenario,
            "ddclient",
            config(server(""), env.password(), "use=web, web=" + web, "dd-checkip.example.com"));

    assertEquals(0, run.exitCode(), scenario::explain);
    assertPrinted(run, "SENDING:", "GET /v1/checkip HTTP/1.1", scenario);
    assertPrinted(run, "RECEIVE:", "Current IP Address: 203.0.113.77", scenario);
    assertPrinted(
        run,
        "SUCCESS:",
        "updating dd-checkip.example.com: good: IP address set to 203.0.113.77",
        scenario);
    List<LoggedRequest> requests = env.requests();
    assertEquals("checkip", requests.get(0).text("endpoint"), scenario::explain);
    assertEquals("203.0.113.77", requests.get(0).text("source"), scenario::explain);
    assertEquals(
        List.of("A 60 203.0.113.77"), env.records("dd-checkip.example.com"), scenario::explain);
  }

  @Test
  void oneHost_printsSuccessAndWritesTheARecord(Scenario scenario) {
    ClientRun run =
        ddclient(
            scenario,
            "ddclient",
            config(server(""), env.password(), "use=ip, ip=203.0.113.10", "dd-one.example.com"));

    assertEquals(0, run.exitCode(), scenario::explain);
    assertPrinted(
        run,
        "SUCCESS:",
        "updating dd-one.example.com: good: IP address set to 203.0.113.10",
        scenario);
    assertEquals(List.of(), run.linesStartingWith("FAILED:"), scenario::explain);
    assertEquals(
        List.of("A 60 203.0.113.10"), env.records("dd-one.example.com"), scenario::explain);
    assertEquals(
        "good",
        cached(scenario, "ddclient", "dd-one.example.com").get("status"),
        scenario::explain);
  }

  @Test
  void twoHostsWithTheSameLogin_areSentInOneRequest_andEachLineConfirmsItsHost(Scenario scenario) {
    ClientRun run =
        ddclient(
            scenario,
            "ddclient",
            config(
                server(""),
                env.password(),
                "use=ip, ip=203.0.113.11",
                "dd-two-a.example.com,dd-two-b.example.com"));

    assertEquals(0, run.exitCode(), scenario::explain);
    assertPrinted(
        run,
        "SENDING:",
        "GET /nic/update?system=dyndns&hostname=dd-two-a.example.com,dd-two-b.example.com&myip=203.0.113.11 ",
        scenario);
    List<LoggedRequest> requests = env.requests();
    assertEquals(1, requests.size(), scenario::explain);
    assertEquals(
        List.of("dd-two-a.example.com", "dd-two-b.example.com"),
        requests.get(0).hosts(),
        scenario::explain);
    assertPrinted(
        run,
        "SUCCESS:",
        "updating dd-two-a.example.com: good: IP address set to 203.0.113.11",
        scenario);
    assertPrinted(
        run,
        "SUCCESS:",
        "updating dd-two-b.example.com: good: IP address set to 203.0.113.11",
        scenario);
    assertEquals(
        List.of("A 60 203.0.113.11"), env.records("dd-two-a.example.com"), scenario::explain);
    assertEquals(
        List.of("A 60 203.0.113.11"), env.records("dd-two-b.example.com"), scenario::explain);
  }

  @Test
  void explicitIpv4_withUseNoUsev4Ipv4_isSentAsMyip(Scenario scenario) {
    ClientRun run =
        ddclient(
            scenario,
            "ddclient",
            config(
                server(""),
                env.password(),
                "use=no, usev4=ipv4, ipv4=203.0.113.12",
                "dd-usev4.example.com"));

    assertEquals(0, run.exitCode(), scenario::explain);
    assertPrinted(run, "SENDING:", "hostname=dd-usev4.example.com&myip=203.0.113.12 ", scenario);
    assertPrinted(
        run,
        "SUCCESS:",
        "updating dd-usev4.example.com: good: IP address set to 203.0.113.12",
        scenario);
    assertEquals(
        List.of("A 60 203.0.113.12"), env.records("dd-usev4.example.com"), scenario::explain);
    Map<String, String> cached = cached(scenario, "ddclient", "dd-usev4.example.com");
    assertEquals("good", cached.get("status"), scenario::explain);
    assertEquals("203.0.113.12", cached.get("ipv4"), scenario::explain);
  }

  @Test
  void usev4WithAnUnchangedAddress_andTheLastRunsCache_sendsNothing(Scenario scenario) {
    // 3.10 caches the usev4 address (with status-ipv4 left at noconnect) and compares it on the
    // next run: an unchanged address is not re-sent.
    String config =
        config(
            server(""),
            env.password(),
            "use=no, usev4=ipv4, ipv4=203.0.113.24",
            "dd-usev4-again.example.com");
    ClientRun first = ddclient(scenario, "ddclient-run1", config, "ddclient.cache", true);
    assertEquals(0, first.exitCode(), scenario::explain);

    ClientRun second = ddclient(scenario, "ddclient-run2", config, "ddclient.cache", false);

    assertEquals(0, second.exitCode(), scenario::explain);
    assertEquals(List.of(), second.linesStartingWith("SENDING:"), scenario::explain);
    assertEquals(1, env.requests().size(), scenario::explain);
    assertEquals(
        "noconnect",
        cached(scenario, "ddclient", "dd-usev4-again.example.com").get("status-ipv4"),
        scenario::explain);
  }

  @Test
  void rawIpv6_withUseIp_isSentWithItsColons_andWritesTheAaaaRecord(Scenario scenario) {
    ClientRun run =
        ddclient(
            scenario,
            "ddclient",
            config(server(""), env.password(), "use=ip, ip=2001:db8::7", "dd-v6.example.com"));

    assertEquals(0, run.exitCode(), scenario::explain);
    assertPrinted(run, "SENDING:", "hostname=dd-v6.example.com&myip=2001:db8::7 ", scenario);
    assertPrinted(
        run,
        "SUCCESS:",
        "updating dd-v6.example.com: good: IP address set to 2001:db8::7",
        scenario);
    assertEquals(
        List.of("AAAA 60 2001:db8::7"), env.records("dd-v6.example.com"), scenario::explain);
  }

  @Test
  void usev6Alone_sendsAnEmptyMyip_soTheSourceAddressIsWritten(Scenario scenario) {
    // ddclient 3.10's dyndns2 code sends only the IPv4 (or use=) address; with usev6 alone myip is
    // empty. The request comes from 127.0.0.1, which only a host with allowNonPublic accepts.
    ClientRun run =
        ddclient(
            scenario,
            "ddclient",
            config(
                server(""),
                env.password(),
                "use=no, usev6=ipv6, ipv6=2001:db8::8",
                "dd-lan.example.com"));

    assertEquals(0, run.exitCode(), scenario::explain);
    assertPrinted(run, "SENDING:", "hostname=dd-lan.example.com&myip= HTTP/1.1", scenario);
    assertPrinted(run, "RECEIVE:", "good 127.0.0.1", scenario);
    // With no address of its own, ddclient takes the one in the answer.
    assertPrinted(
        run,
        "SUCCESS:",
        "updating dd-lan.example.com: good: IP address set to 127.0.0.1",
        scenario);
    assertEquals(List.of("A 60 127.0.0.1"), env.records("dd-lan.example.com"), scenario::explain);
    assertEquals(
        "127.0.0.1",
        cached(scenario, "ddclient", "dd-lan.example.com").get("ip"),
        scenario::explain);
  }

  @Test
  void stageInServer_isSentAsThePathPrefix(Scenario scenario) {
    ClientRun run =
        ddclient(
            scenario,
            "ddclient",
            config(
                server("/v1"), env.password(), "use=ip, ip=203.0.113.13", "dd-stage.example.com"));

    assertEquals(0, run.exitCode(), scenario::explain);
    assertPrinted(
        run,
        "SENDING:",
        "GET /v1/nic/update?system=dyndns&hostname=dd-stage.example.com&myip=203.0.113.13 HTTP/1.1",
        scenario);
    assertPrinted(
        run,
        "SUCCESS:",
        "updating dd-stage.example.com: good: IP address set to 203.0.113.13",
        scenario);
    assertEquals(
        List.of("A 60 203.0.113.13"), env.records("dd-stage.example.com"), scenario::explain);
  }

  @Test
  void edgeOsGeneratedConfig_updatesItsHostNamesInOneRequest(Scenario scenario) {
    // What EdgeOS's vyatta-dynamic-dns.pl writes for
    //   set service dns dynamic interface eth0 service custom-dyndns53 host-name
    // dd-edge-a.example.com
    //   set service dns dynamic interface eth0 service custom-dyndns53 host-name
    // dd-edge-b.example.com
    //   ... login router, password …, protocol dyndns2, server <EdgeRouterServer output>
    // with four changes for the namespace: ssl=no (there is no TLS on loopback), use=ip instead of
    // use=if, if=eth0 (there is no eth0, and lo's 127.0.0.1 is not public), syslog=no (the run's
    // output stays in its files), and pid and cache in the scenario directory.
    String block =
        "server=127.0.0.1:"
            + env.port()
            + "/v1,protocol=dyndns2\n"
            + "max-interval=28d\n"
            + "login="
            + USER
            + "\n"
            + "password='"
            + env.password()
            + "'\n";
    String config =
        "#\n# autogenerated by vyatta-dynamic-dns.pl (adapted: see the test)\n#\n"
            + "daemon=1m\n"
            + "syslog=no\n"
            + "ssl=no\n"
            + "pid="
            + scenario.file("ddclient_eth0.pid")
            + "\n"
            + "cache="
            + scenario.file("ddclient.cache")
            + "\n"
            + "use=ip, ip=203.0.113.40\n\n\n"
            + block
            + "dd-edge-a.example.com\n\n"
            + block
            + "dd-edge-b.example.com\n\n";

    ClientRun run = ddclient(scenario, "ddclient", config);

    assertEquals(0, run.exitCode(), scenario::explain);
    List<LoggedRequest> requests = env.requests();
    assertEquals(1, requests.size(), scenario::explain);
    assertEquals(
        List.of("dd-edge-a.example.com", "dd-edge-b.example.com"),
        requests.get(0).hosts(),
        scenario::explain);
    assertPrinted(
        run,
        "SENDING:",
        "GET /v1/nic/update?system=dyndns&hostname=dd-edge-a.example.com,"
            + "dd-edge-b.example.com&myip=203.0.113.40 HTTP/1.1",
        scenario);
    assertPrinted(
        run,
        "SUCCESS:",
        "updating dd-edge-a.example.com: good: IP address set to 203.0.113.40",
        scenario);
    assertPrinted(
        run,
        "SUCCESS:",
        "updating dd-edge-b.example.com: good: IP address set to 203.0.113.40",
        scenario);
    assertEquals(
        List.of("A 60 203.0.113.40"), env.records("dd-edge-a.example.com"), scenario::explain);
    assertEquals(
        List.of("A 60 203.0.113.40"), env.records("dd-edge-b.example.com"), scenario::explain);
  }

  @Test
  void secondRunWithTheSameAddress_isAnsweredNochg_whichDdclientWarnsAboutButCountsAsGood(
      Scenario scenario) {
    String config =
        config(server(""), env.password(), "use=ip, ip=203.0.113.14", "dd-nochg.example.com");
    ClientRun first = ddclient(scenario, "ddclient-run1", config);
    assertEquals(0, first.exitCode(), scenario::explain);

    ClientRun second = ddclient(scenario, "ddclient-run2", config);

    assertEquals(0, second.exitCode(), scenario::explain);
    assertPrinted(
        second, "WARNING:", "updating dd-nochg.example.com: nochg: No update required", scenario);
    assertEquals(List.of(), second.linesStartingWith("SUCCESS:"), scenario::explain);
    assertEquals(List.of(), second.linesStartingWith("FAILED:"), scenario::explain);
    assertEquals(
        "good",
        cached(scenario, "ddclient-run2", "dd-nochg.example.com").get("status"),
        scenario::explain);
    List<LoggedRequest> requests = env.requests();
    assertEquals(2, requests.size(), scenario::explain);
    assertEquals("nochg 203.0.113.14", requests.get(1).answer(), scenario::explain);
    // nochg only from a read made during the request: one ListResourceRecordSets, no write.
    assertEquals("1", requests.get(1).route53Calls(), scenario::explain);
    assertEquals(
        List.of("A 60 203.0.113.14"), env.records("dd-nochg.example.com"), scenario::explain);
  }

  @Test
  void answerLines_areReadOnePerHostInRequestOrder(Scenario scenario) {
    // Debian's 3.10.0 pairs line i with host i: the granted host succeeds, the other fails.
    ClientRun run =
        ddclient(
            scenario,
            "ddclient",
            config(
                server(""),
                env.password(),
                "use=ip, ip=203.0.113.15",
                "dd-mixed.example.com," + NOT_GRANTED_HOST));

    assertEquals(1, run.exitCode(), scenario::explain);
    assertEquals("good 203.0.113.15|nohost", env.requests().get(0).answer(), scenario::explain);
    assertPrinted(
        run,
        "SUCCESS:",
        "updating dd-mixed.example.com: good: IP address set to 203.0.113.15",
        scenario);
    assertPrinted(run, "FAILED:", "updating " + NOT_GRANTED_HOST + ": nohost:", scenario);
    assertEquals(
        List.of("A 60 203.0.113.15"), env.records("dd-mixed.example.com"), scenario::explain);
    assertEquals(List.of(), env.records(NOT_GRANTED_HOST), scenario::explain);
  }

  @Test
  void privateAddressForAPublicOnlyHost_isAnsweredBadagent_whichDdclientReportsAsUnexpected(
      Scenario scenario) {
    ClientRun run =
        ddclient(
            scenario,
            "ddclient",
            config(
                server(""), env.password(), "use=ip, ip=192.168.1.20", "dd-private.example.com"));

    assertEquals(1, run.exitCode(), scenario::explain);
    assertPrinted(
        run, "FAILED:", "updating dd-private.example.com: unexpected status (badagent)", scenario);
    assertEquals(List.of(), env.records("dd-private.example.com"), scenario::explain);
  }

  @Test
  void hostNameWithoutADomain_isAnsweredNotfqdn(Scenario scenario) {
    ClientRun run =
        ddclient(
            scenario,
            "ddclient",
            config(server(""), env.password(), "use=ip, ip=203.0.113.21", "dd-nodomain"));

    assertEquals(1, run.exitCode(), scenario::explain);
    assertPrinted(
        run,
        "FAILED:",
        "updating dd-nodomain: notfqdn: A Fully-Qualified Domain Name was not provided",
        scenario);
  }

  @Test
  void
      moreThanTwentyHostsInOneRequest_areAnsweredOneNumhostLine_whichDdclientReportsForTheFirstHost(
          Scenario scenario) {
    List<String> hosts =
        java.util.stream.IntStream.rangeClosed(1, 21)
            .mapToObj(i -> "dd-many-%02d.example.com".formatted(i))
            .toList();

    ClientRun run =
        ddclient(
            scenario,
            "ddclient",
            config(server(""), env.password(), "use=ip, ip=203.0.113.22", String.join(",", hosts)));

    // The request is rejected as a whole in one line, so the answer stays small however many
    // names it carries. ddclient 3.10 pairs line i with host i: the first host is reported
    // numhost, the others get no line and stay unconfirmed (they are retried on the next run).
    assertEquals(1, run.exitCode(), scenario::explain);
    assertEquals(1, env.requests().size(), scenario::explain);
    assertEquals(
        1,
        run.linesStartingWith("FAILED:").stream()
            .filter(line -> line.contains(": numhost:"))
            .count(),
        scenario::explain);
    assertPrinted(run, "FAILED:", "updating dd-many-01.example.com: numhost", scenario);
  }

  @Test
  void recordSetNotCreatedByDyndns53_isAnsweredConflict_andLeftAlone(Scenario scenario) {
    env.createRecordSetElsewhere("dd-conflict.example.com", "A", 300, "192.0.2.1", "192.0.2.2");

    ClientRun run =
        ddclient(
            scenario,
            "ddclient",
            config(
                server(""), env.password(), "use=ip, ip=203.0.113.23", "dd-conflict.example.com"));

    assertEquals(1, run.exitCode(), scenario::explain);
    assertPrinted(
        run,
        "FAILED:",
        "updating dd-conflict.example.com: unexpected status (conflict A)",
        scenario);
    assertEquals(
        List.of("A 300 192.0.2.1,192.0.2.2"),
        env.records("dd-conflict.example.com"),
        scenario::explain);
  }

  @Test
  void wrongPassword_isReportedAsAnAuthorizationFailure(Scenario scenario) {
    ClientRun run =
        ddclient(
            scenario,
            "ddclient",
            config(
                server(""), "not-the-password", "use=ip, ip=203.0.113.16", "dd-badpw.example.com"));

    assertEquals(1, run.exitCode(), scenario::explain);
    assertPrinted(
        run,
        "FAILED:",
        "updating dd-badpw.example.com: authorization failed (HTTP/1.1 401",
        scenario);
    assertEquals(List.of(), run.linesStartingWith("SUCCESS:"), scenario::explain);
    assertEquals(
        "noconnect",
        cached(scenario, "ddclient", "dd-badpw.example.com").get("status"),
        scenario::explain);
    assertEquals("401", env.requests().get(0).status(), scenario::explain);
    assertEquals(List.of(), env.records("dd-badpw.example.com"), scenario::explain);
  }

  @Test
  void hostNotGrantedToTheUser_isReportedAsNohost(Scenario scenario) {
    ClientRun run =
        ddclient(
            scenario,
            "ddclient",
            config(server(""), env.password(), "use=ip, ip=203.0.113.17", NOT_GRANTED_HOST));

    assertEquals(1, run.exitCode(), scenario::explain);
    assertPrinted(
        run,
        "FAILED:",
        "updating "
            + NOT_GRANTED_HOST
            + ": nohost: The hostname specified does not exist in the database",
        scenario);
    assertEquals(
        "nohost", cached(scenario, "ddclient", NOT_GRANTED_HOST).get("status"), scenario::explain);
    assertEquals("200", env.requests().get(0).status(), scenario::explain);
    assertEquals(List.of(), env.records(NOT_GRANTED_HOST), scenario::explain);
  }

  @Test
  void route53ThrottledPastTheRetryBudget_isA5xx_whichDdclientCachesAsFailedAndRetriesLater(
      Scenario scenario) {
    ClientRun run =
        ddclient(
            scenario,
            "ddclient",
            config(
                "127.0.0.1:" + env.throttledPort(),
                env.password(),
                "use=ip, ip=203.0.113.18",
                "dd-throttled.example.com"));

    // 3.10 prints nothing for a non-2xx other than 401 and exits 0; only its cache tells.
    assertEquals(0, run.exitCode(), scenario::explain);
    assertPrinted(run, "RECEIVE:", "HTTP/1.1 500 ", scenario);
    assertEquals(List.of(), run.linesStartingWith("SUCCESS:"), scenario::explain);
    assertEquals(List.of(), run.linesStartingWith("FAILED:"), scenario::explain);
    Map<String, String> cached = cached(scenario, "ddclient", "dd-throttled.example.com");
    assertEquals("noconnect", cached.get("status"), scenario::explain);
    assertEquals("0", cached.get("mtime"), scenario::explain);
    LoggedRequest request = env.requests().get(0);
    assertEquals("500", request.status(), scenario::explain);
    assertEquals("911", request.answer(), scenario::explain);
    assertEquals("Throttling", request.text("route53Error"), scenario::explain);
    assertEquals(
        3, env.route53Requests(Operation.ROUTE53_LIST_RESOURCE_RECORD_SETS), scenario::explain);
    assertEquals(
        0, env.route53Requests(Operation.ROUTE53_CHANGE_RESOURCE_RECORD_SETS), scenario::explain);
    assertEquals(List.of(), env.records("dd-throttled.example.com"), scenario::explain);
  }

  private static String server(String path) {
    // A name with a dot: ddclient refuses "localhost"; there is no DNS in the namespace anyway.
    return "127.0.0.1:" + env.port() + path;
  }

  private static String config(
      String server, String password, String addressLine, String hostLine) {
    return String.join(
            "\n",
            "daemon=0",
            "ssl=no",
            "protocol=dyndns2",
            "server=" + server,
            "login=" + USER,
            "password=" + password,
            addressLine,
            hostLine)
        + "\n";
  }

  private static ClientRun ddclient(Scenario scenario, String label, String config) {
    return ddclient(scenario, label, config, label + ".cache", true);
  }

  private static ClientRun ddclient(
      Scenario scenario, String label, String config, String cacheFile, boolean force) {
    Path file = scenario.write(label + ".conf", config);
    try {
      // ddclient warns about a configuration file others may read.
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not restrict " + file, e);
    }
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "ddclient",
                "-daemon=0",
                "-foreground",
                "-file",
                file.toString(),
                "-cache",
                scenario.file(cacheFile).toString(),
                "-verbose",
                "-noquiet"));
    if (force) {
      command.add("-force");
    }
    return ClientRun.run(scenario, label, command, LIMIT);
  }

  /** The fields ddclient cached for {@code host}: {@code status=good,ip=…,mtime=…}. */
  private static Map<String, String> cached(Scenario scenario, String label, String host) {
    Path cache = scenario.file(label + ".cache");
    List<String> lines;
    try {
      lines = Files.exists(cache) ? Files.readAllLines(cache) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + cache, e);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : lines) {
      int space = line.lastIndexOf(' ');
      if (line.startsWith("#") || space < 0 || !line.substring(space + 1).equals(host)) {
        continue;
      }
      for (String field : line.substring(0, space).split(",")) {
        int eq = field.indexOf('=');
        if (eq > 0) {
          fields.put(field.substring(0, eq), field.substring(eq + 1));
        }
      }
    }
    return fields;
  }

  private static void assertPrinted(ClientRun run, String prefix, String text, Scenario scenario) {
    assertTrue(
        run.linesStartingWith(prefix).stream().anyMatch(line -> line.contains(text)),
        () ->
            "expected a line starting '"
                + prefix
                + "' containing '"
                + text
                + "'\n"
                + scenario.explain());
  }
}
