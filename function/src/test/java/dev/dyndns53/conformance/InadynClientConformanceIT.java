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
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Debian's inadyn 2.10.0 with a custom provider (the way UniFi OS drives it), unmodified, against
 * the real function jar: its requests, its exit status and log for each answer, and what ends up in
 * Route 53. Runs in the private network namespace of the failsafe execution {@code
 * client-conformance}; each test's files are in {@code target/conformance/inadyn/<test>/}.
 *
 * <p>inadyn 2.10 accepts only status 200 and then looks for a success word in the body; 401/403 end
 * it with exit 50, any other non-5xx status or an unrecognised body with exit 48, and a 5xx makes
 * it sleep and retry.
 */
@Tag("client-conformance")
class InadynClientConformanceIT {

  @RegisterExtension
  static final ConformanceEnvironment env =
      ConformanceEnvironment.forClient("inadyn")
          .hosts(
              "in-one.example.com",
              "in-two-a.example.com",
              "in-two-b.example.com",
              "in-v6.example.com",
              "in-badpw.example.com",
              "in-nocreds.example.com",
              "in-throttled.example.com",
              "in-nochg.example.com",
              "in-checkip.example.com")
          .publicLoopbackAddress("203.0.113.77");

  private static final Duration LIMIT = Duration.ofSeconds(60);

  @Test
  void oneHost_isUpdated_andInadynExitsZero(Scenario scenario) {
    ClientRun run =
        inadyn(
            scenario,
            config(env.port(), USER, env.password(), "203.0.113.20", false, "in-one.example.com"));

    assertEquals(0, run.exitCode(), scenario::explain);
    assertOutput(
        run, "GET /nic/update?hostname=in-one.example.com&myip=203.0.113.20 HTTP/1.0", scenario);
    assertOutput(
        run,
        "Successful alias table update for in-one.example.com => new IP# 203.0.113.20",
        scenario);
    assertEquals(
        List.of("A 60 203.0.113.20"), env.records("in-one.example.com"), scenario::explain);
  }

  @Test
  void checkipServerAndPath_readTheCheckipPage_andItsAddressIsSent(Scenario scenario) {
    // The namespace's loopback also holds 203.0.113.77, so a connection to it comes from it; inadyn
    // refuses 127.0.0.1 as "not a valid Internet address".
    String config =
        "period = 300\n"
            + "custom dyndns53 {\n"
            + "    ssl             = false\n"
            + "    username        = "
            + USER
            + "\n"
            + "    password        = "
            + env.password()
            + "\n"
            + "    checkip-server  = "
            + env.publicAddress()
            + ":"
            + env.port()
            + "\n"
            + "    checkip-path    = /v1/checkip\n"
            + "    checkip-ssl     = false\n"
            + "    ddns-server     = 127.0.0.1:"
            + env.port()
            + "\n"
            + "    ddns-path       = \"/v1/nic/update?hostname=%h&myip=%i\"\n"
            + "    hostname        = in-checkip.example.com\n"
            + "}\n";

    ClientRun run = inadyn(scenario, config);

    assertEquals(0, run.exitCode(), scenario::explain);
    assertOutput(run, "Current IP Address: 203.0.113.77", scenario);
    assertOutput(
        run,
        "GET /v1/nic/update?hostname=in-checkip.example.com&myip=203.0.113.77 HTTP/1.0",
        scenario);
    List<LoggedRequest> requests = env.requests();
    assertEquals("checkip", requests.get(0).text("endpoint"), scenario::explain);
    assertEquals("203.0.113.77", requests.get(0).text("source"), scenario::explain);
    assertEquals(
        List.of("A 60 203.0.113.77"), env.records("in-checkip.example.com"), scenario::explain);
  }

  @Test
  void twoHosts_areSentAsOneRequestEach(Scenario scenario) {
    ClientRun run =
        inadyn(
            scenario,
            config(
                env.port(),
                USER,
                env.password(),
                "203.0.113.21",
                false,
                "in-two-a.example.com",
                "in-two-b.example.com"));

    assertEquals(0, run.exitCode(), scenario::explain);
    List<LoggedRequest> requests = env.requests();
    assertEquals(
        List.of(List.of("in-two-a.example.com"), List.of("in-two-b.example.com")),
        requests.stream().map(LoggedRequest::hosts).toList(),
        scenario::explain);
    assertOutput(
        run,
        "Successful alias table update for in-two-a.example.com => new IP# 203.0.113.21",
        scenario);
    assertOutput(
        run,
        "Successful alias table update for in-two-b.example.com => new IP# 203.0.113.21",
        scenario);
    assertEquals(
        List.of("A 60 203.0.113.21"), env.records("in-two-a.example.com"), scenario::explain);
    assertEquals(
        List.of("A 60 203.0.113.21"), env.records("in-two-b.example.com"), scenario::explain);
  }

  @Test
  void ipv6_isPercentEncodedByTheCustomProvider_andWritesTheAaaaRecord(Scenario scenario) {
    ClientRun run =
        inadyn(
            scenario,
            config(env.port(), USER, env.password(), "2001:db8::21", true, "in-v6.example.com"));

    assertEquals(0, run.exitCode(), scenario::explain);
    assertOutput(
        run,
        "GET /nic/update?hostname=in-v6.example.com&myip=2001%3adb8%3a%3a21 HTTP/1.0",
        scenario);
    assertOutput(
        run,
        "Successful alias table update for in-v6.example.com => new IP# 2001:db8::21",
        scenario);
    assertEquals(
        List.of("AAAA 60 2001:db8::21"), env.records("in-v6.example.com"), scenario::explain);
  }

  @Test
  void secondRunWithTheSameAddress_isAnsweredNochg_whichInadynCountsAsSuccess(Scenario scenario) {
    String config =
        config(env.port(), USER, env.password(), "203.0.113.26", false, "in-nochg.example.com");
    ClientRun first = inadyn(scenario, "inadyn-run1", config, null);
    assertEquals(0, first.exitCode(), scenario::explain);

    ClientRun second = inadyn(scenario, "inadyn-run2", config, null);

    assertEquals(0, second.exitCode(), scenario::explain);
    assertEquals("nochg 203.0.113.26", env.requests().get(1).answer(), scenario::explain);
    assertTrue(
        second.output().contains("Successful alias table update for in-nochg.example.com"),
        scenario::explain);
    assertEquals(
        List.of("A 60 203.0.113.26"), env.records("in-nochg.example.com"), scenario::explain);
  }

  @Test
  void wrongPassword_endsInadynWithExit50(Scenario scenario) {
    ClientRun run =
        inadyn(
            scenario,
            config(
                env.port(),
                USER,
                "not-the-password",
                "203.0.113.22",
                false,
                "in-badpw.example.com"));

    assertEquals(50, run.exitCode(), scenario::explain);
    assertOutput(run, "[401 Unauthorized] badauth", scenario);
    assertOutput(run, "Error code 50: Authentication failure", scenario);
    assertEquals("401", env.requests().get(0).status(), scenario::explain);
    assertEquals(List.of(), env.records("in-badpw.example.com"), scenario::explain);
  }

  @Test
  void hostNotGrantedToTheUser_endsInadynWithExit48(Scenario scenario) {
    ClientRun run =
        inadyn(
            scenario,
            config(env.port(), USER, env.password(), "203.0.113.23", false, NOT_GRANTED_HOST));

    // nohost contains none of the words inadyn reads as success, so it is not taken for one.
    assertEquals(48, run.exitCode(), scenario::explain);
    assertOutput(run, "[200 OK] nohost", scenario);
    assertOutput(run, "Error code 48: DDNS server response not OK", scenario);
    assertEquals(List.of(), env.records(NOT_GRANTED_HOST), scenario::explain);
  }

  @Test
  void noCredentials_sendsEmptyBasicAuthorization_answered401Badauth(Scenario scenario) {
    ClientRun run =
        inadyn(
            scenario,
            config(env.port(), null, null, "203.0.113.24", false, "in-nocreds.example.com"));

    assertEquals(50, run.exitCode(), scenario::explain);
    assertOutput(run, "Authorization: Basic Og==", scenario);
    assertOutput(run, "[401 Unauthorized] badauth", scenario);
    LoggedRequest request = env.requests().get(0);
    assertEquals("401", request.status(), scenario::explain);
    assertTrue(request.text("notes").contains("EMPTY_USER"), scenario::explain);
    assertEquals(List.of(), env.records("in-nocreds.example.com"), scenario::explain);
  }

  @Test
  void serverSideFailure_isA5xx_whichInadynRetriesInsteadOfExiting(Scenario scenario) {
    String config =
        config(
            env.throttledPort(),
            USER,
            env.password(),
            "203.0.113.25",
            false,
            "in-throttled.example.com");

    ClientRun run = inadyn(scenario, "inadyn", config, "Will retry again in");

    assertTrue(run.stoppedWhileRunning(), scenario::explain);
    assertOutput(run, "Temporary error in DDNS server response", scenario);
    assertOutput(run, "[500 Internal Server Error] 911", scenario);
    LoggedRequest request = env.requests().get(0);
    assertEquals("500", request.status(), scenario::explain);
    assertEquals("Throttling", request.text("route53Error"), scenario::explain);
    assertEquals(
        0, env.route53Requests(Operation.ROUTE53_CHANGE_RESOURCE_RECORD_SETS), scenario::explain);
    assertEquals(List.of(), env.records("in-throttled.example.com"), scenario::explain);
  }

  /**
   * A custom provider as the shared client notes give it: the address comes from a command, so
   * inadyn never asks a web service, and the path template carries {@code %h} and {@code %i}.
   */
  private static String config(
      int port, String username, String password, String address, boolean ipv6, String... hosts) {
    String hostnames =
        hosts.length == 1
            ? hosts[0]
            : Stream.of(hosts)
                .map(h -> "\"" + h + "\"")
                .collect(Collectors.joining(", ", "{ ", " }"));
    return "period = 300\n"
        + (ipv6 ? "allow-ipv6 = true\n" : "")
        + "custom dyndns53 {\n"
        + "    ssl             = false\n"
        + (username == null ? "" : "    username        = " + username + "\n")
        + (password == null ? "" : "    password        = " + password + "\n")
        + "    checkip-command = \"/bin/echo "
        + address
        + "\"\n"
        + "    ddns-server     = 127.0.0.1:"
        + port
        + "\n"
        + "    ddns-path       = \"/nic/update?hostname=%h&myip=%i\"\n"
        + "    hostname        = "
        + hostnames
        + "\n"
        + "}\n";
  }

  private static ClientRun inadyn(Scenario scenario, String config) {
    return inadyn(scenario, "inadyn", config, null);
  }

  private static ClientRun inadyn(
      Scenario scenario, String label, String config, String stopWhenOutputContains) {
    Path file = scenario.write(label + ".conf", config);
    Path cacheDirectory = scenario.file(label + "-cache");
    try {
      Files.createDirectories(cacheDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + cacheDirectory, e);
    }
    return ClientRun.run(
        scenario,
        label,
        List.of(
            "inadyn",
            "-1",
            "--force",
            "-n",
            "-l",
            "debug",
            "-f",
            file.toString(),
            "--cache-dir",
            cacheDirectory.toString(),
            "-P",
            scenario.file(label + ".pid").toString()),
        LIMIT,
        stopWhenOutputContains);
  }

  private static void assertOutput(ClientRun run, String text, Scenario scenario) {
    assertTrue(
        run.output().contains(text),
        () -> "expected inadyn's output to contain '" + text + "'\n" + scenario.explain());
  }
}
