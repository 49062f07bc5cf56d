package dev.dyndns53.aws;

import static dev.dyndns53.testing.AwsWireStandIn.Operation.ROUTE53_LIST_RESOURCE_RECORD_SETS;
import static dev.dyndns53.testing.AwsWireStandIn.Operation.SECRETS_MANAGER_BATCH_GET_SECRET_VALUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.dyndns53.credentials.SecretsManagerCredentialStore;
import dev.dyndns53.records.Route53RecordStore;
import dev.dyndns53.testing.AwsWireStandIn;
import dev.dyndns53.testing.AwsWireStandIn.RecordedRequest;
import dev.dyndns53.testing.AwsWireStandIn.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.endpoints.AwsEndpointAttribute;
import software.amazon.awssdk.awscore.endpoints.authscheme.SigV4AuthScheme;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.route53.endpoints.Route53EndpointParams;
import software.amazon.awssdk.services.route53.endpoints.Route53EndpointProvider;

class AwsClientsTest {

  @RegisterExtension static final AwsWireStandIn standIn = new AwsWireStandIn();

  /** The Lambda function's timeout, set by the stack. */
  private static final Duration LAMBDA_TIMEOUT = Duration.ofSeconds(20);

  private static final List<String> SYSTEM_PROPERTIES =
      List.of(
          "aws.endpointUrlRoute53",
          "aws.endpointUrlSecretsManager",
          "aws.accessKeyId",
          "aws.secretAccessKey",
          "aws.containerCredentialsFullUri",
          "aws.containerAuthorizationToken");

  @AfterEach
  void clearSystemProperties() {
    SYSTEM_PROPERTIES.forEach(System::clearProperty);
  }

  @Test
  void lambdaBudget_letsOneRequestsThreeCallsFinishWellInsideTheLambdaTimeout() {
    AwsCallBudget budget = AwsCallBudget.LAMBDA;
    Duration threeCalls = budget.callTimeout().multipliedBy(3);

    assertTrue(threeCalls.compareTo(LAMBDA_TIMEOUT.minusSeconds(2)) <= 0, threeCalls.toString());
    assertTrue(budget.socketTimeout().compareTo(budget.attemptTimeout()) <= 0);
    assertTrue(budget.connectTimeout().compareTo(budget.attemptTimeout()) < 0);
    assertTrue(budget.throttlingBackoffMax().compareTo(budget.callTimeout()) < 0);
  }

  @Test
  void budget_withAnAttemptTimeoutLongerThanTheCall_isRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            AwsCallBudget.LAMBDA.toBuilder()
                .attemptTimeout(Duration.ofSeconds(6))
                .callTimeout(Duration.ofSeconds(5))
                .build());
  }

  @Test
  void budget_withASettingLeftOut_isRefusedNamingIt() {
    NullPointerException refused =
        assertThrows(
            NullPointerException.class,
            () ->
                AwsCallBudget.builder()
                    .connectTimeout(Duration.ofSeconds(1))
                    .socketTimeout(Duration.ofSeconds(1))
                    .attemptTimeout(Duration.ofSeconds(1))
                    .maxAttempts(3)
                    .backoff(Duration.ofMillis(1), Duration.ofMillis(10))
                    .throttlingBackoff(Duration.ofMillis(1), Duration.ofMillis(10))
                    .build());
    org.junit.jupiter.api.Assertions.assertEquals("callTimeout is not set", refused.getMessage());
  }

  @Test
  void backoff_drawsFullJitterUnderADoublingCeilingUpToTheCap() {
    BackoffStrategy backoff =
        AwsClients.exponentialFullJitter(Duration.ofMillis(100), Duration.ofSeconds(1));
    long[] ceilings = {100, 200, 400, 800, 1000, 1000};
    for (int attempt = 1; attempt <= ceilings.length; attempt++) {
      long longest = 0;
      for (int draw = 0; draw < 200; draw++) {
        long delay = backoff.computeDelay(attempt).toMillis();
        assertTrue(delay >= 0 && delay <= ceilings[attempt - 1], attempt + ": " + delay);
        longest = Math.max(longest, delay);
      }
      // 200 uniform draws all in the lowest half of the range: probability 2^-200.
      assertTrue(longest > ceilings[attempt - 1] / 2, attempt + ": longest " + longest);
    }
  }

  @Test
  void credentialsProvider_withTheKeyVariables_readsThem() {
    Map<String, String> lambdaWithoutSnapStart =
        Map.of(
            "AWS_ACCESS_KEY_ID", "ASIAEXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "example",
            "AWS_SESSION_TOKEN", "example",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9001/credentials");

    assertInstanceOf(
        EnvironmentVariableCredentialsProvider.class,
        AwsClients.credentialsProvider(lambdaWithoutSnapStart));
  }

  @Test
  void credentialsProvider_withOnlyTheContainerEndpoint_asOnSnapStart_usesIt() {
    Map<String, String> lambdaWithSnapStart =
        Map.of(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9001/credentials",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN", "example",
            "AWS_REGION", "eu-west-1");

    assertInstanceOf(
        ContainerCredentialsProvider.class, AwsClients.credentialsProvider(lambdaWithSnapStart));
  }

  @Test
  void credentialsProvider_withNeitherOrHalfTheKeys_usesTheDefaultChain() {
    assertInstanceOf(
        DefaultCredentialsProvider.class, AwsClients.credentialsProvider(Map.of("HOME", "/root")));
    assertInstanceOf(
        DefaultCredentialsProvider.class,
        AwsClients.credentialsProvider(Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")));
  }

  @Test
  void secretsManagerRegion_prefersAwsRegionOverAwsDefaultRegion() {
    assertEquals(
        Region.EU_WEST_1,
        AwsClients.secretsManagerRegion(
            Map.of("AWS_REGION", "eu-west-1", "AWS_DEFAULT_REGION", "us-west-2")));
    assertEquals(
        Region.US_WEST_2,
        AwsClients.secretsManagerRegion(Map.of("AWS_DEFAULT_REGION", "us-west-2")));
  }

  @Test
  void create_withoutARegion_failsNamingTheVariableToSet() {
    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class,
            () -> AwsClients.create(Map.of("AWS_REGION", " "), AwsCallBudget.LAMBDA));

    assertTrue(failure.getMessage().contains("AWS_REGION"), failure.getMessage());
  }

  @Test
  void create_givesRoute53TheGlobalRegionAndLeavesEndpointsToTheSdk() {
    try (AwsClients clients =
        AwsClients.create(Map.of("AWS_REGION", "eu-central-1"), AwsCallBudget.LAMBDA)) {
      assertEquals(Region.AWS_GLOBAL, clients.route53().serviceClientConfiguration().region());
      assertEquals(
          Region.EU_CENTRAL_1, clients.secretsManager().serviceClientConfiguration().region());
      assertEquals(
          Optional.empty(), clients.route53().serviceClientConfiguration().endpointOverride());
      assertEquals(
          Optional.empty(),
          clients.secretsManager().serviceClientConfiguration().endpointOverride());
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "eu-central-1, aws-global",
    "us-east-1, aws-global",
    "ap-southeast-7, aws-global",
    "cn-north-1, aws-cn-global",
    "cn-northwest-1, aws-cn-global",
    "us-gov-west-1, aws-us-gov-global",
    "us-gov-east-1, aws-us-gov-global",
    "us-iso-east-1, aws-iso-global",
    "us-isob-east-1, aws-iso-b-global",
    "us-isof-south-1, aws-iso-f-global",
    "eu-isoe-west-1, aws-iso-e-global"
  })
  void route53Region_isTheGlobalRegionOfTheFunctionsPartition(
      String functionRegion, String expected) {
    assertEquals(Region.of(expected), AwsClients.route53Region(Region.of(functionRegion)));
  }

  @ParameterizedTest(name = "{0}: https://{1}, signed for {2}")
  @CsvSource({
    "eu-west-1, route53.amazonaws.com, us-east-1",
    "cn-north-1, route53.amazonaws.com.cn, cn-northwest-1",
    "us-gov-west-1, route53.us-gov.amazonaws.com, us-gov-west-1"
  })
  void route53Client_resolvesThePartitionsEndpointAndSigningRegion(
      String functionRegion, String host, String signingRegion) throws Exception {
    Region region;
    try (AwsClients clients =
        AwsClients.create(Map.of("AWS_REGION", functionRegion), AwsCallBudget.LAMBDA)) {
      region = clients.route53().serviceClientConfiguration().region();
    }

    Endpoint endpoint =
        Route53EndpointProvider.defaultProvider()
            .resolveEndpoint(Route53EndpointParams.builder().region(region).build())
            .get();
    assertEquals("https://" + host, endpoint.url().toString());
    SigV4AuthScheme scheme =
        (SigV4AuthScheme) endpoint.attribute(AwsEndpointAttribute.AUTH_SCHEMES).get(0);
    assertEquals(signingRegion, scheme.signingRegion());
  }

  @Test
  void clients_followTheStandardEndpointUrlSettingsWithTheLambdaBudget() {
    // The system-property twins of AWS_ENDPOINT_URL_ROUTE_53 and AWS_ENDPOINT_URL_SECRETS_MANAGER,
    // which a test can set without touching the process environment.
    System.setProperty("aws.endpointUrlRoute53", standIn.endpoint().toString());
    System.setProperty("aws.endpointUrlSecretsManager", standIn.endpoint().toString());
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    standIn.enqueue(
        ROUTE53_LIST_RESOURCE_RECORD_SETS,
        Reply.wire("route53-ListResourceRecordSets.response.page2.xml"));
    standIn.enqueue(
        SECRETS_MANAGER_BATCH_GET_SECRET_VALUE,
        Reply.wire("secretsmanager-BatchGetSecretValue.response.json"));

    try (AwsClients clients =
        AwsClients.create(Map.of("AWS_REGION", "us-west-2"), AwsCallBudget.LAMBDA)) {
      new Route53RecordStore(clients.route53()).read("Z1EXAMPLE", "home.example.com");
      new SecretsManagerCredentialStore(clients.secretsManager(), "").passwords(Set.of("david"));
    }

    List<RecordedRequest> sent = standIn.requests();
    assertEquals(2, sent.size());
    String maxAttempts = "max=" + AwsCallBudget.LAMBDA.maxAttempts();
    assertTrue(sent.get(0).header("amz-sdk-request").endsWith(maxAttempts));
    assertTrue(sent.get(1).header("amz-sdk-request").endsWith(maxAttempts));
  }

  @Test
  void clients_onTheContainerEndpoint_fetchCredentialsOnFirstUseNotWhenBuilt() throws IOException {
    List<String> tokensSeen = new CopyOnWriteArrayList<>();
    HttpServer credentialsEndpoint = containerCredentialsEndpoint(tokensSeen);
    try {
      String fullUri =
          "http://127.0.0.1:"
              + credentialsEndpoint.getAddress().getPort()
              + "/2018-06-01/credentials";
      System.setProperty("aws.containerCredentialsFullUri", fullUri);
      System.setProperty("aws.containerAuthorizationToken", "lambda-issued-token");
      System.setProperty("aws.endpointUrlRoute53", standIn.endpoint().toString());
      standIn.enqueue(
          ROUTE53_LIST_RESOURCE_RECORD_SETS,
          Reply.wire("route53-ListResourceRecordSets.response.page2.xml"));

      try (AwsClients clients =
          AwsClients.create(
              Map.of("AWS_REGION", "us-east-1", "AWS_CONTAINER_CREDENTIALS_FULL_URI", fullUri),
              AwsCallBudget.LAMBDA)) {
        assertEquals(List.of(), tokensSeen);

        new Route53RecordStore(clients.route53()).read("Z1EXAMPLE", "home.example.com");
      }

      assertEquals(List.of("lambda-issued-token"), tokensSeen);
      assertEquals(
          "container-session-token", standIn.requests().get(0).header("X-Amz-Security-Token"));
    } finally {
      credentialsEndpoint.stop(0);
    }
  }

  /** What Lambda's runtime serves at AWS_CONTAINER_CREDENTIALS_FULL_URI under SnapStart. */
  private static HttpServer containerCredentialsEndpoint(List<String> tokensSeen)
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/2018-06-01/credentials",
        exchange -> {
          tokensSeen.add(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] body =
              ("{\"AccessKeyId\":\"ASIACONTAINEREXAMPLE\",\"SecretAccessKey\":\"example\","
                      + "\"Token\":\"container-session-token\",\"Expiration\":\""
                      + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)
                      + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }
}
