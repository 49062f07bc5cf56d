package dev.dyndns53.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.Dyndns53;
import dev.dyndns53.config.ChangePartitions;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.credentials.SecretsManagerCredentialStore;
import dev.dyndns53.records.RecordChange;
import dev.dyndns53.records.Route53RecordStore;
import dev.dyndns53.testing.MotoServer;
import dev.dyndns53.testing.StatementPerPartitionRecordStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The handler end to end on the real SDK clients against moto: Secrets Manager holds the passwords
 * as the stack creates them, Route 53 holds the records, and every test checks what moto holds
 * afterwards.
 */
class UpdateHandlerIT {
  @RegisterExtension static final MotoServer moto = new MotoServer();

  private static final String PREFIX = "dyndns53/Test/";
  private static final String ALICE_PASSWORD = "Xq7fTz2LmN9pRs4VwY6bCd8eGh3jKk5M";

  private final List<String> log = new ArrayList<>();
  private String zoneA;
  private String zoneB;
  private Route53RecordStore route53;
  private StatementPerPartitionRecordStore permitted;
  private UpdateHandler handler;

  @BeforeEach
  void deploy() {
    zoneA = moto.createHostedZone("example.com");
    zoneB = moto.createHostedZone("example.org");
    moto.createSecret(PREFIX + "alice", "alice", ALICE_PASSWORD);
    moto.createSecret(PREFIX + "bob", "bob", "bob-password-0123456789abcdefghij");
    String config =
        """
        {"hosts": {
           "home.example.com":   {"zoneId": "%1$s"},
           "office.example.com": {"zoneId": "%1$s", "ttl": 300},
           "v4.example.com":     {"zoneId": "%1$s", "recordTypes": ["A"]},
           "v6.example.org":     {"zoneId": "%2$s", "recordTypes": ["AAAA"]}},
         "users": {
           "alice": {"hosts": ["home.example.com", "office.example.com", "v4.example.com", "v6.example.org"]},
           "bob":   {"hosts": ["office.example.com"]}}}
        """
            .formatted(zoneA, zoneB);
    route53 = new Route53RecordStore(moto.route53());
    Dyndns53Config parsed = ConfigParser.parse("it.json", config);
    permitted =
        new StatementPerPartitionRecordStore(
            route53, ChangePartitions.of(parsed.hosts().values()).all());
    handler =
        new UpdateHandler(
            Dyndns53.of(
                    parsed,
                    new SecretsManagerCredentialStore(moto.secretsManager(), PREFIX),
                    permitted,
                    Clock.systemUTC(),
                    log::add)
                .envelope());
  }

  private APIGatewayProxyResponseEvent send(ProxyEventBuilder request) {
    return handler.handleRequest(request.build(), null);
  }

  private ProxyEventBuilder alice() {
    return ProxyEventBuilder.get().basicAuth("alice", ALICE_PASSWORD);
  }

  /** What moto holds for a name: type → "ttl value[,value]". */
  private Map<String, String> records(String zoneId, String name) {
    Map<String, String> out = new TreeMap<>();
    for (ResourceRecordSet set : moto.recordSets(zoneId, name)) {
      out.put(
          set.typeAsString(),
          set.ttl()
              + " "
              + String.join(
                  ",", set.resourceRecords().stream().map(ResourceRecord::value).toList()));
    }
    return out;
  }

  @Test
  void configuredUserWithoutASecret_isAnsweredAsAnUnknownName_whileTheOthersStillUpdate() {
    moto.secretsManager()
        .deleteSecret(r -> r.secretId(PREFIX + "bob").forceDeleteWithoutRecovery(true));

    APIGatewayProxyResponseEvent bob =
        send(
            ProxyEventBuilder.get()
                .basicAuth("bob", "bob-password-0123456789abcdefghij")
                .param("hostname", "office.example.com"));
    String bobLog = log.get(log.size() - 1);
    APIGatewayProxyResponseEvent mallory =
        send(
            ProxyEventBuilder.get()
                .basicAuth("mallory", "bob-password-0123456789abcdefghij")
                .param("hostname", "office.example.com"));
    APIGatewayProxyResponseEvent alice =
        send(alice().param("hostname", "home.example.com").param("myip", "203.0.113.7"));

    assertEquals(401, bob.getStatusCode());
    assertEquals("badauth\n", bob.getBody());
    assertEquals(mallory.getStatusCode(), bob.getStatusCode());
    assertEquals(mallory.getBody(), bob.getBody());
    assertEquals(mallory.getHeaders(), bob.getHeaders());
    assertTrue(bobLog.contains("\"secretProblem\":\"ResourceNotFoundException\""), bobLog);
    assertEquals("good 203.0.113.7\n", alice.getBody());
  }

  @Test
  void good_writesTheARecord() {
    APIGatewayProxyResponseEvent response =
        send(alice().param("hostname", "home.example.com").param("myip", "203.0.113.7"));

    assertEquals(200, response.getStatusCode());
    assertEquals("good 203.0.113.7\n", response.getBody());
    assertEquals(Map.of("A", "60 203.0.113.7"), records(zoneA, "home.example.com"));
  }

  @Test
  void nochg_whenMotoAlreadyHoldsTheAddress_writesNothing() {
    moto.upsertRecordSet(zoneA, "home.example.com.", "A", 60, "203.0.113.7");
    long before = route53.callCount();

    APIGatewayProxyResponseEvent response =
        send(alice().param("hostname", "home.example.com").param("myip", "203.0.113.7"));

    assertEquals("nochg 203.0.113.7\n", response.getBody());
    assertEquals(1, route53.callCount() - before, "one read, no write");
    assertEquals(Map.of("A", "60 203.0.113.7"), records(zoneA, "home.example.com"));
  }

  @Test
  void multiHost_inOneZone_isOneReadForTheZoneAndOneWrite() {
    APIGatewayProxyResponseEvent response =
        send(
            alice()
                .param("hostname", "home.example.com,office.example.com")
                .param("myip", "203.0.113.7"));

    assertEquals("good 203.0.113.7\ngood 203.0.113.7\n", response.getBody());
    assertEquals(2, route53.callCount());
    assertEquals(Map.of("A", "60 203.0.113.7"), records(zoneA, "home.example.com"));
    assertEquals(Map.of("A", "300 203.0.113.7"), records(zoneA, "office.example.com"));
  }

  @Test
  void multiHost_inOneZoneButTwoPartitions_writesOneBatchPerPartitionAndBothHosts() {
    // home may hold A and AAAA, v4 only A: two IAM statements, and the store in front of moto
    // refuses any batch that one statement alone does not allow, as IAM does.
    APIGatewayProxyResponseEvent response =
        send(
            alice()
                .param("hostname", "home.example.com,v4.example.com")
                .param("myip", "203.0.113.7"));

    assertEquals("good 203.0.113.7\ngood 203.0.113.7\n", response.getBody());
    assertEquals(Map.of("A", "60 203.0.113.7"), records(zoneA, "home.example.com"));
    assertEquals(Map.of("A", "60 203.0.113.7"), records(zoneA, "v4.example.com"));
    assertEquals(
        List.of(List.of("home.example.com"), List.of("v4.example.com")),
        permitted.allowedBatches.stream()
            .map(batch -> batch.stream().map(RecordChange::name).toList())
            .toList());
  }

  @Test
  void dualStack_writesAAndAaaa() {
    APIGatewayProxyResponseEvent response =
        send(
            alice().param("hostname", "home.example.com").param("myip", "2001:db8::7,203.0.113.7"));

    assertEquals("good 203.0.113.7,2001:db8::7\n", response.getBody());
    assertEquals(
        Map.of("A", "60 203.0.113.7", "AAAA", "60 2001:db8::7"),
        records(zoneA, "home.example.com"));
  }

  @Test
  void offline_removesTheAddressRecordsAndLeavesOthers() {
    moto.upsertRecordSet(zoneA, "home.example.com.", "A", 60, "203.0.113.7");
    moto.upsertRecordSet(zoneA, "home.example.com.", "AAAA", 60, "2001:db8::7");
    moto.upsertRecordSet(zoneA, "home.example.com.", "TXT", 300, "\"keep me\"");

    APIGatewayProxyResponseEvent response =
        send(alice().param("hostname", "home.example.com").param("offline", "YES"));

    assertEquals("good\n", response.getBody());
    assertEquals(Map.of("TXT", "300 \"keep me\""), records(zoneA, "home.example.com"));
  }

  @Test
  void nohost_forAnotherUsersHost_writesNothing() {
    APIGatewayProxyResponseEvent response =
        send(
            ProxyEventBuilder.get()
                .basicAuth("bob", "bob-password-0123456789abcdefghij")
                .param("hostname", "home.example.com")
                .param("myip", "203.0.113.7"));

    assertEquals(200, response.getStatusCode());
    assertEquals("nohost\n", response.getBody());
    assertEquals(Map.of(), records(zoneA, "home.example.com"));
  }

  @ParameterizedTest(name = "{0}:{1}")
  @CsvSource({"alice, wrong", "alice, ''", "nobody, " + ALICE_PASSWORD, "bob, " + ALICE_PASSWORD})
  void badauth_variants_writeNothing(String user, String password) {
    APIGatewayProxyResponseEvent response =
        send(
            ProxyEventBuilder.get()
                .basicAuth(user, password)
                .param("hostname", "home.example.com")
                .param("myip", "203.0.113.7"));

    assertEquals(401, response.getStatusCode());
    assertEquals("badauth\n", response.getBody());
    assertEquals(Map.of(), records(zoneA, "home.example.com"));
  }

  @Test
  void badauth_withoutCredentials_writesNothing() {
    APIGatewayProxyResponseEvent response =
        send(
            ProxyEventBuilder.get()
                .param("hostname", "home.example.com")
                .param("myip", "203.0.113.7"));

    assertEquals(401, response.getStatusCode());
    assertEquals(Map.of(), records(zoneA, "home.example.com"));
  }

  @Test
  void ttlChange_isWrittenEvenWhenTheAddressIsTheSame() {
    moto.upsertRecordSet(zoneA, "office.example.com.", "A", 60, "203.0.113.7");

    APIGatewayProxyResponseEvent response =
        send(alice().param("hostname", "office.example.com").param("myip", "203.0.113.7"));

    assertEquals("good 203.0.113.7\n", response.getBody());
    assertEquals(Map.of("A", "300 203.0.113.7"), records(zoneA, "office.example.com"));
  }

  @Test
  void recordTypeNotAllowed_isRefusedAndNothingWritten() {
    APIGatewayProxyResponseEvent response =
        send(alice().param("hostname", "v6.example.org").param("myip", "203.0.113.7"));

    assertEquals("badagent\n", response.getBody());
    assertEquals(Map.of(), records(zoneB, "v6.example.org"));
  }

  @Test
  void recordsOfOtherShapes_areLeftAlone() {
    moto.upsertRecordSet(zoneA, "home.example.com.", "A", 60, "192.0.2.1", "192.0.2.2");

    APIGatewayProxyResponseEvent response =
        send(alice().param("hostname", "home.example.com").param("myip", "203.0.113.7"));

    assertEquals("conflict A\n", response.getBody());
    assertEquals(Map.of("A", "60 192.0.2.1,192.0.2.2"), records(zoneA, "home.example.com"));
  }

  @Test
  void hostsInTwoZones_areEachWritten() {
    APIGatewayProxyResponseEvent response =
        send(
            alice()
                .param("hostname", "home.example.com,v6.example.org")
                .param("myip", "2001:db8::9"));

    assertEquals("good 2001:db8::9\ngood 2001:db8::9\n", response.getBody());
    assertEquals(Map.of("AAAA", "60 2001:db8::9"), records(zoneB, "v6.example.org"));
  }

  @Test
  void log_neverContainsThePasswordReadFromSecretsManager() {
    send(alice().param("hostname", "home.example.com").param("myip", "203.0.113.7"));

    for (String line : log) {
      assertTrue(!line.contains(ALICE_PASSWORD), line);
    }
  }
}
