package dev.dyndns53.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.Dyndns53;
import dev.dyndns53.acme.AcmeService;
import dev.dyndns53.acme.ConflictRetry;
import dev.dyndns53.checkip.CheckIpService;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.credentials.Authenticator;
import dev.dyndns53.credentials.SecretsManagerCredentialStore;
import dev.dyndns53.dyndns2.UpdateService;
import dev.dyndns53.envelope.Envelope;
import dev.dyndns53.envelope.Routes;
import dev.dyndns53.history.HistoryStore;
import dev.dyndns53.history.HostActivity;
import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.http.HttpRequest;
import dev.dyndns53.json.Json;
import dev.dyndns53.metrics.RequestMetrics;
import dev.dyndns53.records.KnownRecords;
import dev.dyndns53.records.RecordStoreException;
import dev.dyndns53.records.Route53RecordStore;
import dev.dyndns53.records.TxtRecordSet;
import dev.dyndns53.status.StatusService;
import dev.dyndns53.testing.MotoServer;
import dev.dyndns53.testing.Route53RulesProxy;
import dev.dyndns53.testing.TestBudgets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Concurrent ACME changes to one challenge name, over moto behind {@link Route53RulesProxy}, which
 * refuses a stale DELETE and a CREATE over an existing set and applies each batch atomically, as
 * Route 53 does. moto alone accepts both and so hides the race.
 */
class AcmeConcurrencyIT {
  @RegisterExtension static final MotoServer moto = new MotoServer();

  private static final String PREFIX = "dyndns53/Test/";
  private static final String PASSWORD = "Xq7fTz2LmN9pRs4VwY6bCd8eGh3jKk5M";
  private static final String NAME = "_acme-challenge.home.example.com";
  private static final String MARKER = "\"dyndns53-acme-challenge\"";

  private Route53RulesProxy proxy;
  private String zone;
  private Dyndns53Config config;

  @BeforeEach
  void deploy() {
    proxy = Route53RulesProxy.inFrontOf(moto);
    zone = moto.createHostedZone("example.com");
    moto.createSecret(PREFIX + "alice", "alice", PASSWORD);
    config =
        ConfigParser.parse(
            "it.json",
            """
            {"hosts": {"home.example.com": {"zoneId": "%s", "acme": true}},
             "users": {"alice": {"hosts": ["home.example.com"]}}}
            """
                .formatted(zone));
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  /** One execution environment: its own handler, stores and Route 53 client, as Lambda runs. */
  private UpdateHandler environment(List<String> log) {
    return new UpdateHandler(
        Dyndns53.of(
                config,
                new SecretsManagerCredentialStore(moto.secretsManager(), PREFIX),
                new Route53RecordStore(proxy.route53(TestBudgets.FAST_RETRIES)),
                Clock.systemUTC(),
                line -> {
                  synchronized (log) {
                    log.add(line);
                  }
                })
            .envelope());
  }

  private static APIGatewayProxyResponseEvent present(UpdateHandler handler, String value) {
    return handler.handleRequest(
        ProxyEventBuilder.get()
            .method("POST")
            .path("/acme/present")
            .basicAuth("alice", PASSWORD)
            .header("Content-Type", "application/json")
            .body("{\"fqdn\":\"" + NAME + ".\",\"value\":\"" + value + "\"}")
            .build(),
        null);
  }

  /** A distinct 43-character base64url value per index, like a real DNS-01 digest. */
  private static String value(int i) {
    return ("value-" + i + "-").repeat(8).substring(0, 43).replace('-', '_');
  }

  private List<String> txtValues() {
    for (ResourceRecordSet set : moto.recordSets(zone, NAME)) {
      if (set.typeAsString().equals("TXT")) {
        return set.resourceRecords().stream().map(ResourceRecord::value).toList();
      }
    }
    return List.of();
  }

  @Test
  void tenConcurrentPresentsForOneName_allAnswer200_andAllTenValuesArePresentAfterwards()
      throws Exception {
    int clients = 10;
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    List<UpdateHandler> environments = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      environments.add(environment(log));
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<APIGatewayProxyResponseEvent>> answers = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        UpdateHandler handler = environments.get(i);
        String value = value(i);
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return present(handler, value);
                }));
      }
      start.countDown();
      for (Future<APIGatewayProxyResponseEvent> answer : answers) {
        assertEquals(200, answer.get().getStatusCode(), answer.get().getBody() + "\n" + log);
      }
    } finally {
      pool.shutdownNow();
    }

    TreeSet<String> expected = new TreeSet<>();
    expected.add(MARKER);
    for (int i = 0; i < clients; i++) {
      expected.add("\"" + value(i) + "\"");
    }
    assertEquals(expected, new TreeSet<>(txtValues()));
    assertEquals(clients + 1, txtValues().size(), "no value twice");
    // The race happened and was refused by Route 53's rules, not avoided by luck.
    assertTrue(proxy.refusedChanges() > 0, "no change was refused: the requests did not overlap");
    assertTrue(
        log.stream().anyMatch(line -> line.contains("\"retries\":")),
        "no log line counts its retries");
  }

  @Test
  void aCompetingWriterThatNeverStops_is503AtTheEndOfTheBudget_withTheValueNotWritten() {
    AtomicInteger competitor = new AtomicInteger();
    // Before every write of ours, another request adds its value: each of our batches then
    // deletes a set that no longer matches, and Route 53 refuses it.
    proxy.beforeEachChange(
        () -> {
          List<String> values = new ArrayList<>(List.of(MARKER));
          values.add("\"" + value(100 + competitor.incrementAndGet()) + "\"");
          moto.upsertRecordSet(zone, NAME + ".", "TXT", 60, values.toArray(String[]::new));
        });
    List<String> log = new ArrayList<>();
    // The wiring of Dyndns53, but with an ACME endpoint whose retry window is two seconds.
    Route53RecordStore records = new Route53RecordStore(proxy.route53(TestBudgets.FAST_RETRIES));
    AcmeService acme =
        new AcmeService(
            config,
            HostActivity.NONE,
            new ConflictRetry(Duration.ofSeconds(2), Duration.ofMillis(20), Duration.ofMillis(80)));
    Envelope envelope =
        new Envelope(
            config,
            new Authenticator(
                config.users().keySet(),
                new SecretsManagerCredentialStore(moto.secretsManager(), PREFIX)),
            records,
            records,
            Map.of(
                Routes.UPDATE,
                new UpdateService(config, new KnownRecords(Duration.ZERO, Clock.systemUTC())),
                Routes.ACME_PRESENT,
                acme.present(),
                Routes.ACME_CLEANUP,
                acme.cleanup(),
                Routes.CHECKIP,
                new CheckIpService(),
                Routes.STATUS,
                new StatusService(config, HistoryStore.NONE, Clock.systemUTC())),
            log::add,
            new RequestMetrics("Test", Clock.systemUTC()));

    HttpAnswer answer =
        envelope.handle(
            new HttpRequest(
                "POST",
                "/acme/present",
                Map.of(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8)),
                    "Content-Type",
                    "application/json"),
                Map.of(),
                "{\"fqdn\":\"" + NAME + ".\",\"value\":\"" + value(1) + "\"}",
                "198.51.100.1",
                "req-1",
                List.of()));

    assertEquals(503, answer.status(), answer.body());
    assertEquals(
        "other changes to " + NAME + " kept conflicting with this one; try again",
        ((Map<?, ?>) Json.parse(answer.body())).get("error"));
    assertTrue(proxy.refusedChanges() >= 2, proxy.refusedChanges() + " refused");
    assertEquals(proxy.changeRequests(), proxy.refusedChanges(), "every write was refused");
    assertFalse(txtValues().contains("\"" + value(1) + "\""), txtValues().toString());
    Map<?, ?> line = (Map<?, ?>) Json.parse(log.get(0));
    assertEquals("InvalidChangeBatch", line.get("route53Error"));
    assertTrue(
        ((String) line.get("reason")).startsWith("other requests kept changing " + NAME),
        (String) line.get("reason"));
  }

  @Test
  void aCnameAtTheChallengeName_is409_withoutAnyWrite() {
    moto.upsertRecordSet(
        zone, NAME + ".", "CNAME", 300, "_acme-challenge.home.acme-dns.example.net.");
    List<String> log = new ArrayList<>();

    APIGatewayProxyResponseEvent response = present(environment(log), value(1));

    assertEquals(409, response.getStatusCode(), response.getBody());
    assertTrue(
        response
            .getBody()
            .contains(NAME + " is a CNAME (to _acme-challenge.home.acme-dns.example.net.)"),
        response.getBody());
    assertEquals(0, proxy.changeRequests(), "a write was tried");
    assertTrue(log.get(0).contains("\"route53Calls\":1"), log.get(0));
  }

  @Test
  void theProxy_refusesWhatRoute53Refuses_withItsErrorBodies() {
    Route53RecordStore store = new Route53RecordStore(proxy.route53(TestBudgets.FAST_RETRIES));
    var created = TxtRecordSet.ofStrings(60, List.of("a"));
    store.replaceTxt(zone, NAME, Optional.empty(), Optional.of(created));

    var exists =
        assertThrows(
            RecordStoreException.class,
            () -> store.replaceTxt(zone, NAME, Optional.empty(), Optional.of(created)));
    var stale =
        assertThrows(
            RecordStoreException.class,
            () ->
                store.replaceTxt(
                    zone,
                    NAME,
                    Optional.of(TxtRecordSet.ofStrings(60, List.of("b"))),
                    Optional.empty()));

    assertEquals("InvalidChangeBatch", exists.errorCode());
    assertTrue(
        exists
            .getMessage()
            .contains(
                "Tried to create resource record set [name='"
                    + NAME
                    + ".', type='TXT'] but it already exists"),
        exists.getMessage());
    assertEquals("InvalidChangeBatch", stale.errorCode());
    assertTrue(
        stale
            .getMessage()
            .contains(
                "Tried to delete resource record set [name='"
                    + NAME
                    + ".', type='TXT'] but the values provided do not match the current values"),
        stale.getMessage());
    assertEquals(List.of("\"a\""), txtValues(), "a refused batch changes nothing");
  }
}
