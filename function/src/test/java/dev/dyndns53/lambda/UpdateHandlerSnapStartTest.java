package dev.dyndns53.lambda;

import static dev.dyndns53.testing.AwsWireStandIn.Operation.ROUTE53_CHANGE_RESOURCE_RECORD_SETS;
import static dev.dyndns53.testing.AwsWireStandIn.Operation.ROUTE53_LIST_RESOURCE_RECORD_SETS;
import static dev.dyndns53.testing.AwsWireStandIn.Operation.SECRETS_MANAGER_BATCH_GET_SECRET_VALUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dyndns53.Dyndns53;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.credentials.SecretsManagerCredentialStore;
import dev.dyndns53.json.Json;
import dev.dyndns53.records.Route53RecordStore;
import dev.dyndns53.testing.AwsWireStandIn;
import dev.dyndns53.testing.AwsWireStandIn.Reply;
import dev.dyndns53.testing.Route53WireXml;
import dev.dyndns53.testing.TestBudgets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SnapStart hooks: priming runs the request path without touching the network or the function's
 * own state, and a restore forgets what was cached before the snapshot. The function's clients
 * point at a stand-in that records every request, and so does the standard endpoint setting, so any
 * request priming sent over the network would be seen there.
 */
class UpdateHandlerSnapStartTest {
  @RegisterExtension static final AwsWireStandIn aws = new AwsWireStandIn();

  private static final String PASSWORD = "Xq7fTz2LmN9pRs4VwY6bCd8eGh3jKk5M";
  private static final Map<String, String> ENVIRONMENT = Map.of("AWS_REGION", "eu-west-1");

  private final List<String> log = new ArrayList<>();
  private Route53RecordStore records;
  private UpdateHandler handler;
  private String previousEndpoint;

  @BeforeEach
  void deploy() {
    // The SDK's standard endpoint setting, which the priming clients honour like the function's.
    previousEndpoint = System.setProperty("aws.endpointUrl", aws.endpoint().toString());
    records = new Route53RecordStore(aws.route53(TestBudgets.FAST_RETRIES));
    handler =
        new UpdateHandler(
            Dyndns53.of(
                ConfigParser.parse(
                    "snapstart.json",
                    """
            {"hosts": {"home.example.com": {"zoneId": "Z1EXAMPLE"}},
             "users": {"alice": {"hosts": ["home.example.com"]}}}
            """),
                new SecretsManagerCredentialStore(
                    aws.secretsManager(TestBudgets.FAST_RETRIES), "dyndns53/Test/"),
                records,
                Clock.systemUTC(),
                log::add),
            ENVIRONMENT);
  }

  @AfterEach
  void restoreEndpointSetting() {
    if (previousEndpoint == null) {
      System.clearProperty("aws.endpointUrl");
    } else {
      System.setProperty("aws.endpointUrl", previousEndpoint);
    }
  }

  private static Reply secret() {
    String secretString = "{\"username\":\"alice\",\"password\":" + Json.quote(PASSWORD) + "}";
    return Reply.json(
        200,
        "{\"Errors\":[],\"SecretValues\":[{\"Name\":\"dyndns53/Test/alice\",\"SecretString\":"
            + Json.quote(secretString)
            + ",\"VersionStages\":[\"AWSCURRENT\"]}]}");
  }

  private String update(String address) {
    return handler
        .handleRequest(
            ProxyEventBuilder.get()
                .basicAuth("alice", PASSWORD)
                .param("hostname", "home.example.com")
                .param("myip", address)
                .build(),
            null)
        .getBody();
  }

  @Test
  void beforeCheckpoint_makesNoNetworkCallAndLeavesNoTrace() {
    handler.beforeCheckpoint(null);
    handler.afterRestore(null);

    assertEquals(List.of(), aws.requests(), "requests that reached the network");
    assertEquals(0, records.callCount(), "Route 53 calls counted by the function's record store");
    assertEquals(List.of(), log, "request log lines");
  }

  @Test
  void firstRequestAfterPrimingAndRestore_readsPasswordAndRecordsAfresh() {
    handler.beforeCheckpoint(null);
    handler.afterRestore(null);
    aws.enqueue(SECRETS_MANAGER_BATCH_GET_SECRET_VALUE, secret());
    aws.enqueue(ROUTE53_LIST_RESOURCE_RECORD_SETS, Reply.xml(200, Route53WireXml.listResponse()));
    aws.enqueue(
        ROUTE53_CHANGE_RESOURCE_RECORD_SETS,
        Reply.wire("route53-ChangeResourceRecordSets.response.xml"));

    assertEquals("good 203.0.113.7\n", update("203.0.113.7"));
    assertEquals(1, aws.requests(SECRETS_MANAGER_BATCH_GET_SECRET_VALUE).size());
    assertEquals(1, aws.requests(ROUTE53_LIST_RESOURCE_RECORD_SETS).size());
    assertEquals(1, aws.requests(ROUTE53_CHANGE_RESOURCE_RECORD_SETS).size());
  }

  @Test
  void afterRestore_forgetsPasswordsAndRecordsCachedBeforeTheSnapshot() {
    Reply holdsTheAddress =
        Reply.xml(
            200,
            Route53WireXml.listResponse(
                Route53WireXml.recordSet("home.example.com.", "A", 60, "203.0.113.7")));
    aws.enqueue(SECRETS_MANAGER_BATCH_GET_SECRET_VALUE, secret(), secret());
    aws.enqueue(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.xml(200, Route53WireXml.listResponse()),
        holdsTheAddress,
        holdsTheAddress);
    aws.enqueue(
        ROUTE53_CHANGE_RESOURCE_RECORD_SETS,
        Reply.wire("route53-ChangeResourceRecordSets.response.xml"));
    assertEquals("good 203.0.113.7\n", update("203.0.113.7"));
    assertEquals("nochg 203.0.113.7\n", update("203.0.113.7"));
    assertEquals(1, aws.requests(SECRETS_MANAGER_BATCH_GET_SECRET_VALUE).size(), "password cached");

    handler.beforeCheckpoint(null);
    handler.afterRestore(null);

    assertEquals("nochg 203.0.113.7\n", update("203.0.113.7"));
    assertEquals(
        2, aws.requests(SECRETS_MANAGER_BATCH_GET_SECRET_VALUE).size(), "password read again");
    assertEquals(3, aws.requests(ROUTE53_LIST_RESOURCE_RECORD_SETS).size(), "nochg always reads");
    assertEquals(1, aws.requests(ROUTE53_CHANGE_RESOURCE_RECORD_SETS).size());
  }

  @Test
  void priming_answersEveryEndpointFromMemory() {
    RequestPathPriming.Report report = RequestPathPriming.run(ENVIRONMENT, 2);

    // Per round: the cold update of two hosts reads the secret and both hosts' records in one
    // listing and writes one; the dual-stack update writes without reading; the last update reads
    // and writes. The ACME present reads the TXT set and writes it, the cleanup reads it (the
    // canned listing never shows the value), checkip calls nothing, the status page lists the
    // zone once and answers its JSON twin from its cache: 6 + 3 + 1 AWS requests a round.
    assertEquals(new RequestPathPriming.Report(6, 4, 2, 4, 20), report);
    assertEquals(List.of(), aws.requests());
  }

  @Test
  void cannedClient_refusesCallsOutsideTheUpdatePath() {
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () ->
                new CannedAwsHttpClient()
                    .prepareRequest(
                        software.amazon.awssdk.http.HttpExecuteRequest.builder()
                            .request(
                                software.amazon.awssdk.http.SdkHttpRequest.builder()
                                    .method(software.amazon.awssdk.http.SdkHttpMethod.GET)
                                    .uri(
                                        java.net.URI.create(
                                            "https://route53.amazonaws.com/2013-04-01/hostedzone"))
                                    .build())
                            .build()));
    assertEquals(
        true, refused.getMessage().contains("GET /2013-04-01/hostedzone"), refused.getMessage());
  }
}
