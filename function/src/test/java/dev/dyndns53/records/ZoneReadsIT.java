package dev.dyndns53.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dyndns53.Dyndns53;
import dev.dyndns53.aws.AwsClients;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.fakes.InMemoryCredentialStore;
import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.http.HttpRequest;
import dev.dyndns53.json.Json;
import dev.dyndns53.testing.CountingHttpClient;
import dev.dyndns53.testing.MotoServer;
import dev.dyndns53.testing.TestBudgets;
import dev.dyndns53.testing.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * How many Route 53 calls a request naming many hosts of one zone makes, counted at the wire (an
 * HTTP client that logs what it sends), through the whole update service over moto. Route 53 allows
 * five calls per second per account, so 20 hosts must not mean 20 reads.
 */
class ZoneReadsIT {
  @RegisterExtension static final MotoServer moto = new MotoServer();

  private static final String PASSWORD = "Xq7fTz2LmN9pRs4VwY6bCd8eGh3jKk5M";
  private static final List<String> HOSTS =
      IntStream.rangeClosed(1, 20).mapToObj(i -> "host-%02d.example.com".formatted(i)).toList();

  private final CountingHttpClient wire = new CountingHttpClient();
  private final List<String> log = new ArrayList<>();
  private Route53Client route53;
  private String zoneId;
  private Dyndns53 app;

  @BeforeEach
  void deploy() {
    zoneId = moto.createHostedZone("example.com");
    String hosts =
        HOSTS.stream()
            .map(h -> Json.quote(h) + ": {\"zoneId\": " + Json.quote(zoneId) + "}")
            .collect(Collectors.joining(", "));
    String users = HOSTS.stream().map(Json::quote).collect(Collectors.joining(", "));
    String config =
        "{\"hosts\": {" + hosts + "}, \"users\": {\"alice\": {\"hosts\": [" + users + "]}}}";
    route53 =
        AwsClients.configure(Route53Client.builder(), TestBudgets.FAST_RETRIES)
            .httpClientBuilder(null)
            .httpClient(wire)
            .region(Region.AWS_GLOBAL)
            .credentialsProvider(TestCredentials.provider())
            .endpointOverride(moto.endpoint())
            .build();
    InMemoryCredentialStore credentials = new InMemoryCredentialStore();
    credentials.passwords.put("alice", PASSWORD);
    app =
        Dyndns53.of(
            ConfigParser.parse("it.json", config),
            credentials,
            new Route53RecordStore(route53),
            Clock.systemUTC(),
            log::add);
  }

  @AfterEach
  void closeClient() {
    route53.close();
  }

  @Test
  void twentyHostsOfOneZone_cold_oneListingAndOneChange() {
    HttpAnswer answer = update(HOSTS, "203.0.113.7");

    assertEquals("good 203.0.113.7\n".repeat(20), answer.body());
    assertEquals(1, wire.listCalls(), wire.sent().toString());
    assertEquals(1, wire.changeCalls(), wire.sent().toString());
    assertEquals(2L, loggedRoute53Calls());
    for (String host : HOSTS) {
      assertEquals(
          "203.0.113.7", moto.recordSets(zoneId, host).get(0).resourceRecords().get(0).value());
    }
  }

  @Test
  void twentyHostsOfOneZone_warmRepeat_answersNochgFromOneListingAndWritesNothing() {
    update(HOSTS, "203.0.113.7");
    wire.clear();

    HttpAnswer answer = update(HOSTS, "203.0.113.7");

    assertEquals("nochg 203.0.113.7\n".repeat(20), answer.body());
    assertEquals(1, wire.listCalls(), wire.sent().toString());
    assertEquals(0, wire.changeCalls(), wire.sent().toString());
    assertEquals(1L, loggedRoute53Calls());
  }

  @Test
  void twentyHostsOfOneZone_warmChange_writesOnceWithoutReading() {
    update(HOSTS, "203.0.113.7");
    wire.clear();

    HttpAnswer answer = update(HOSTS, "203.0.113.8");

    assertEquals("good 203.0.113.8\n".repeat(20), answer.body());
    assertEquals(0, wire.listCalls(), wire.sent().toString());
    assertEquals(1, wire.changeCalls(), wire.sent().toString());
  }

  @Test
  void twentyHostsAmongMoreRecordSetsThanOnePageHolds_atMostTwoListingsAndOneChange() {
    // Ten hosts sort before 400 other names (reversed labels: com.example.host-01 <
    // com.example.m…),
    // ten after: the first listing of 300 ends among the others.
    List<String> early = HOSTS.subList(0, 10);
    List<String> late =
        HOSTS.subList(10, 20).stream().map(h -> h.replace("host-", "zz-host-")).toList();
    List<Change> others = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      others.add(
          Change.builder()
              .action(ChangeAction.UPSERT)
              .resourceRecordSet(
                  ResourceRecordSet.builder()
                      .name("m%03d.example.com".formatted(i))
                      .type("TXT")
                      .ttl(300L)
                      .resourceRecords(r -> r.value("\"filler\""))
                      .build())
              .build());
    }
    moto.route53()
        .changeResourceRecordSets(r -> r.hostedZoneId(zoneId).changeBatch(b -> b.changes(others)));
    Route53RecordStore store = new Route53RecordStore(route53);
    List<String> names = new ArrayList<>(early);
    names.addAll(late);
    moto.upsertRecordSet(zoneId, late.get(9), "A", 60, "192.0.2.9");
    moto.upsertRecordSet(zoneId, early.get(0), "AAAA", 60, "2001:db8::1");

    Map<String, Map<RecordType, RecordSet>> read = store.read(zoneId, names);

    // The first listing ends among the others; the second starts at the first late host.
    assertEquals(2, wire.listCalls(), wire.sent().toString());
    assertEquals(20, read.size());
    assertEquals(
        Map.of(RecordType.A, RecordSet.single(RecordType.A, 60, "192.0.2.9")),
        read.get(late.get(9)));
    assertEquals(
        Map.of(RecordType.AAAA, RecordSet.single(RecordType.AAAA, 60, "2001:db8::1")),
        read.get(early.get(0)));
    assertEquals(18, read.values().stream().filter(Map::isEmpty).count());
  }

  private HttpAnswer update(List<String> hosts, String myip) {
    String authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    return app.envelope()
        .handle(
            HttpRequest.update(
                "GET",
                Map.of("Authorization", authorization, "User-Agent", "test/1.0"),
                Map.of("hostname", List.of(String.join(",", hosts)), "myip", List.of(myip)),
                "198.51.100.1",
                "req-" + log.size()));
  }

  private long loggedRoute53Calls() {
    @SuppressWarnings("unchecked")
    Map<String, Object> entry = (Map<String, Object>) Json.parse(log.get(log.size() - 1));
    return ((Number) entry.get("route53Calls")).longValue();
  }
}
