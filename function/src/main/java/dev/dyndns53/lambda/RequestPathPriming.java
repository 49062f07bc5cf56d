package dev.dyndns53.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.Dyndns53;
import dev.dyndns53.aws.AwsCallBudget;
import dev.dyndns53.aws.AwsClients;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.credentials.SecretsManagerCredentialStore;
import dev.dyndns53.records.Route53RecordStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Runs every endpoint's path (update, ACME present and cleanup, checkip, status) on synthetic
 * requests, in memory, so that before a SnapStart snapshot their classes are loaded and initialised
 * and their hot methods JIT-compiled. A restored environment then answers its first request to any
 * endpoint nearly as fast as a warm one.
 *
 * <p>Each round forgets the caches and sends three updates through a real {@link UpdateHandler}
 * over a real {@link Dyndns53} service, which together take every branch of the update path: both
 * hosts with empty caches (BatchGetSecretValue, one ListResourceRecordSets for both names, answered
 * {@code nochg} for the one the listing shows holding the address and {@code good} for the other
 * after one ChangeResourceRecordSets); a dual-stack form POST for the apex, written without a read
 * because the record cache says it differs; and the other host again, whose cache says it holds the
 * address, so it is read (the canned listing still shows its old address) and written. Then an ACME
 * present for the apex (one TXT read, one write), its cleanup (one read: the canned listing never
 * shows the value, so nothing is written), a checkip request, and the status page twice: as HTML
 * (one ListResourceRecordSets for the zone; there is no history table while priming) and as JSON
 * (from the page's 30-second cache, no AWS call). The SDK clients are built exactly like
 * production's ({@link AwsClients#configure}, same region, retry strategy and timeouts) except for
 * two things that keep priming away from anything real:
 *
 * <ul>
 *   <li>their HTTP client is {@link CannedAwsHttpClient}, which answers from memory with AWS's own
 *       response bodies (copied from the test wire samples); no socket is opened, no name resolved.
 *   <li>their credentials are AWS's documentation example keys, so SigV4 signing runs without any
 *       real credential being resolved; the function's own credentials provider is untouched and
 *       first used after restore.
 * </ul>
 *
 * <p>The priming service is separate from the function's, with its own caches, and is dropped when
 * priming ends: the function's password and record caches stay empty, its Route 53 call count stays
 * zero, and its request log gets no synthetic lines. The secret served is AWS's documentation
 * example ({@code david} / {@code EXAMPLE-PASSWORD}).
 *
 * <p>Priming also initialises the JDK's default TLS context (the trust store parse that the first
 * HTTPS call would otherwise pay after each restore). That makes no connection; the snapshot holds
 * the context, whose {@code SecureRandom} on Linux mixes fresh kernel entropy into every draw.
 */
public final class RequestPathPriming {

  /**
   * Rounds of three requests each. Measured with {@code npm run bench}: by a few hundred rounds the
   * request path's classes are loaded and its hot methods compiled, and further rounds no longer
   * shorten the first request after priming.
   */
  public static final int DEFAULT_ROUNDS = 300;

  private static final String ZONE_ID = "Z1EXAMPLE";
  // The canned listing (priming/route53-ListResourceRecordSets.response.xml) shows HOST holding
  // 203.0.113.7 and OTHER_HOST 203.0.113.9, whatever was written.
  private static final String HOST = "example.com";
  private static final String OTHER_HOST = "www.example.com";
  private static final String USER = "david";
  private static final String PASSWORD = "EXAMPLE-PASSWORD";
  private static final String CONFIG =
      """
      {"hosts": {"%s": {"zoneId": "%s", "acme": true}, "%s": {"zoneId": "%s"}},
       "users": {"%s": {"hosts": ["%s", "%s"]}}}
      """
          .formatted(HOST, ZONE_ID, OTHER_HOST, ZONE_ID, USER, HOST, OTHER_HOST);
  // AWS's documentation example keys: signing runs for real, with nothing real to sign with.
  private static final StaticCredentialsProvider EXAMPLE_CREDENTIALS =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create(
              "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

  private RequestPathPriming() {}

  /**
   * What a priming run did.
   *
   * @param updates dyndns2 updates sent
   * @param acmeRequests ACME presents and cleanups sent
   * @param checkIpRequests checkip requests sent
   * @param statusRequests status page requests sent
   * @param awsRequests AWS requests the in-memory client answered
   */
  public record Report(
      int updates, int acmeRequests, int checkIpRequests, int statusRequests, int awsRequests) {}

  /**
   * Primes the request path.
   *
   * @param environment the function's environment; only its region is read, so the Secrets Manager
   *     client resolves the same endpoint rules as the function's
   * @param rounds rounds of three synthetic requests
   * @return how many updates were sent and how many AWS requests the in-memory client answered
   * @throws IllegalStateException when a synthetic update is not answered as expected, which means
   *     the request path itself is broken
   */
  public static Report run(Map<String, String> environment, int rounds) {
    HttpsURLConnection.getDefaultSSLSocketFactory();
    CannedAwsHttpClient aws = new CannedAwsHttpClient();
    int updates = 0;
    int acmeRequests = 0;
    int checkIpRequests = 0;
    int statusRequests = 0;
    try (Route53Client route53 =
            AwsClients.configure(Route53Client.builder(), AwsCallBudget.LAMBDA)
                .httpClientBuilder(null)
                .httpClient(aws)
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(EXAMPLE_CREDENTIALS)
                .build();
        SecretsManagerClient secretsManager =
            AwsClients.configure(SecretsManagerClient.builder(), AwsCallBudget.LAMBDA)
                .httpClientBuilder(null)
                .httpClient(aws)
                .region(region(environment))
                .credentialsProvider(EXAMPLE_CREDENTIALS)
                .build()) {
      Dyndns53 app =
          Dyndns53.of(
              ConfigParser.parse("(priming)", CONFIG),
              new SecretsManagerCredentialStore(secretsManager, "dyndns53/priming/"),
              new Route53RecordStore(route53),
              Clock.systemUTC(),
              line -> {});
      UpdateHandler handler = new UpdateHandler(app.envelope());
      for (int round = 0; round < rounds; round++) {
        app.forgetCachedState();
        expect(
            handler,
            get(HOST + "," + OTHER_HOST, "203.0.113.7", round),
            "nochg 203.0.113.7\ngood 203.0.113.7");
        expect(handler, formPost("203.0.113.8,2001:db8::8", round), "good 203.0.113.8,2001:db8::8");
        expect(handler, get(OTHER_HOST, "203.0.113.7", round), "good 203.0.113.7");
        updates += 3;
        expectStatus(handler, acme("/acme/present", round), 200);
        expectStatus(handler, acme("/acme/cleanup", round), 200);
        acmeRequests += 2;
        expectStatus(handler, checkIp(round), 200);
        checkIpRequests++;
        expectStatus(handler, status(Map.of(), round), 200);
        expectStatus(handler, status(Map.of("Accept", "application/json"), round), 200);
        statusRequests += 2;
      }
    }
    return new Report(updates, acmeRequests, checkIpRequests, statusRequests, aws.requests());
  }

  private static Region region(Map<String, String> environment) {
    for (String variable : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        return Region.of(value.strip());
      }
    }
    return Region.US_EAST_1;
  }

  private static void expect(
      UpdateHandler handler, APIGatewayProxyRequestEvent request, String answer) {
    APIGatewayProxyResponseEvent response = handler.handleRequest(request, null);
    if (response.getStatusCode() != 200 || !(answer + "\n").equals(response.getBody())) {
      throw new IllegalStateException(
          "priming expected \""
              + answer
              + "\" but the update path answered "
              + response.getStatusCode()
              + " \""
              + response.getBody().strip()
              + "\"; the request path or the SDK's handling of AWS's answers has changed");
    }
  }

  private static void expectStatus(
      UpdateHandler handler, APIGatewayProxyRequestEvent request, int status) {
    APIGatewayProxyResponseEvent response = handler.handleRequest(request, null);
    if (response.getStatusCode() != status) {
      throw new IllegalStateException(
          "priming expected "
              + status
              + " from "
              + request.getPath()
              + " but it answered "
              + response.getStatusCode()
              + " \""
              + response.getBody().strip()
              + "\"; the request path or the SDK's handling of AWS's answers has changed");
    }
  }

  // lego's httpreq body for the apex; the value is a 43-character key authorization digest.
  private static APIGatewayProxyRequestEvent acme(String path, int round) {
    return event(
        path,
        "POST",
        Map.of("Content-Type", "application/json"),
        null,
        "{\"fqdn\":\"_acme-challenge."
            + HOST
            + ".\",\"value\":\"LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0\"}",
        round);
  }

  private static APIGatewayProxyRequestEvent checkIp(int round) {
    return event("/checkip", "GET", Map.of(), null, null, round);
  }

  private static APIGatewayProxyRequestEvent status(Map<String, String> headers, int round) {
    return event("/status", "GET", headers, null, null, round);
  }

  private static APIGatewayProxyRequestEvent get(String hostnames, String myip, int round) {
    return event(
        "/nic/update",
        "GET",
        Map.of(),
        Map.of("hostname", List.of(hostnames), "myip", List.of(myip)),
        null,
        round);
  }

  private static APIGatewayProxyRequestEvent formPost(String myip, int round) {
    return event(
        "/nic/update",
        "POST",
        Map.of("Content-Type", "application/x-www-form-urlencoded"),
        null,
        "hostname=" + HOST + "&myip=" + myip.replace(":", "%3A").replace(",", "%2C"),
        round);
  }

  /** A REST proxy event in the shape API Gateway sends. */
  private static APIGatewayProxyRequestEvent event(
      String path,
      String method,
      Map<String, String> extraHeaders,
      Map<String, List<String>> query,
      String body,
      int round) {
    Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
    headers.put(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    headers.put("User-Agent", "ddclient/3.11.2");
    Map<String, List<String>> multiValueHeaders = new LinkedHashMap<>();
    headers.forEach((name, value) -> multiValueHeaders.put(name, List.of(value)));
    Map<String, String> singleQuery = null;
    if (query != null) {
      singleQuery = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
        singleQuery.put(parameter.getKey(), parameter.getValue().get(0));
      }
    }
    return new APIGatewayProxyRequestEvent()
        .withResource(path)
        .withPath(path)
        .withHttpMethod(method)
        .withHeaders(headers)
        .withMultiValueHeaders(multiValueHeaders)
        .withQueryStringParameters(singleQuery)
        .withMultiValueQueryStringParameters(query)
        .withBody(body)
        .withIsBase64Encoded(false)
        .withRequestContext(
            new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId("priming-" + round)
                .withStage("v1")
                .withHttpMethod(method)
                .withIdentity(
                    new APIGatewayProxyRequestEvent.RequestIdentity().withSourceIp("192.0.2.1")));
  }
}
