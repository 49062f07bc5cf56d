package dev.dyndns53.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.Dyndns53;
import dev.dyndns53.activity.ActivityRecorder;
import dev.dyndns53.activity.SideCallBudget;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.fakes.InMemoryCredentialStore;
import dev.dyndns53.history.AskedTracker;
import dev.dyndns53.history.DynamoDbHistoryStore;
import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.http.HttpRequest;
import dev.dyndns53.json.Json;
import dev.dyndns53.records.Route53RecordStore;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The status endpoint over moto's Route 53 and DynamoDB, with history written by real updates: what
 * a user and an admin see, as HTML and JSON, how many Route 53 calls a view makes, and that client
 * text is escaped.
 */
class StatusServiceIT {
  @RegisterExtension static final MotoServer moto = new MotoServer();

  private static final SideCallBudget ROOMY =
      new SideCallBudget(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMillis(50));
  static final String HOSTILE_AGENT = "<script>alert('ua')</script>&\"x\"";
  private static final Map<String, String> PASSWORDS =
      Map.of("alice", "alice-password-0123456789abcdef", "root", "root-password-0123456789abcdefg");

  private final List<String> log = new ArrayList<>();
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private Dyndns53 dyndns53;

  @BeforeEach
  void deploy() {
    StringBuilder hosts = new StringBuilder();
    // Five zones: the admin's view reads three and shows the others from the history.
    for (int z = 1; z <= 5; z++) {
      String zone = moto.createHostedZone("zone" + z + ".example");
      hosts
          .append(z == 1 ? "" : ",")
          .append(
              "\"h%d.zone%d.example\": {\"zoneId\": \"%s\", \"acme\": true}".formatted(z, z, zone));
    }
    Dyndns53Config config =
        ConfigParser.parse(
            "t.json",
            """
            {"hosts": {%s},
             "users": {"alice": {"hosts": ["h1.zone1.example", "h2.zone2.example"]},
                       "root": {"hosts": ["h5.zone5.example", "h4.zone4.example",
                                          "h3.zone3.example"], "admin": true}}}
            """
                .formatted(hosts));
    var dynamoDb = MotoActivity.dynamoDb(moto, null);
    String table = MotoActivity.createHistoryTable(dynamoDb, "History-" + System.nanoTime());
    var history = new DynamoDbHistoryStore(dynamoDb, table, Duration.ofDays(400));
    InMemoryCredentialStore credentials = new InMemoryCredentialStore();
    credentials.passwords.putAll(PASSWORDS);
    ActivityRecorder recorder =
        new ActivityRecorder(
            config.activity(),
            history,
            List.of(),
            new AskedTracker(),
            ROOMY,
            clock,
            System::nanoTime,
            log::add,
            "Test");
    dyndns53 =
        Dyndns53.of(
            config,
            credentials,
            new Route53RecordStore(moto.route53()),
            clock,
            log::add,
            "Test",
            recorder,
            history);
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private void update(String user, String host, String ip, String agent) {
    String body =
        dyndns53
            .envelope()
            .handle(
                HttpRequest.update(
                    "GET",
                    Map.of("Authorization", basic(user, PASSWORDS.get(user)), "User-Agent", agent),
                    Map.of("hostname", List.of(host), "myip", List.of(ip)),
                    "198.51.100.7",
                    "r" + System.nanoTime()))
            .body();
    assertTrue(body.startsWith("good") || body.startsWith("nochg"), body);
  }

  private HttpAnswer status(String user, boolean json) {
    return dyndns53
        .envelope()
        .handle(
            EndpointRequests.status(
                json
                    ? Map.of(
                        "Authorization",
                        basic(user, PASSWORDS.get(user)),
                        "Accept",
                        "application/json")
                    : Map.of("Authorization", basic(user, PASSWORDS.get(user))),
                "198.51.100.7",
                "s" + System.nanoTime()));
  }

  private static int count(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void user_seesTheirHostsWithRoute53sAddresses_history_andATimelinePointPerChange() {
    update("alice", "h1.zone1.example", "203.0.113.1", "ddclient/3.11.2");
    clock.advance(Duration.ofDays(2));
    update("alice", "h1.zone1.example", "203.0.113.2", "ddclient/3.11.2");
    clock.advance(Duration.ofHours(1));

    HttpAnswer page = status("alice", false);

    assertEquals(200, page.status());
    assertEquals("text/html; charset=utf-8", page.headers().get("Content-Type"));
    String csp = page.headers().get("Content-Security-Policy");
    assertTrue(csp.startsWith("default-src 'none'; style-src 'sha256-"), csp);
    assertFalse(page.body().contains("<script"), "no JavaScript");
    assertTrue(page.body().contains("h1.zone1.example"), page.body());
    assertTrue(page.body().contains("h2.zone2.example"), page.body());
    assertFalse(page.body().contains("h3.zone3.example"), "not alice's host");
    assertTrue(page.body().contains("<div class=\"addr\">203.0.113.2</div>"), page.body());
    assertTrue(page.body().contains("2026-03-03 10:00 UTC"), "last changed: " + page.body());
    assertEquals(2, count(Pattern.compile("<circle class=\"point\""), page.body()));

    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) Json.parse(status("alice", true).body());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> hosts = (List<Map<String, Object>>) json.get("hosts");
    assertEquals(
        List.of("h1.zone1.example", "h2.zone2.example"),
        hosts.stream().map(h -> h.get("host")).toList());
    assertEquals(List.of("203.0.113.2"), hosts.get(0).get("addresses"));
    assertEquals("route53", hosts.get(0).get("addressesFrom"));
    assertEquals("2026-03-03T10:00:00Z", hosts.get(0).get("lastChanged"));
    assertEquals("ddclient/3.11.2", hosts.get(0).get("client"));
    assertEquals(2, ((List<?>) hosts.get(0).get("timeline")).size());
  }

  @Test
  void admin_seesEveryHost_readingAtMostThreeZones_andTheRestFromTheHistory() {
    for (int z = 1; z <= 5; z++) {
      update(
          z <= 2 ? "alice" : "root",
          "h%d.zone%d.example".formatted(z, z),
          "203.0.113.5" + z,
          "inadyn/2.12");
    }

    HttpAnswer json = status("root", true);

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> hosts =
        (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(json.body())).get("hosts");
    assertEquals(5, hosts.size());
    assertEquals(
        List.of("route53", "route53", "route53", "history", "history"),
        hosts.stream().map(h -> h.get("addressesFrom")).toList());
    assertEquals(List.of("203.0.113.55"), hosts.get(4).get("addresses"));
    String line = log.get(log.size() - 1);
    assertTrue(line.contains("\"route53Calls\":3"), line);

    status("root", false);
    String reload = log.get(log.size() - 1);
    assertTrue(reload.contains("\"route53Calls\":0"), "a reload within 30 s: " + reload);
    clock.advance(StatusService.ROUTE53_CACHE);
    status("root", true);
    assertTrue(log.get(log.size() - 1).contains("\"route53Calls\":3"), log.get(log.size() - 1));
  }

  @Test
  void hostileClientText_isShownAsText() {
    update("alice", "h1.zone1.example", "203.0.113.1", HOSTILE_AGENT);

    String page = status("alice", false).body();

    assertFalse(page.contains("<script>"), page);
    assertTrue(
        page.contains("&lt;script&gt;alert(&#39;ua&#39;)&lt;/script&gt;&amp;&quot;x&quot;"), page);
  }

  @Test
  void wrongPassword_orUnknownUser_isAskedToLogIn_alike() {
    HttpAnswer wrong =
        dyndns53
            .envelope()
            .handle(
                EndpointRequests.status(
                    Map.of("Authorization", basic("alice", "nope")), null, "x"));
    HttpAnswer unknown =
        dyndns53
            .envelope()
            .handle(
                EndpointRequests.status(
                    Map.of("Authorization", basic("mallory", "nope")), null, "y"));
    HttpAnswer none = dyndns53.envelope().handle(EndpointRequests.status(Map.of(), null, "z"));

    // The envelope's line: one per request, naming the endpoint, never the password.
    List<String> lines = log.subList(log.size() - 3, log.size());
    for (String line : lines) {
      assertTrue(line.contains("\"endpoint\":\"status\""), line);
      assertTrue(line.contains("\"auth\":\"rejected\""), line);
      assertFalse(line.contains("nope") || line.contains("Authorization"), line);
    }
    assertTrue(lines.get(1).contains("(not a configured user)"), lines.get(1));
    for (HttpAnswer answer : List.of(wrong, unknown, none)) {
      assertEquals(401, answer.status());
      assertEquals(
          "Basic realm=\"dyndns53 status\", charset=\"UTF-8\"",
          answer.headers().get("WWW-Authenticate"));
      assertEquals(wrong.body(), answer.body());
    }
  }

  @Test
  void pendingAcmeChallenges_areShownUntilCleanedUp() {
    String body =
        "{\"fqdn\": \"_acme-challenge.h1.zone1.example.\", \"value\": \"pending-value-0123\"}";
    acme(dev.dyndns53.testing.EndpointRequests.Acme.PRESENT, body);
    clock.advance(Duration.ofMinutes(1));
    assertTrue(status("alice", false).body().contains("pending-value-0123"));

    acme(dev.dyndns53.testing.EndpointRequests.Acme.CLEANUP, body);
    clock.advance(StatusService.ROUTE53_CACHE);

    assertFalse(status("alice", false).body().contains("pending-value-0123"));
  }

  private void acme(dev.dyndns53.testing.EndpointRequests.Acme action, String body) {
    var answer =
        dyndns53
            .envelope()
            .handle(
                action.request(
                    Map.of("Authorization", basic("alice", PASSWORDS.get("alice"))),
                    body,
                    "198.51.100.7",
                    "a" + System.nanoTime()));
    assertEquals(200, answer.status(), answer.body());
  }
}
