package dev.dyndns53.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.Dyndns53;
import dev.dyndns53.activity.ActivityRecorder;
import dev.dyndns53.activity.SideCallBudget;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.fakes.InMemoryCredentialStore;
import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.http.HttpRequest;
import dev.dyndns53.json.Json;
import dev.dyndns53.records.Route53RecordStore;
import dev.dyndns53.testing.CountingHttpClient;
import dev.dyndns53.testing.EndpointRequests;
import dev.dyndns53.testing.MotoActivity;
import dev.dyndns53.testing.MotoServer;
import dev.dyndns53.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The history end to end on moto: updates through the real service write DynamoDB items after Route
 * 53 accepted a change, none after {@code nochg}, the "last asked" time at most once per {@link
 * AskedTracker#RESOLUTION}, and an outage leaves the router's answer as it was.
 */
class HistoryIT {
  @RegisterExtension static final MotoServer moto = new MotoServer();

  /** Roomy for a busy test machine; the deployed budget is {@link SideCallBudget#LAMBDA}. */
  static final SideCallBudget ROOMY =
      new SideCallBudget(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMillis(50));

  private static final String PASSWORD = "a-long-enough-password-for-alice";
  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

  private final List<String> log = new ArrayList<>();
  private final SettableClock clock = new SettableClock(START);
  private final CountingHttpClient dynamoHttp = new CountingHttpClient();
  private DynamoDbClient dynamoDb;
  private String table;
  private Dyndns53Config config;
  private Route53RecordStore records;
  private InMemoryCredentialStore credentials;

  @BeforeEach
  void deploy() {
    String zone = moto.createHostedZone("example.com");
    config =
        ConfigParser.parse(
            "test.json",
            """
            {"hosts": {"home.example.com": {"zoneId": "%1$s"},
                       "nas.example.com": {"zoneId": "%1$s", "acme": true}},
             "users": {"alice": {"hosts": ["home.example.com", "nas.example.com"]}},
             "history": {"days": 30}}
            """
                .formatted(zone));
    dynamoDb = MotoActivity.dynamoDb(moto, dynamoHttp);
    table = MotoActivity.createHistoryTable(dynamoDb, "History-" + System.nanoTime());
    records = new Route53RecordStore(moto.route53());
    credentials = new InMemoryCredentialStore();
    credentials.passwords.put("alice", PASSWORD);
    dynamoHttp.clear();
  }

  private DynamoDbHistoryStore store(String tableName) {
    return new DynamoDbHistoryStore(dynamoDb, tableName, Duration.ofDays(30));
  }

  private Dyndns53 service(HistoryStore history, SideCallBudget budget) {
    ActivityRecorder recorder =
        new ActivityRecorder(
            config.activity(),
            history,
            List.of(),
            new AskedTracker(),
            budget,
            clock,
            System::nanoTime,
            log::add,
            "Test");
    return Dyndns53.of(config, credentials, records, clock, log::add, "Test", recorder, history);
  }

  static HttpRequest update(String host, String ip, String userAgent) {
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    return HttpRequest.update(
        "GET",
        Map.of("Authorization", auth, "User-Agent", userAgent),
        Map.of("hostname", List.of(host), "myip", List.of(ip)),
        "198.51.100.7",
        "req-" + System.nanoTime());
  }

  @Test
  void good_writesOneChangeEventWithBothAddressesAndTheSummary() {
    Dyndns53 dyndns53 = service(store(table), ROOMY);
    dyndns53.envelope().handle(update("home.example.com", "203.0.113.1", "ddclient/3.11.2"));
    clock.advance(Duration.ofMinutes(10));
    HttpAnswer answer =
        dyndns53.envelope().handle(update("home.example.com", "203.0.113.2", "ddclient/3.11.2"));

    assertEquals("good 203.0.113.2", answer.body().strip());
    List<HostEvent> events =
        store(table).events("home.example.com", START.minusSeconds(1), 50, Duration.ofSeconds(5));
    assertEquals(2, events.size(), events.toString());
    HostEvent second = events.get(1);
    assertEquals(HostEvent.Kind.CHANGED, second.kind());
    assertEquals(List.of("203.0.113.1"), second.before());
    assertEquals(List.of("203.0.113.2"), second.after());
    assertEquals("alice", second.user());
    assertEquals(Optional.of("ddclient/3.11.2"), second.client());
    assertEquals(Optional.of("198.51.100.7"), second.sourceAddress());
    assertEquals(START.plus(Duration.ofMinutes(10)), second.at());
    assertEquals(List.of(), events.get(0).before());

    HostSummary summary =
        store(table)
            .summaries(List.of("home.example.com"), Duration.ofSeconds(5))
            .get("home.example.com");
    assertEquals(Optional.of(START.plus(Duration.ofMinutes(10))), summary.lastChanged());
    assertEquals(List.of("203.0.113.2"), summary.addresses());
    assertEquals(Optional.of("ddclient/3.11.2"), summary.askedClient());
  }

  @Test
  void nochg_writesNoEvent_andTheLastAskedTimeAtMostOncePerResolution() {
    Dyndns53 dyndns53 = service(store(table), ROOMY);
    dyndns53.envelope().handle(update("home.example.com", "203.0.113.1", "router"));
    dynamoHttp.clear();

    // A router asking every five minutes for two hours: 24 nochg answers.
    for (int i = 0; i < 24; i++) {
      clock.advance(Duration.ofMinutes(5));
      assertEquals(
          "nochg 203.0.113.1",
          dyndns53
              .envelope()
              .handle(update("home.example.com", "203.0.113.1", "router"))
              .body()
              .strip());
    }

    // Measured: two writes in two hours (one per AskedTracker.RESOLUTION), not 24.
    assertEquals(2, dynamoHttp.sent().size(), dynamoHttp.sent().toString());
    List<HostEvent> events =
        store(table).events("home.example.com", START.minusSeconds(1), 50, Duration.ofSeconds(5));
    assertEquals(1, events.size(), "only the first request changed anything: " + events);
    HostSummary summary =
        store(table)
            .summaries(List.of("home.example.com"), Duration.ofSeconds(5))
            .get("home.example.com");
    Instant lastAsked = summary.lastAsked().orElseThrow();
    assertTrue(
        !lastAsked.isBefore(clock.instant().minus(AskedTracker.RESOLUTION)),
        "last asked " + lastAsked + " is within the resolution of " + clock.instant());
    assertEquals(Optional.of(START), summary.lastChanged());
  }

  @Test
  void acme_presentAndCleanup_areEvents_andAReadValueIsNone() {
    Dyndns53 dyndns53 = service(store(table), ROOMY);
    String body =
        "{\"fqdn\": \"_acme-challenge.nas.example.com.\", \"value\": \"LHDhK3oGRvkiefQnx7OOczTY5Tic_xZ6HcMOc_gmtoM\"}";
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    for (EndpointRequests.Acme action :
        List.of(
            EndpointRequests.Acme.PRESENT,
            EndpointRequests.Acme.PRESENT,
            EndpointRequests.Acme.CLEANUP)) {
      clock.advance(Duration.ofSeconds(1));
      dyndns53
          .envelope()
          .handle(
              action.request(
                  Map.of("Authorization", auth, "User-Agent", "lego/4.20"),
                  body,
                  "198.51.100.7",
                  "acme-" + System.nanoTime()));
    }

    List<HostEvent> events =
        store(table).events("nas.example.com", START, 10, Duration.ofSeconds(5));
    // The second present found the value already there: nothing changed, nothing recorded.
    assertEquals(
        List.of(HostEvent.Kind.ACME_PRESENT, HostEvent.Kind.ACME_CLEANUP),
        events.stream().map(HostEvent::kind).toList());
    assertEquals(List.of("LHDhK3oGRvkiefQnx7OOczTY5Tic_xZ6HcMOc_gmtoM"), events.get(0).after());
    assertEquals(Optional.of("lego/4.20"), events.get(1).client());
  }

  @Test
  void events_filterByTimeThemselves_sinceDynamoDbDeletesExpiredItemsLate() {
    DynamoDbHistoryStore store = store(table);
    store.record(
        List.of(
            event(START.minus(Duration.ofDays(40)), "203.0.113.9"), event(START, "203.0.113.10")),
        List.of(),
        Duration.ofSeconds(5));

    List<HostEvent> window =
        store.events(
            "home.example.com", START.minus(Duration.ofDays(30)), 50, Duration.ofSeconds(5));

    assertEquals(List.of(List.of("203.0.113.10")), window.stream().map(HostEvent::after).toList());
  }

  @Test
  void events_keepTheNewestWhenPastTheLimit() {
    DynamoDbHistoryStore store = store(table);
    List<HostEvent> many = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      many.add(event(START.plusSeconds(i), "203.0.113." + i));
    }
    store.record(many, List.of(), Duration.ofSeconds(5));

    List<HostEvent> newest = store.events("home.example.com", START, 2, Duration.ofSeconds(5));

    assertEquals(
        List.of(List.of("203.0.113.3"), List.of("203.0.113.4")),
        newest.stream().map(HostEvent::after).toList());
  }

  @Test
  void items_carryTheTtlOfHistoryDays() {
    store(table).record(List.of(event(START, "203.0.113.1")), List.of(), Duration.ofSeconds(5));

    var item =
        MotoActivity.items(dynamoDb, table).stream()
            .filter(i -> i.get("sk").s().startsWith("E#"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        Long.toString(START.plus(Duration.ofDays(30)).getEpochSecond()),
        item.get(DynamoDbHistoryStore.TTL_ATTRIBUTE).n());
  }

  @Test
  void sourceAddress_isLeftOut_whenConfiguredSo() {
    config =
        ConfigParser.parse(
            "test.json",
            """
            {"hosts": {"home.example.com": {"zoneId": "%s"}},
             "users": {"alice": {"hosts": ["home.example.com"]}},
             "history": {"sourceAddress": false}}
            """
                .formatted(config.host("home.example.com").orElseThrow().zoneId()));
    service(store(table), ROOMY)
        .envelope()
        .handle(update("home.example.com", "203.0.113.1", "router"));

    HostEvent event =
        store(table)
            .events("home.example.com", START.minusSeconds(1), 5, Duration.ofSeconds(5))
            .get(0);
    assertEquals(Optional.empty(), event.sourceAddress());
  }

  @Test
  void outage_answersExactlyAsWithoutHistory_andLogsTheFailureWithItsMetric() {
    HttpAnswer without =
        Dyndns53.of(config, credentials, records, clock, s -> {}, "Test")
            .envelope()
            .handle(update("home.example.com", "203.0.113.1", "router"));
    clock.advance(Duration.ofMinutes(1));

    HttpAnswer with =
        service(store("no-such-table"), SideCallBudget.LAMBDA)
            .envelope()
            .handle(update("home.example.com", "203.0.113.2", "router"));

    assertEquals(without.status(), with.status());
    assertEquals("good 203.0.113.2", with.body().strip());
    String warning =
        log.stream().filter(l -> l.contains("sideCallsFailed")).findFirst().orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, Object> line = (Map<String, Object>) Json.parse(warning);
    assertEquals("WARN", line.get("level"));
    assertTrue(String.valueOf(line.get("problems")).contains("ResourceNotFoundException"), warning);
    assertEquals(1, ((Number) line.get("SideCallFailures")).intValue(), warning);
  }

  @Test
  void noTimeLeft_skipsTheHistory_andSaysSo() {
    SideCallBudget spent =
        new SideCallBudget(Duration.ofSeconds(1), Duration.ZERO, Duration.ofMillis(50));

    HttpAnswer answer =
        service(store(table), spent)
            .envelope()
            .handle(update("home.example.com", "203.0.113.1", "router"));

    assertEquals("good 203.0.113.1", answer.body().strip());
    assertEquals(List.of(), dynamoHttp.sent());
    assertTrue(log.stream().anyMatch(l -> l.contains("skipped: no time left")), log.toString());
  }

  private static HostEvent event(Instant at, String address) {
    return new HostEvent(
        "home.example.com",
        at,
        HostEvent.Kind.CHANGED,
        List.of(),
        List.of(address),
        "alice",
        Optional.empty(),
        Optional.empty(),
        "r-" + at.toEpochMilli());
  }
}
