package dev.dyndns53.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.dyndns53.Dyndns53;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.credentials.SecretsManagerCredentialStore;
import dev.dyndns53.json.Json;
import dev.dyndns53.records.Route53RecordStore;
import dev.dyndns53.testing.EmbeddedMetricFormat;
import dev.dyndns53.testing.MotoServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The health check through the real handler, on the real SDK clients against moto: the schedule's
 * exact payload in, the report and the log line out.
 */
class HealthCheckHandlerIT {
  @RegisterExtension static final MotoServer moto = new MotoServer();

  private static final String PREFIX = "dyndns53/Test/";
  private static final String ALICE_PASSWORD = "Xq7fTz2LmN9pRs4VwY6bCd8eGh3jKk5M";
  private static final String BOB_PASSWORD = "bob-password-0123456789abcdefghij";

  /** A well-formed id of a zone that does not exist. */
  private static final String MISSING_ZONE = "Z0000000000000000GONE";

  private final List<String> log = new ArrayList<>();
  private String zoneA;
  private String zoneB;
  private Route53RecordStore route53;

  @BeforeEach
  void deploy() {
    zoneA = moto.createHostedZone("example.com");
    zoneB = moto.createHostedZone("example.org");
    moto.createSecret(PREFIX + "alice", "alice", ALICE_PASSWORD);
    moto.upsertRecordSet(zoneA, "home.example.com.", "A", 60, "203.0.113.7");
    route53 = new Route53RecordStore(moto.route53());
  }

  private UpdateHandler handler(String config) {
    Dyndns53 app =
        Dyndns53.of(
            ConfigParser.parse("it.json", config),
            new SecretsManagerCredentialStore(moto.secretsManager(), PREFIX),
            route53,
            Clock.systemUTC(),
            log::add,
            "HealthIt");
    return new UpdateHandler(app, Map.of());
  }

  private static APIGatewayProxyRequestEvent scheduleEvent() {
    // The schedule's payload, read the way the Lambda runtime reads it into the handler's type.
    return EventLoader.loadApiGatewayRestEvent("events/health_check.json");
  }

  private static List<String> codes(String logLine) {
    List<String> codes = new ArrayList<>();
    for (Object problem : (List<?>) ((Map<?, ?>) Json.parse(logLine)).get("problems")) {
      codes.add(((Map<?, ?>) problem).get("subject") + " " + ((Map<?, ?>) problem).get("code"));
    }
    return codes;
  }

  @Test
  void healthyConfiguration_answers200AndCountsZeroProblems() {
    moto.createSecret(PREFIX + "bob", "bob", BOB_PASSWORD);
    UpdateHandler handler =
        handler(
            """
        {"hosts": {
           "home.example.com": {"zoneId": "%1$s"},
           "new.example.com":  {"zoneId": "%1$s"},
           "nas.example.org":  {"zoneId": "%2$s"}},
         "users": {
           "alice": {"hosts": ["home.example.com", "nas.example.org"]},
           "bob":   {"hosts": ["new.example.com"]}}}
        """
                .formatted(zoneA, zoneB));

    APIGatewayProxyResponseEvent response = handler.handleRequest(scheduleEvent(), null);

    assertEquals(200, response.getStatusCode(), response.getBody());
    assertTrue(
        response
            .getBody()
            .startsWith("dyndns53 health check: no problems (2 users, 3 hosts in 2 zones)"),
        response.getBody());
    assertEquals(1, log.size());
    EmbeddedMetricFormat.Parsed metrics = EmbeddedMetricFormat.check(log.get(0));
    assertEquals("HealthIt", metrics.dimensions().get("Stack"));
    assertEquals(1, metrics.value("HealthChecks"));
    assertEquals(0, metrics.value("HealthCheckProblems"));
    assertEquals(
        2L,
        ((Number) ((Map<?, ?>) Json.parse(log.get(0))).get("recordReads")).longValue(),
        "one listing per zone");
  }

  @Test
  void missingSecret_missingZone_andForeignRecordSet_areEachReported() {
    moto.changeRecordSet(
        zoneB,
        ChangeAction.CREATE,
        ResourceRecordSet.builder()
            .name("nas.example.org.")
            .type("AAAA")
            .ttl(60L)
            .setIdentifier("primary")
            .weight(10L)
            .resourceRecords(ResourceRecord.builder().value("2001:db8::7").build())
            .build());
    UpdateHandler handler =
        handler(
            """
        {"hosts": {
           "home.example.com": {"zoneId": "%1$s"},
           "nas.example.org":  {"zoneId": "%2$s"},
           "gone.example.net": {"zoneId": "%3$s"},
           "old.example.net":  {"zoneId": "%3$s"}},
         "users": {
           "alice": {"hosts": ["home.example.com", "nas.example.org"]},
           "bob":   {"hosts": ["gone.example.net", "old.example.net"]}}}
        """
                .formatted(zoneA, zoneB, MISSING_ZONE));

    APIGatewayProxyResponseEvent response = handler.handleRequest(scheduleEvent(), null);

    assertEquals(500, response.getStatusCode());
    assertEquals(
        List.of(
            "user bob ResourceNotFoundException",
            "host nas.example.org ForeignRecordSet",
            "zone " + MISSING_ZONE + " NoSuchHostedZone"),
        codes(log.get(0)));
    assertEquals(3, EmbeddedMetricFormat.check(log.get(0)).value("HealthCheckProblems"));
    assertTrue(
        response.getBody().startsWith("dyndns53 health check: 3 problems"), response.getBody());
    assertTrue(
        response.getBody().contains("gone.example.net, old.example.net answer dnserr"),
        response.getBody());
    assertTrue(response.getBody().contains(PREFIX + "bob"), "names the missing secret");
    assertEquals(
        3L,
        ((Number) ((Map<?, ?>) Json.parse(log.get(0))).get("recordReads")).longValue(),
        "the missing zone is read once, not once per host");
  }

  @Test
  void healthCheck_neverLogsOrAnswersAPassword_andWritesNothing() {
    moto.createSecret(PREFIX + "bob", "bob", BOB_PASSWORD);
    UpdateHandler handler =
        handler(
            """
        {"hosts": {"home.example.com": {"zoneId": "%1$s"}},
         "users": {"alice": {"hosts": ["home.example.com"]}, "bob": {"hosts": ["home.example.com"]}}}
        """
                .formatted(zoneA));

    APIGatewayProxyResponseEvent response = handler.handleRequest(scheduleEvent(), null);

    for (String text : List.of(log.get(0), response.getBody())) {
      assertFalse(text.contains(ALICE_PASSWORD) || text.contains(BOB_PASSWORD), text);
    }
    assertEquals(1, moto.recordSets(zoneA, "home.example.com").size());
    assertEquals(
        List.of("203.0.113.7"),
        moto.recordSets(zoneA, "home.example.com").get(0).resourceRecords().stream()
            .map(ResourceRecord::value)
            .toList());
  }

  @Test
  void apiGatewayRequest_withAResourcePath_isAnUpdateNotAHealthCheck() {
    UpdateHandler handler =
        handler(
            """
        {"hosts": {"home.example.com": {"zoneId": "%1$s"}},
         "users": {"alice": {"hosts": ["home.example.com"]}}}
        """
                .formatted(zoneA));

    APIGatewayProxyResponseEvent response =
        handler.handleRequest(
            ProxyEventBuilder.get().param("hostname", "home.example.com").build(), null);

    assertEquals("badauth\n", response.getBody());
    assertFalse(log.get(0).contains("health-check"), log.get(0));
  }
}
