package dev.dyndns53.conformance;

import static dev.dyndns53.conformance.ConformanceEnvironment.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Debian's lego 4.9.1 with its {@code httpreq} DNS provider (the one Traefik uses), unmodified,
 * against the real function jar, getting real certificates from Debian's pebble: pebble validates
 * DNS-01 by asking {@link ChallengeDnsServer}, which answers with what moto's Route 53 holds at
 * that moment. Runs in the private network namespace of the failsafe execution {@code
 * client-conformance}; each test's files are in {@code target/conformance/lego/<test>/}.
 *
 * <p>lego's own propagation check asks authoritative name servers it finds through the system
 * resolver, which the namespace does not have: {@code --dns.disable-cp} limits it to one question
 * to {@code --dns.resolvers}, the same test server.
 */
@Tag("client-conformance")
class LegoClientConformanceIT {

  @RegisterExtension
  static final ConformanceEnvironment env =
      ConformanceEnvironment.forClient("lego")
          .hosts("lego-no-acme.example.com")
          .acmeHosts("lego-one.example.com", "lego-wild.example.com", "lego-badpw.example.com");

  private static final Duration LIMIT = Duration.ofSeconds(120);

  /** A DNS-01 value: the base64url SHA-256 digest of the key authorization (RFC 8555, 8.4). */
  private static final String DIGEST = "[A-Za-z0-9_-]{43}";

  private static final String MARKER = "dyndns53-acme-challenge";

  private static ChallengeDnsServer dns;
  private static PebbleServer pebble;

  @BeforeAll
  static void startPebble() {
    dns = ChallengeDnsServer.start(env::txtValues);
    Path directory =
        Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("target/conformance/lego/pebble");
    pebble = PebbleServer.start(directory, dns.address());
  }

  @AfterAll
  static void stopPebble() {
    if (pebble != null) {
      pebble.close();
    }
    if (dns != null) {
      dns.close();
    }
  }

  @Test
  void oneHost_getsACertificate_withItsChallengeInRoute53DuringTheOrder_andGoneAfter(
      Scenario scenario) {
    String host = "lego-one.example.com";
    int answersBefore = dns.answers().size();

    ClientRun run = lego(scenario, USER, env.password(), host);

    assertEquals(0, run.exitCode(), scenario::explain);
    assertEquals(Set.of(host), certificateNames(scenario, host), scenario::explain);
    List<ChallengeDnsServer.Answer> served = served(answersBefore, "_acme-challenge." + host);
    assertTrue(
        served.stream()
            .anyMatch(
                a ->
                    a.values().size() == 2
                        && a.values().get(0).equals(MARKER)
                        && a.values().get(1).matches(DIGEST)),
        () -> "TXT answers " + served + "\n" + scenario.explain());
    List<LoggedRequest> requests = env.requests();
    assertEquals(
        List.of("acme/present 200", "acme/cleanup 200"),
        requests.stream().map(r -> r.text("endpoint") + " " + r.status()).toList(),
        scenario::explain);
    assertEquals(List.of(), env.records("_acme-challenge." + host), scenario::explain);
  }

  @Test
  void hostAndItsWildcard_holdTwoValuesAtOnce_andBothAreCleanedUp(Scenario scenario) {
    String host = "lego-wild.example.com";
    int answersBefore = dns.answers().size();

    ClientRun run = lego(scenario, USER, env.password(), host, "*." + host);

    assertEquals(0, run.exitCode(), scenario::explain);
    assertEquals(Set.of(host, "*." + host), certificateNames(scenario, host), scenario::explain);
    List<ChallengeDnsServer.Answer> served = served(answersBefore, "_acme-challenge." + host);
    assertTrue(
        served.stream()
            .anyMatch(
                a ->
                    a.values().size() == 3
                        && a.values().get(0).equals(MARKER)
                        && a.values().get(1).matches(DIGEST)
                        && a.values().get(2).matches(DIGEST)),
        () -> "TXT answers " + served + "\n" + scenario.explain());
    assertEquals(List.of(), env.records("_acme-challenge." + host), scenario::explain);
  }

  @Test
  void hostWithoutAcme_isRefused403_soLegoFailsAndNothingIsWritten(Scenario scenario) {
    String host = "lego-no-acme.example.com";

    ClientRun run = lego(scenario, USER, env.password(), host);

    assertTrue(run.exitCode() != 0, scenario::explain);
    assertTrue(run.output().contains("403"), scenario::explain);
    assertEquals("403", env.requests().get(0).status(), scenario::explain);
    assertEquals(List.of(), env.records("_acme-challenge." + host), scenario::explain);
  }

  @Test
  void wrongPassword_isRefused401_soLegoFailsAndNothingIsWritten(Scenario scenario) {
    String host = "lego-badpw.example.com";

    ClientRun run = lego(scenario, USER, "not-the-password", host);

    assertTrue(run.exitCode() != 0, scenario::explain);
    assertTrue(run.output().contains("401"), scenario::explain);
    assertEquals("401", env.requests().get(0).status(), scenario::explain);
    assertEquals(List.of(), env.records("_acme-challenge." + host), scenario::explain);
  }

  private static List<ChallengeDnsServer.Answer> served(int from, String name) {
    List<ChallengeDnsServer.Answer> all = dns.answers();
    return all.subList(from, all.size()).stream().filter(a -> a.name().equals(name)).toList();
  }

  /** The names the issued certificate holds (its subject alternative names). */
  private static Set<String> certificateNames(Scenario scenario, String firstDomain) {
    Path file = scenario.directory().resolve("lego/certificates/" + firstDomain + ".crt");
    try (InputStream in = Files.newInputStream(file)) {
      X509Certificate certificate =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      Set<String> names = new TreeSet<>();
      for (List<?> name : certificate.getSubjectAlternativeNames()) {
        names.add(String.valueOf(name.get(1)));
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "lego wrote no certificate at " + file + "\n" + scenario.explain(), e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("could not read " + file, e);
    }
  }

  /**
   * lego as its README and Traefik's httpreq settings run it, with the endpoint's ACME base URL.
   */
  private static ClientRun lego(
      Scenario scenario, String user, String password, String... domains) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "lego",
                "--accept-tos",
                "--email",
                "admin@example.com",
                "--server",
                pebble.directoryUrl(),
                "--path",
                scenario.file("lego").toString(),
                "--dns",
                "httpreq",
                "--dns.resolvers",
                dns.address(),
                "--dns.disable-cp"));
    for (String domain : domains) {
      command.add("--domains");
      command.add(domain);
    }
    command.add("run");
    Map<String, String> environment =
        Map.of(
            "HTTPREQ_ENDPOINT",
            "http://127.0.0.1:" + env.port() + "/v1/acme",
            "HTTPREQ_USERNAME",
            user,
            "HTTPREQ_PASSWORD",
            password,
            "HTTPREQ_POLLING_INTERVAL",
            "1",
            "HTTPREQ_PROPAGATION_TIMEOUT",
            "30",
            "LEGO_CA_CERTIFICATES",
            pebble.caCertificate().toString());
    return ClientRun.run(scenario, "lego", command, environment, LIMIT, null);
  }
}
