package dev.dyndns53.dyndns2;

import static dev.dyndns53.dyndns2.Fixture.ZONE_1;
import static dev.dyndns53.dyndns2.Fixture.ZONE_2;
import static dev.dyndns53.dyndns2.Fixture.alice;
import static dev.dyndns53.dyndns2.Fixture.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.config.ChangePartitions;
import dev.dyndns53.credentials.CredentialStoreException;
import dev.dyndns53.http.GatewayAnswer;
import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.http.HttpRequest;
import dev.dyndns53.records.RecordChange;
import dev.dyndns53.records.RecordSet;
import dev.dyndns53.records.RecordStoreException;
import dev.dyndns53.records.RecordType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpdateServiceTest {
  private final Fixture f = new Fixture();

  private static RecordSet a(String address, long ttl) {
    return RecordSet.single(RecordType.A, ttl, address);
  }

  private static RecordSet aaaa(String address, long ttl) {
    return RecordSet.single(RecordType.AAAA, ttl, address);
  }

  @Test
  void update_withNewAddress_writesARecordAndAnswersGood() {
    HttpAnswer answer = f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7");

    assertEquals(200, answer.status());
    assertEquals("good 203.0.113.7\n", answer.body());
    assertEquals("text/plain; charset=utf-8", answer.headers().get("Content-Type"));
    assertEquals(
        Map.of(RecordType.A, a("203.0.113.7", 60)), f.records.get(ZONE_1, "home.example.com"));
  }

  @Test
  void update_whenAddressUnchanged_answersNochgWithoutWriting() {
    f.records.put(ZONE_1, "home.example.com", a("203.0.113.7", 60));

    HttpAnswer answer = f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7");

    assertEquals("nochg 203.0.113.7\n", answer.body());
    assertTrue(f.records.batches.isEmpty());
  }

  @Test
  void update_whenOnlyTtlDiffers_upsertsWithConfiguredTtl() {
    f.records.put(ZONE_1, "office.example.com", a("203.0.113.7", 60));

    HttpAnswer answer = f.get(alice(), "hostname", "office.example.com", "myip", "203.0.113.7");

    assertEquals("good 203.0.113.7\n", answer.body());
    assertEquals(
        a("203.0.113.7", 300), f.records.get(ZONE_1, "office.example.com").get(RecordType.A));
  }

  @Test
  void update_withTwoHostsInOneZone_writesOneBatchAndAnswersInRequestOrder() {
    HttpAnswer answer =
        f.get(alice(), "hostname", "office.example.com,home.example.com", "myip", "203.0.113.7");

    assertEquals("good 203.0.113.7\ngood 203.0.113.7\n", answer.body());
    assertEquals(1, f.records.batches.size());
    assertEquals(2, f.records.batches.get(0).size());
  }

  @Test
  void update_withHostsInTwoZones_writesOneBatchPerZone() {
    HttpAnswer answer =
        f.get(
            alice(),
            "hostname",
            "home.example.com,nas.example.org",
            "myip",
            "203.0.113.7,2001:db8::7");

    assertEquals("good 203.0.113.7,2001:db8::7\ngood 2001:db8::7\n", answer.body());
    assertEquals(2, f.records.batches.size());
    assertEquals(
        Map.of(RecordType.AAAA, aaaa("2001:db8::7", 60)), f.records.get(ZONE_2, "nas.example.org"));
  }

  @Test
  void update_withHostsOfOneZoneInTwoPartitions_writesOneBatchPerPartition() {
    // home (A and AAAA) and v4only (A) share a zone but not a type set, so two IAM statements.
    HttpAnswer answer =
        f.get(alice(), "hostname", "home.example.com,v4only.example.com", "myip", "203.0.113.7");

    assertEquals("good 203.0.113.7\ngood 203.0.113.7\n", answer.body());
    ChangePartitions partitions = ChangePartitions.of(f.config.hosts().values());
    assertEquals(2, f.records.batches.size());
    for (List<RecordChange> batch : f.records.batches) {
      assertEquals(
          1,
          batch.stream().map(c -> partitions.of(c.name()).orElseThrow()).distinct().count(),
          "one partition per batch: " + batch);
    }
    assertEquals(a("203.0.113.7", 60), f.records.get(ZONE_1, "home.example.com").get(RecordType.A));
    assertEquals(
        a("203.0.113.7", 60), f.records.get(ZONE_1, "v4only.example.com").get(RecordType.A));
  }

  @Test
  void writeRejectedForOnePartition_failsOnlyItsHosts() {
    f.records.applyFailures.add(
        new RecordStoreException(
            RecordStoreException.Kind.REJECTED, "AccessDenied", "not authorized", null));

    HttpAnswer answer =
        f.get(alice(), "hostname", "v4only.example.com,home.example.com", "myip", "203.0.113.7");

    // Batches go out in request order, so the first (v4only's) is the one refused.
    assertEquals(500, answer.status());
    assertEquals("dnserr\ngood 203.0.113.7\n", answer.body());
    assertTrue(f.records.get(ZONE_1, "v4only.example.com").isEmpty());
    assertEquals(a("203.0.113.7", 60), f.records.get(ZONE_1, "home.example.com").get(RecordType.A));
  }

  @Test
  void update_withBothFamilies_writesAAndAaaaAtomically() {
    HttpAnswer answer =
        f.get(alice(), "hostname", "home.example.com", "myip", "2001:db8::7,203.0.113.7");

    assertEquals("good 203.0.113.7,2001:db8::7\n", answer.body());
    assertEquals(1, f.records.batches.size());
    assertEquals(
        Map.of(RecordType.A, a("203.0.113.7", 60), RecordType.AAAA, aaaa("2001:db8::7", 60)),
        f.records.get(ZONE_1, "home.example.com"));
  }

  @Test
  void update_withMyipv6Parameter_writesAaaa() {
    HttpAnswer answer =
        f.get(
            alice(),
            "hostname",
            "home.example.com",
            "myip",
            "203.0.113.7",
            "myipv6",
            "2001:db8::8");

    assertEquals("good 203.0.113.7,2001:db8::8\n", answer.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " "})
  void update_withEmptyMyip_usesSourceAddressAndAnswersIt(String myip) {
    HttpAnswer answer =
        f.send("GET", alice(), "198.51.100.44", "hostname", "home.example.com", "myip", myip);

    assertEquals("good 198.51.100.44\n", answer.body());
  }

  @Test
  void update_withoutMyip_usesIpv6SourceAddress() {
    HttpAnswer answer = f.send("GET", alice(), "2001:db8::44", "hostname", "home.example.com");

    assertEquals("good 2001:db8::44\n", answer.body());
    assertEquals(
        aaaa("2001:db8::44", 60), f.records.get(ZONE_1, "home.example.com").get(RecordType.AAAA));
  }

  @Test
  void update_withMalformedMyip_usesSourceAddressAndLogsWhy() {
    HttpAnswer answer =
        f.send(
            "GET",
            alice(),
            "198.51.100.44",
            "hostname",
            "home.example.com",
            "myip",
            "not-an-address");

    assertEquals("good 198.51.100.44\n", answer.body());
    assertTrue(f.lastLog().contains("ignored 'not-an-address'"), f.lastLog());
  }

  @Test
  void update_withHostNameInMyip_neverResolvesIt() {
    HttpAnswer answer =
        f.send(
            "GET", alice(), "198.51.100.44", "hostname", "home.example.com", "myip", "localhost");

    assertEquals("good 198.51.100.44\n", answer.body());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.1",
        "192.168.1.1",
        "127.0.0.1",
        "169.254.1.1",
        "100.64.0.1",
        "224.0.0.1",
        "0.0.0.0",
        "255.255.255.255",
        "fd00::1",
        "fe80::1",
        "::1",
        "::"
      })
  void update_withNonPublicAddress_refusesHostAndWritesNothing(String address) {
    HttpAnswer answer = f.get(alice(), "hostname", "home.example.com", "myip", address);

    assertEquals("badagent\n", answer.body());
    assertTrue(f.records.batches.isEmpty());
    assertTrue(f.lastLog().contains("is not a public address"), f.lastLog());
  }

  @Test
  void update_withNonPublicAddressOnHostThatAllowsIt_writesIt() {
    HttpAnswer answer = f.get(alice(), "hostname", "lab.example.com", "myip", "192.168.1.10");

    assertEquals("good 192.168.1.10\n", answer.body());
  }

  @Test
  void update_withPublicV4AndPrivateV6_refusesWholeHost() {
    HttpAnswer answer =
        f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7,fd00::1");

    assertEquals("badagent\n", answer.body());
    assertTrue(f.records.get(ZONE_1, "home.example.com").isEmpty());
  }

  @Test
  void update_withOnlyAddressFamilyTheHostDoesNotAllow_answersBadagent() {
    HttpAnswer answer = f.get(alice(), "hostname", "nas.example.org", "myip", "203.0.113.7");

    assertEquals("badagent\n", answer.body());
    assertTrue(f.records.batches.isEmpty());
    assertTrue(f.lastLog().contains("A records are not enabled for this host"), f.lastLog());
  }

  @Test
  void update_withBothFamiliesOnV4OnlyHost_writesOnlyA() {
    HttpAnswer answer =
        f.get(alice(), "hostname", "v4only.example.com", "myip", "203.0.113.7,2001:db8::7");

    assertEquals("good 203.0.113.7\n", answer.body());
    assertEquals(
        Map.of(RecordType.A, a("203.0.113.7", 60)), f.records.get(ZONE_1, "v4only.example.com"));
  }

  @Test
  void update_withHostOfAnotherUser_answersNohost() {
    HttpAnswer answer =
        f.get(
            basic("bob", Fixture.BOB_PASSWORD),
            "hostname",
            "home.example.com",
            "myip",
            "203.0.113.7");

    assertEquals(200, answer.status());
    assertEquals("nohost\n", answer.body());
    assertTrue(f.records.batches.isEmpty());
  }

  @Test
  void update_withMixedHosts_answersEachLineInOrder() {
    HttpAnswer answer =
        f.get(
            alice(),
            "hostname",
            "unknown.example.com,home.example.com,not_a name",
            "myip",
            "203.0.113.7");

    assertEquals("nohost\ngood 203.0.113.7\nnotfqdn\n", answer.body());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "HOME.Example.COM",
        "home.example.com.",
        " home.example.com ",
        "Home.Example.Com."
      })
  void update_withNameVariants_matchesConfiguredHost(String name) {
    HttpAnswer answer = f.get(alice(), "hostname", name, "myip", "203.0.113.7");

    assertEquals("good 203.0.113.7\n", answer.body());
  }

  @Test
  void update_withDuplicateHosts_writesOnceAndAnswersEveryLine() {
    HttpAnswer answer =
        f.get(alice(), "hostname", "home.example.com,HOME.example.com.", "myip", "203.0.113.7");

    assertEquals("good 203.0.113.7\ngood 203.0.113.7\n", answer.body());
    assertEquals(1, f.records.batches.get(0).size());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "home",
        "bücher.example.com",
        "-bad.example.com",
        "a..b.com",
        "1.2.3.4",
        "*.example.com",
        "home.example.com/x",
        "%00.example.com",
        // Not ASCII, though lower-casing or stripping would make it a configured name's spelling:
        // KELVIN SIGN, fullwidth letters, an ideographic space, a dotted capital I.
        "\u212Aiosk.example.com",
        "home.exampl\u212A.com",
        "\uFF48ome.example.com",
        "home.example.com\u3000",
        "\u2003home.example.com",
        "home.\u0130xample.com"
      })
  void update_withInvalidName_answersNotfqdn(String name) {
    HttpAnswer answer = f.get(alice(), "hostname", name, "myip", "203.0.113.7");

    assertEquals("notfqdn\n", answer.body());
  }

  @Test
  void update_withoutHostname_answersNotfqdnOnce() {
    HttpAnswer answer = f.get(alice(), "myip", "203.0.113.7");

    assertEquals(200, answer.status());
    assertEquals("notfqdn\n", answer.body());
  }

  @Test
  void update_with21Hosts_answersNumhostOnceAndWritesNothing() {
    String hosts = String.join(",", java.util.Collections.nCopies(21, "home.example.com"));

    HttpAnswer answer = f.get(alice(), "hostname", hosts, "myip", "203.0.113.7");

    assertEquals("numhost\n", answer.body());
    assertEquals(0, f.records.callCount());
  }

  /** 200 KB of names: the shape of issue 9's amplification probe. */
  private static String manyNames() {
    return String.join(",", java.util.Collections.nCopies(12_000, "home.example.com"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("authorizations")
  void hugeHostList_isAnsweredInOneShortLine_whateverTheCredentials(
      String why, String authorization) {
    HttpAnswer answer = f.get(authorization, "hostname", manyNames(), "myip", "203.0.113.7");

    assertEquals(1, answer.body().lines().count(), answer.body().length() + " chars");
    assertTrue(answer.body().length() <= 16, answer.body());
    assertTrue(f.lastLog().length() < 4096, f.lastLog().length() + " chars");
  }

  static Stream<Arguments> authorizations() {
    return Stream.of(
        Arguments.of("no credentials", null),
        Arguments.of("unknown user", basic("mallory", "x")),
        Arguments.of("wrong password", basic("alice", "x")),
        Arguments.of("correct password", alice()));
  }

  @Test
  void hugeHostList_isLoggedAsTheFirstTwentyNamesAndACount() {
    f.get(alice(), "hostname", manyNames(), "myip", "203.0.113.7");

    assertTrue(f.lastLog().contains("\"…(11980 more, 12000 in all)\""), f.lastLog());
  }

  @Test
  void answer_neverGrowsPastTwentyLinesOfBoundedLength() {
    String names =
        "nope,"
            + "x".repeat(100_000)
            + ".example.com,unknown.example.com,"
            + String.join(",", java.util.Collections.nCopies(17, "home.example.com"));

    HttpAnswer answer = f.get(alice(), "hostname", names, "myip", "203.0.113.7,2001:db8::7");

    assertEquals(20, answer.body().lines().count());
    assertTrue(answer.body().length() < 20 * 64, answer.body().length() + " chars");
  }

  @Test
  void longClientValues_areLoggedTruncatedWithAVisibleMarker() {
    String userAgent = "ua-" + "A".repeat(20_477);
    String longName = "h".repeat(5_000) + ".example.com";
    Map<String, List<String>> params = Map.of("hostname", List.of(longName));

    f.envelope.handle(
        HttpRequest.update(
            "GET",
            Map.of("User-Agent", userAgent, "Authorization", alice()),
            params,
            "198.51.100.1",
            "req-1"));

    String line = f.lastLog();
    assertTrue(line.contains("…(truncated, 20480 chars)"), line);
    assertTrue(line.contains("…(truncated, 5012 chars)"), line);
    assertFalse(line.contains("A".repeat(300)), "user agent logged in full");
    assertFalse(line.contains("h".repeat(300)), "host name logged in full");
    assertTrue(line.length() < 4096, line.length() + " chars");
  }

  @Test
  void manyMalformedAddresses_leaveABoundedNumberOfNotes() {
    String myip = String.join(",", java.util.Collections.nCopies(50_000, "banana"));

    f.get(alice(), "hostname", "home.example.com", "myip", myip);

    assertTrue(f.lastLog().length() < 8192, f.lastLog().length() + " chars");
    assertTrue(f.lastLog().contains("more notes)"), f.lastLog());
  }

  @Test
  void myip_encodedTwice_isNotAnAddress_soTheSourceAddressIsWritten() {
    // The client sent myip=2001%253adb8%253a%253a77; the entry point decoded it once.
    HttpAnswer answer =
        f.get(alice(), "hostname", "home.example.com", "myip", "2001%3adb8%3a%3a77");

    assertEquals("good 198.51.100.1\n", answer.body());
    assertEquals(
        Map.of(RecordType.A, RecordSet.single(RecordType.A, 60, "198.51.100.1")),
        f.records.get(ZONE_1, "home.example.com"));
  }

  @Test
  void update_with20Hosts_isAccepted() {
    String hosts = String.join(",", java.util.Collections.nCopies(20, "home.example.com"));

    HttpAnswer answer = f.get(alice(), "hostname", hosts, "myip", "203.0.113.7");

    assertEquals("good 203.0.113.7\n".repeat(20), answer.body());
  }

  @Test
  void update_ignoresUnknownParameters() {
    HttpAnswer answer =
        f.get(
            alice(),
            "system",
            "dyndns",
            "hostname",
            "home.example.com",
            "myip",
            "203.0.113.7",
            "wildcard",
            "NOCHG",
            "mx",
            "mail.example.com",
            "backmx",
            "NO");

    assertEquals("good 203.0.113.7\n", answer.body());
  }

  @Test
  void post_isServedLikeGet() {
    HttpAnswer answer =
        f.send(
            "POST", alice(), "198.51.100.1", "hostname", "home.example.com", "myip", "203.0.113.7");

    assertEquals("good 203.0.113.7\n", answer.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"PUT", "DELETE", "PATCH"})
  void otherMethods_answerLikeUnknownPath(String method) {
    HttpAnswer answer = f.send(method, alice(), "198.51.100.1", "hostname", "home.example.com");

    assertEquals(404, answer.status());
    assertEquals("badagent\n", answer.body());
  }

  static Stream<Arguments> badCredentials() {
    return Stream.of(
        Arguments.of("missing", null),
        Arguments.of("empty", ""),
        Arguments.of("inadyn without credentials", "Basic Og=="),
        Arguments.of("wrong scheme", "Bearer abc"),
        Arguments.of("not base64", "Basic !!!"),
        Arguments.of(
            "no colon",
            "Basic " + java.util.Base64.getEncoder().encodeToString("alice".getBytes())),
        Arguments.of("wrong password", basic("alice", "wrong")),
        Arguments.of("password prefix", basic("alice", "correct horse")),
        Arguments.of("unknown user", basic("mallory", "whatever")),
        Arguments.of("other user's password", basic("alice", Fixture.BOB_PASSWORD)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCredentials")
  void badCredentials_allAnswerTheSameBadauth(String why, String authorization) {
    HttpAnswer answer =
        f.get(
            authorization,
            "hostname",
            "home.example.com,unknown.example.com",
            "myip",
            "203.0.113.7");

    assertEquals(401, answer.status());
    assertEquals("badauth\nbadauth\n", answer.body());
    assertEquals("Basic realm=\"dyndns53\"", answer.headers().get("WWW-Authenticate"));
    assertEquals(0, f.records.callCount());
  }

  @Test
  void unknownAndConfiguredNames_readTheStoreAlike() {
    f.get(basic("mallory", "x"), "hostname", "home.example.com");
    assertEquals(1, f.credentials.reads);

    f.clock.advance(Duration.ofMinutes(6));
    f.get(basic("alice", "wrong"), "hostname", "home.example.com");
    assertEquals(2, f.credentials.reads);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"alice", "mallory"})
  void credentialStoreUnavailable_answersEveryName911(String user) {
    f.credentials.failure = new CredentialStoreException("InternalServiceError", "down", null);

    HttpAnswer answer = f.get(basic(user, "whatever"), "hostname", "home.example.com");

    assertEquals(500, answer.status());
    assertEquals("911\n", answer.body());
  }

  @Test
  void configuredUserWithoutASecret_isAnsweredLikeAnUnknownUser_andTheLogSaysWhy() {
    f.credentials.passwords.remove("bob");

    HttpAnswer bob = f.get(basic("bob", Fixture.BOB_PASSWORD), "hostname", "office.example.com");
    String bobLog = f.lastLog();
    HttpAnswer mallory =
        f.get(basic("mallory", Fixture.BOB_PASSWORD), "hostname", "office.example.com");

    assertEquals(mallory, bob);
    assertEquals(401, bob.status());
    assertEquals("badauth\n", bob.body());
    assertTrue(bobLog.contains("\"secretProblem\":\"ResourceNotFoundException\""), bobLog);
    assertTrue(bobLog.contains("configured user's secret is missing"), bobLog);
    assertFalse(f.lastLog().contains("secretProblem"), f.lastLog());
  }

  @Test
  void credentials_withColonInPassword_authenticate() {
    HttpAnswer answer =
        f.get(
            basic("alice", Fixture.ALICE_PASSWORD),
            "hostname",
            "home.example.com",
            "myip",
            "203.0.113.7");

    assertEquals("good 203.0.113.7\n", answer.body());
  }

  @Test
  void credentials_areCachedWithinTheWindowAndReadAgainAfter() {
    f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7");
    f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7");
    assertEquals(1, f.credentials.reads);

    f.clock.advance(Duration.ofMinutes(6));
    f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7");
    assertEquals(2, f.credentials.reads);
  }

  @Test
  void credentialStoreFailure_answers911NotBadauth() {
    f.credentials.failure = new CredentialStoreException("ThrottlingException", "throttled", null);

    HttpAnswer answer = f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7");

    assertEquals(500, answer.status());
    assertEquals("911\n", answer.body());
    assertTrue(f.lastLog().contains("ThrottlingException"), f.lastLog());
    assertEquals(0, f.records.callCount());
  }

  @Test
  void readRejected_answersDnserrAndWritesNothing() {
    f.records.readFailures.add(
        new RecordStoreException(
            RecordStoreException.Kind.REJECTED, "NoSuchHostedZone", "no such zone", null));

    HttpAnswer answer = f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7");

    assertEquals(500, answer.status());
    assertEquals("dnserr\n", answer.body());
    assertTrue(f.records.batches.isEmpty());
    assertTrue(f.lastLog().contains("NoSuchHostedZone"), f.lastLog());
  }

  @Test
  void writeThrottledPastBudget_answers911AndForgetsState() {
    f.records.applyFailures.add(
        new RecordStoreException(
            RecordStoreException.Kind.UNAVAILABLE, "Throttling", "Rate exceeded", null));

    HttpAnswer first = f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7");
    HttpAnswer retry = f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7");

    assertEquals(500, first.status());
    assertEquals("911\n", first.body());
    assertEquals("good 203.0.113.7\n", retry.body());
  }

  @Test
  void writeRejectedInOneZone_doesNotAffectTheOtherZone() {
    f.records.applyFailures.add(
        new RecordStoreException(
            RecordStoreException.Kind.REJECTED, "InvalidChangeBatch", "rejected", null));

    HttpAnswer answer =
        f.get(alice(), "hostname", "home.example.com,nas.example.org", "myip", "2001:db8::7");

    assertEquals(500, answer.status());
    assertEquals("dnserr\ngood 2001:db8::7\n", answer.body());
    assertTrue(f.records.get(ZONE_1, "home.example.com").isEmpty());
  }

  @Test
  void foreignRecordShape_isLeftAloneAndAnswersConflict() {
    f.records.put(
        ZONE_1,
        "home.example.com",
        new RecordSet(RecordType.A, 60, List.of("192.0.2.1", "192.0.2.2"), true));

    HttpAnswer answer = f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7");

    assertEquals("conflict A\n", answer.body());
    assertTrue(f.records.batches.isEmpty());
    assertTrue(f.lastLog().contains("not created by dyndns53"), f.lastLog());
  }

  @Test
  void aliasRecord_isLeftAlone() {
    f.records.put(ZONE_1, "home.example.com", new RecordSet(RecordType.AAAA, 0, List.of(), false));

    HttpAnswer answer =
        f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7,2001:db8::1");

    assertEquals("conflict AAAA\n", answer.body());
    assertTrue(f.records.batches.isEmpty());
  }

  @Test
  void offline_removesExistingAddressRecordsAndAnswersGood() {
    f.records.put(ZONE_1, "home.example.com", a("203.0.113.7", 60));
    f.records.put(ZONE_1, "home.example.com", aaaa("2001:db8::7", 60));

    HttpAnswer answer = f.get(alice(), "hostname", "home.example.com", "offline", "YES");

    assertEquals("good\n", answer.body());
    assertTrue(f.records.get(ZONE_1, "home.example.com").isEmpty());
    assertEquals(RecordChange.Action.DELETE, f.records.batches.get(0).get(0).action());
  }

  @Test
  void offline_withNothingToRemove_answersNochgWithoutWriting() {
    HttpAnswer answer = f.get(alice(), "hostname", "home.example.com", "offline", "yes");

    assertEquals("nochg\n", answer.body());
    assertTrue(f.records.batches.isEmpty());
  }

  @Test
  void repeatedNochg_withinWindow_readsRoute53OnceAndWritesNothing() {
    f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7");
    long before = f.records.callCount();

    HttpAnswer answer = f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7");

    assertEquals("nochg 203.0.113.7\n", answer.body());
    assertEquals(before + 1, f.records.callCount());
    assertEquals(1, f.records.batches.size());
  }

  @Test
  void changeWithinWindow_makesExactlyOneCall_theWrite() {
    f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7");
    long before = f.records.callCount();

    HttpAnswer answer = f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.8");

    assertEquals("good 203.0.113.8\n", answer.body());
    assertEquals(before + 1, f.records.callCount());
  }

  @Test
  void afterWindow_readsRouteFiftyThreeAgainAndSeesOutOfBandEdits() {
    f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7");
    f.records.put(ZONE_1, "home.example.com", a("203.0.113.99", 60));
    f.clock.advance(Duration.ofMinutes(6));

    HttpAnswer answer = f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7");

    assertEquals("good 203.0.113.7\n", answer.body());
  }

  @Test
  void coldRequest_readsTheZonesHostsInOneCallThenWritesOncePerPartition() {
    f.get(
        alice(),
        "hostname",
        "home.example.com,office.example.com,v4only.example.com",
        "myip",
        "203.0.113.7");

    assertEquals(
        List.of(List.of("home.example.com", "office.example.com", "v4only.example.com")),
        f.records.reads);
    // home and office (A and AAAA) share a partition; v4only (A only) has its own.
    assertEquals(1 + 2, f.records.callCount());
  }

  @Test
  void errorBodies_neverContainWordsInadynReadsAsSuccess() {
    for (Dyndns2Token token : Dyndns2Token.values()) {
      if (token.success()) {
        continue;
      }
      String text = token.text().toLowerCase(java.util.Locale.ROOT);
      for (String word : List.of("ok", "good", "true", "updated", "nochg")) {
        assertFalse(text.contains(word), token + " contains " + word);
      }
    }
    for (GatewayAnswer answer : GatewayAnswer.values()) {
      for (String word : List.of("ok", "good", "true", "updated", "nochg")) {
        assertFalse(
            answer.body().toLowerCase(java.util.Locale.ROOT).contains(word),
            answer + " contains " + word);
      }
    }
  }

  @Test
  void log_isOneJsonLinePerRequestWithTheDecisions() {
    f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7");

    assertEquals(1, f.logLines.size());
    Map<?, ?> line = (Map<?, ?>) dev.dyndns53.json.Json.parse(f.lastLog());
    assertEquals("req-1", line.get("requestId"));
    assertEquals("alice", line.get("user"));
    assertEquals(List.of("home.example.com"), line.get("hosts"));
    assertEquals(List.of("203.0.113.7"), line.get("addresses"));
    assertEquals("198.51.100.1", line.get("source"));
    assertEquals("test/1.0", line.get("userAgent"));
    assertEquals(new java.math.BigDecimal(2), line.get("route53Calls"));
    assertTrue(line.containsKey("latencyMs"));
    List<?> outcomes = (List<?>) line.get("outcomes");
    assertEquals("good 203.0.113.7", ((Map<?, ?>) outcomes.get(0)).get("answer"));
  }

  static Stream<String> authorizationHeaders() {
    String marker = "s3cr3t-MARKER-password";
    return Stream.of(
        basic("alice", marker),
        basic(marker, "x"),
        "Basic " + marker,
        marker,
        "Basic " + java.util.Base64.getEncoder().encodeToString(marker.getBytes()),
        "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString(("alice:" + marker).getBytes())
                .substring(4));
  }

  @ParameterizedTest
  @MethodSource("authorizationHeaders")
  void log_neverContainsAuthorizationHeaderOrPassword(String header) {
    f.credentials.passwords.put("alice", "s3cr3t-MARKER-password");
    f.get(header, "hostname", "home.example.com", "myip", "203.0.113.7");
    f.get(
        basic("alice", "s3cr3t-MARKER-password"),
        "hostname",
        "home.example.com",
        "myip",
        "203.0.113.7");

    for (String line : f.logLines) {
      assertFalse(line.contains("MARKER"), line);
      assertFalse(line.contains(header), line);
      assertFalse(line.toLowerCase(java.util.Locale.ROOT).contains("authorization"), line);
    }
  }

  @Test
  void log_ofUnknownUser_doesNotRecordTheName() {
    f.get(basic("my-password-typed-as-user", "x"), "hostname", "home.example.com");

    assertFalse(f.lastLog().contains("my-password-typed-as-user"), f.lastLog());
  }

  @Test
  void unexpectedFailure_answers911WithoutStackTraceToClient() {
    f.records.readFailures.add(new IllegalStateException("a bug"));

    HttpAnswer answer = f.get(alice(), "hostname", "home.example.com", "myip", "203.0.113.7");

    assertEquals(500, answer.status());
    assertEquals("911\n", answer.body());
    assertTrue(f.lastLog().contains("\"level\":\"ERROR\""), f.lastLog());
    assertNull(answer.headers().get("WWW-Authenticate"));
  }
}
