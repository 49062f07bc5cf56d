package dev.dyndns53.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.dyndns53.Dyndns53;
import dev.dyndns53.activity.ActivityRecorder;
import dev.dyndns53.activity.SideCallBudget;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.fakes.InMemoryCredentialStore;
import dev.dyndns53.history.AskedTracker;
import dev.dyndns53.history.HistoryStore;
import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.http.HttpRequest;
import dev.dyndns53.json.Json;
import dev.dyndns53.records.Route53RecordStore;
import dev.dyndns53.testing.MotoActivity;
import dev.dyndns53.testing.MotoServer;
import dev.dyndns53.testing.SettableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Notifications end to end on moto: the topic's subscriptions get {@link FilterPolicies}' policies
 * (SQS queues stand in for the email addresses), updates through the real service publish, and each
 * address hears only its hosts; webhooks reach a local HTTP receiver; an outage of either leaves
 * the router's answer as it was.
 */
class NotifyIT {
  @RegisterExtension static final MotoServer moto = new MotoServer();

  private static final SideCallBudget ROOMY =
      new SideCallBudget(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMillis(50));
  private static final Map<String, String> PASSWORDS =
      Map.of("alice", "alice-password-0123456789abcdef", "bob", "bob-password-0123456789abcdefgh");

  private final List<String> log = new ArrayList<>();
  private final List<String> webhookBodies = new CopyOnWriteArrayList<>();
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private volatile int webhookStatus = 200;
  private HttpServer receiver;
  private Dyndns53Config config;
  private SnsClient sns;
  private SqsClient sqs;
  private String topicArn;
  private final Map<String, String> queueByEmail = new TreeMap<>();

  @BeforeEach
  void deploy() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          webhookBodies.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(webhookStatus, -1);
          exchange.close();
        });
    receiver.start();
    String zone = moto.createHostedZone("example.com");
    config =
        ConfigParser.parse(
            "test.json",
            """
            {"hosts": {"home.example.com": {"zoneId": "%1$s"},
                       "nas.example.com": {"zoneId": "%1$s"},
                       "office.example.com": {"zoneId": "%1$s", "email": "ops@example.com"}},
             "users": {"alice": {"hosts": ["home.example.com", "nas.example.com"],
                                 "email": "alice@example.com",
                                 "webhook": "http://127.0.0.1:%2$d/hook"},
                       "bob": {"hosts": ["nas.example.com", "office.example.com"],
                               "email": "bob@example.com"}}}
            """
                .formatted(zone, receiver.getAddress().getPort()));
    sns = MotoActivity.sns(moto);
    sqs = MotoActivity.sqs(moto);
    topicArn = sns.createTopic(b -> b.name("Notifications")).topicArn();
    for (FilterPolicies.Subscription subscription : FilterPolicies.of(config)) {
      String name = subscription.email().replaceAll("[^A-Za-z0-9]", "-");
      String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
      String arn =
          sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn"))
              .attributesAsStrings()
              .get("QueueArn");
      sns.subscribe(
          b ->
              b.topicArn(topicArn)
                  .protocol("sqs")
                  .endpoint(arn)
                  .attributes(
                      Map.of(
                          "FilterPolicy",
                          subscription.policyJson(),
                          "RawMessageDelivery",
                          "true")));
      queueByEmail.put(subscription.email(), url);
    }
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  private Dyndns53 service(List<Notifier> notifiers) {
    InMemoryCredentialStore credentials = new InMemoryCredentialStore();
    credentials.passwords.putAll(PASSWORDS);
    ActivityRecorder recorder =
        new ActivityRecorder(
            config.activity(),
            HistoryStore.NONE,
            notifiers,
            new AskedTracker(),
            ROOMY,
            clock,
            System::nanoTime,
            log::add,
            "Test");
    return Dyndns53.of(
        config,
        credentials,
        new Route53RecordStore(moto.route53()),
        clock,
        log::add,
        "Test",
        recorder,
        HistoryStore.NONE);
  }

  private static HttpRequest update(String user, String hosts, String ip) {
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (user + ":" + PASSWORDS.get(user)).getBytes(StandardCharsets.UTF_8));
    return HttpRequest.update(
        "GET",
        Map.of("Authorization", auth, "User-Agent", "ddclient/3.11.2"),
        Map.of("hostname", List.of(hosts), "myip", List.of(ip)),
        "198.51.100.7",
        "req-" + System.nanoTime());
  }

  private List<String> heard(String email) {
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<Message> batch =
          sqs.receiveMessage(b -> b.queueUrl(queueByEmail.get(email)).maxNumberOfMessages(10))
              .messages();
      batch.forEach(m -> messages.add(m.body()));
      if (batch.isEmpty()) {
        break;
      }
    }
    return messages;
  }

  private static TreeSet<String> hostsIn(List<String> messages) {
    TreeSet<String> hosts = new TreeSet<>();
    for (String message : messages) {
      hosts.add(message.split(" ", 2)[0]);
    }
    return hosts;
  }

  @Test
  void eachAddressHearsOnlyItsHosts() {
    Dyndns53 dyndns53 = service(List.of(new SnsNotifier(sns, topicArn)));

    dyndns53.envelope().handle(update("alice", "home.example.com,nas.example.com", "203.0.113.1"));
    dyndns53.envelope().handle(update("bob", "office.example.com", "203.0.113.2"));

    assertEquals(
        new TreeSet<>(List.of("home.example.com", "nas.example.com")),
        hostsIn(heard("alice@example.com")));
    // bob hears of nas.example.com although alice's router changed it: the policy is by host.
    assertEquals(
        new TreeSet<>(List.of("nas.example.com", "office.example.com")),
        hostsIn(heard("bob@example.com")));
    List<String> ops = heard("ops@example.com");
    assertEquals(1, ops.size(), ops.toString());
    assertEquals(
        "office.example.com changed from no address to 203.0.113.2 at 2026-03-01T10:00:00Z,"
            + " asked by ddclient/3.11.2 (user bob).",
        ops.get(0));
  }

  @Test
  void nochg_publishesNothing() {
    Dyndns53 dyndns53 = service(List.of(new SnsNotifier(sns, topicArn)));
    dyndns53.envelope().handle(update("bob", "office.example.com", "203.0.113.2"));
    heard("ops@example.com");

    dyndns53.envelope().handle(update("bob", "office.example.com", "203.0.113.2"));

    assertEquals(List.of(), heard("ops@example.com"));
  }

  @Test
  void webhook_getsTheDocumentedBody() {
    Dyndns53 dyndns53 = service(List.of(WebhookNotifier.of(config)));
    dyndns53.envelope().handle(update("alice", "home.example.com", "203.0.113.1"));
    clock.advance(Duration.ofMinutes(3));

    dyndns53.envelope().handle(update("alice", "home.example.com", "203.0.113.9"));

    assertEquals(2, webhookBodies.size(), webhookBodies.toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> body = (Map<String, Object>) Json.parse(webhookBodies.get(1));
    assertEquals("home.example.com has a new address", body.get("title"));
    assertEquals("changed", body.get("event"));
    assertEquals("home.example.com", body.get("host"));
    assertEquals("alice", body.get("user"));
    assertEquals(List.of("203.0.113.1"), body.get("before"));
    assertEquals(List.of("203.0.113.9"), body.get("after"));
    assertEquals("2026-03-01T10:03:00Z", body.get("at"));
    assertEquals("ddclient/3.11.2", body.get("client"));
    assertTrue(String.valueOf(body.get("message")).contains("to 203.0.113.9"), body.toString());
  }

  @Test
  void healthCheck_announcesASilentHostOnce_andReportsAMissingTable() {
    var dynamoDb = MotoActivity.dynamoDb(moto, null);
    String table = MotoActivity.createHistoryTable(dynamoDb, "History-" + System.nanoTime());
    var history =
        new dev.dyndns53.history.DynamoDbHistoryStore(dynamoDb, table, Duration.ofDays(400));
    ActivityRecorder recorder =
        new ActivityRecorder(
                config.activity(),
                history,
                List.of(new SnsNotifier(sns, topicArn)),
                new AskedTracker(),
                ROOMY,
                clock,
                System::nanoTime,
                log::add,
                "Test")
            .withHosts(config);
    recorder.afterUpdate(
        new dev.dyndns53.history.HostActivity.UpdateActivity(
            System.nanoTime(),
            "r1",
            "bob",
            java.util.Optional.of("inadyn/2.12"),
            java.util.Optional.empty(),
            List.of(
                new dev.dyndns53.history.HostActivity.HostResult(
                    "office.example.com", false, List.of(), List.of()))));

    clock.advance(Duration.ofDays(2));
    assertEquals(List.of(), recorder.check(clock.instant().plusSeconds(30)));
    assertEquals(List.of(), heard("ops@example.com"), "two days is not silent yet");
    clock.advance(Duration.ofDays(1).plusHours(2));
    assertEquals(List.of(), recorder.check(clock.instant().plusSeconds(30)));
    List<String> ops = heard("ops@example.com");
    // The check runs every 4 hours: the next run must not announce the host again.
    clock.advance(dev.dyndns53.health.HealthCheck.RUN_INTERVAL);
    recorder.check(clock.instant().plusSeconds(30));

    assertEquals(
        List.of(
            "No update for office.example.com since 2026-03-01T10:00:00Z. Its router or updater"
                + " may be off, offline, or using a wrong password."),
        ops);
    assertEquals(List.of(), heard("ops@example.com"), "announced once");
    assertEquals(List.of(), heard("alice@example.com"), "alice has no part in office");

    var missing =
        new ActivityRecorder(
                config.activity(),
                new dev.dyndns53.history.DynamoDbHistoryStore(dynamoDb, "gone", Duration.ofDays(1)),
                List.of(),
                new AskedTracker(),
                ROOMY,
                clock,
                System::nanoTime,
                log::add,
                "Test")
            .withHosts(config)
            .check(clock.instant().plusSeconds(30));
    assertEquals(1, missing.size(), missing.toString());
    assertEquals("history table", missing.get(0).subject());
    assertEquals("ResourceNotFoundException", missing.get(0).code());
  }

  @Test
  void outages_answerExactlyAsWithoutNotifications_andAreLogged() {
    webhookStatus = 503;
    String missingTopic = topicArn.replace("Notifications", "Gone");
    Dyndns53 dyndns53 =
        service(List.of(new SnsNotifier(sns, missingTopic), WebhookNotifier.of(config)));

    HttpAnswer answer =
        dyndns53.envelope().handle(update("alice", "home.example.com", "203.0.113.1"));

    assertEquals(200, answer.status());
    assertEquals("good 203.0.113.1", answer.body().strip());
    String warning =
        log.stream().filter(l -> l.contains("sideCallsFailed")).findFirst().orElseThrow();
    assertTrue(warning.contains("SnsNotifier") && warning.contains("NotFound"), warning);
    assertTrue(warning.contains("WebhookNotifier") && warning.contains("HTTP503"), warning);
    assertTrue(!warning.contains("/hook"), "the webhook URL stays out of the log: " + warning);
    assertTrue(warning.contains("\"SideCallFailures\":2"), warning);
  }
}
