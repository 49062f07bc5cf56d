package dev.dyndns53.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dyndns53.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The pre-traffic hook against a stand-in for Lambda's Invoke and CodeDeploy's
 * PutLifecycleEventHookExecutionStatus, serving their wire formats (REST-JSON with {@code
 * X-Amz-Function-Error}, and JSON 1.1 with {@code X-Amz-Target}): moto 5.2.1 has no
 * PutLifecycleEventHookExecutionStatus, and its Invoke needs Docker to run a function. Each test
 * scripts what the new version answers and checks what the hook told CodeDeploy.
 */
class PreTrafficHookHandlerTest {
  static final String VERSION_ARN =
      "arn:aws:lambda:eu-west-1:123456789012:function:Dyndns53-Update:7";
  static final String HOOK_EVENT =
      "{\"DeploymentId\":\"d-ABCDEF123\",\"LifecycleEventHookExecutionId\":\"eyJleGVjIjoiMSJ9\"}";

  static final String HEALTHY =
      "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"text/plain\"},"
          + "\"body\":\"dyndns53 health check: healthy\\n\",\"isBase64Encoded\":false}";
  static final String CHECKIP_OK =
      "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"text/html\"},\"body\":"
          + "\"<html><head><title>Current IP Check</title></head><body>Current IP Address:"
          + " 192.0.2.53</body></html>\\r\\n\",\"isBase64Encoded\":false}";

  record Reply(int status, Map<String, String> headers, String body) {
    static Reply ok(String body) {
      return new Reply(200, Map.of(), body);
    }
  }

  record Recorded(String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private HttpServer server;
  private final Deque<Reply> lambdaReplies = new ArrayDeque<>();
  private Reply codeDeployReply =
      Reply.ok("{\"lifecycleEventHookExecutionId\":\"eyJleGVjIjoiMSJ9\"}");
  private final List<Recorded> invocations = new ArrayList<>();
  private final List<Recorded> statuses = new ArrayList<>();
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private synchronized void serve(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Recorded request =
        new Recorded(exchange.getRequestURI().getRawPath(), exchange.getRequestHeaders(), body);
    Reply reply;
    if (request.header("X-Amz-Target") != null) {
      statuses.add(request);
      reply = codeDeployReply;
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    } else {
      invocations.add(request);
      reply =
          lambdaReplies.isEmpty()
              ? new Reply(400, Map.of("x-amzn-ErrorType", "StandInNotScripted"), "{}")
              : lambdaReplies.removeFirst();
      exchange.getResponseHeaders().add("Content-Type", "application/json");
    }
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private PreTrafficHookHandler handler() {
    return new PreTrafficHookHandler(
        Map.of(
            "AWS_REGION",
            "eu-west-1",
            "AWS_ENDPOINT_URL",
            "http://127.0.0.1:" + server.getAddress().getPort(),
            PreTrafficHookHandler.VERSION_ENV,
            VERSION_ARN),
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(
                "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
        new PrintStream(logBytes, true, StandardCharsets.UTF_8));
  }

  private String run() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler()
        .handleRequest(
            new ByteArrayInputStream(HOOK_EVENT.getBytes(StandardCharsets.UTF_8)), out, null);
    return reportedStatus();
  }

  private String reportedStatus() {
    assertEquals(1, statuses.size(), "one status report to CodeDeploy");
    Map<?, ?> body = (Map<?, ?>) Json.parse(statuses.get(0).body());
    assertEquals("d-ABCDEF123", body.get("deploymentId"));
    assertEquals("eyJleGVjIjoiMSJ9", body.get("lifecycleEventHookExecutionId"));
    return (String) body.get("status");
  }

  private String log() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void healthyRelease_reportsSucceededAfterInvokingTheNewVersionTwice() throws IOException {
    lambdaReplies.add(Reply.ok(HEALTHY));
    lambdaReplies.add(Reply.ok(CHECKIP_OK));

    assertEquals("Succeeded", run());

    assertEquals(2, invocations.size());
    for (Recorded invocation : invocations) {
      assertEquals(
          "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3ADyndns53-Update%3A7/invocations",
          invocation.path());
      assertEquals("RequestResponse", invocation.header("X-Amz-Invocation-Type"));
      assertTrue(
          invocation.header("Authorization").contains("/eu-west-1/lambda/aws4_request"),
          invocation.header("Authorization"));
    }
    assertEquals(ReleaseCheck.HEALTH_CHECK_EVENT, invocations.get(0).body());
    Map<?, ?> checkip = (Map<?, ?>) Json.parse(invocations.get(1).body());
    assertEquals("/checkip", checkip.get("path"));
    assertEquals("GET", checkip.get("httpMethod"));
    Recorded status = statuses.get(0);
    assertEquals("/", status.path());
    assertEquals(CodeDeployStatusReporter.TARGET, status.header("X-Amz-Target"));
    assertEquals("application/x-amz-json-1.1", status.header("Content-Type"));
    assertTrue(status.header("Authorization").contains("/eu-west-1/codedeploy/aws4_request"));
    assertTrue(log().contains("\"passed\":true"), log());
  }

  @Test
  void healthCheckReportingProblems_reportsFailed() throws IOException {
    lambdaReplies.add(
        Reply.ok(
            "{\"statusCode\":500,\"body\":\"dyndns53 health check: 1 problem\\nzone Z123: NoSuchHostedZone\\n\"}"));
    lambdaReplies.add(Reply.ok(CHECKIP_OK));

    assertEquals("Failed", run());
    assertTrue(log().contains("health check: answered HTTP 500"), log());
    assertTrue(log().contains("NoSuchHostedZone"), log());
  }

  @Test
  void newVersionCrashing_reportsFailed() throws IOException {
    lambdaReplies.add(Reply.ok(HEALTHY));
    lambdaReplies.add(
        new Reply(
            200,
            Map.of("X-Amz-Function-Error", "Unhandled"),
            "{\"errorMessage\":\"java.lang.NoClassDefFoundError: dev/dyndns53/Missing\","
                + "\"errorType\":\"java.lang.NoClassDefFoundError\"}"));

    assertEquals("Failed", run());
    assertTrue(log().contains("GET /checkip: the function failed (Unhandled)"), log());
  }

  @Test
  void checkipAnsweringWithoutTheCallersAddress_reportsFailed() throws IOException {
    lambdaReplies.add(Reply.ok(HEALTHY));
    lambdaReplies.add(Reply.ok("{\"statusCode\":200,\"body\":\"Current IP Address: \"}"));

    assertEquals("Failed", run());
  }

  @Test
  void answerThatIsNoProxyResponse_reportsFailed() throws IOException {
    lambdaReplies.add(Reply.ok("null"));
    lambdaReplies.add(Reply.ok("not json"));

    assertEquals("Failed", run());
    assertTrue(log().contains("the answer has no statusCode"), log());
    assertTrue(log().contains("the answer is not JSON"), log());
  }

  @Test
  void lambdaRefusingTheInvocation_reportsFailed() throws IOException {
    // A SnapStart version whose snapshot failed, or a hook role without invoke permission.
    Reply refused =
        new Reply(
            403,
            Map.of("x-amzn-ErrorType", "AccessDeniedException"),
            "{\"Message\":\"User is not authorized to perform: lambda:InvokeFunction\"}");
    lambdaReplies.add(refused);
    lambdaReplies.add(refused);

    assertEquals("Failed", run());
    assertTrue(log().contains("could not invoke the new version: Lambda answered HTTP 403"), log());
  }

  @Test
  void codeDeployRefusingTheStatus_failsTheInvocation() {
    lambdaReplies.add(Reply.ok(HEALTHY));
    lambdaReplies.add(Reply.ok(CHECKIP_OK));
    codeDeployReply =
        new Reply(
            400,
            Map.of("x-amzn-ErrorType", "LifecycleEventAlreadyCompletedException"),
            "{\"__type\":\"LifecycleEventAlreadyCompletedException\"}");

    assertThrows(IllegalStateException.class, this::run);
  }

  @Test
  void eventWithoutHookIds_isRefusedBeforeInvokingAnything() {
    PreTrafficHookHandler handler = handler();
    assertThrows(
        IllegalArgumentException.class,
        () ->
            handler.handleRequest(
                new ByteArrayInputStream(
                    "{\"DeploymentId\":\"d-1\"}".getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(),
                null));
    assertEquals(0, invocations.size());
    assertEquals(0, statuses.size());
  }

  @Test
  void withoutTheVersionVariable_refusesToStart() {
    assertThrows(
        IllegalStateException.class,
        () ->
            new PreTrafficHookHandler(
                Map.of("AWS_REGION", "eu-west-1"),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")),
                System.out));
  }
}
