package dev.dyndns53.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.dyndns53.Dyndns53;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.fakes.InMemoryCredentialStore;
import dev.dyndns53.fakes.InMemoryRecordStore;
import dev.dyndns53.json.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler's health-check branch over in-memory stores: answers, time limit, request id. */
class HealthCheckEventsTest {
  private static final String ZONE = "Z1EXAMPLE000000000001";
  private static final Dyndns53Config CONFIG =
      ConfigParser.parse(
          "test.json",
          """
      {"hosts": {"home.example.com": {"zoneId": "%1$s"}},
       "users": {"alice": {"hosts": ["home.example.com"]}}}
      """
              .formatted(ZONE));

  private final InMemoryRecordStore records = new InMemoryRecordStore();
  private final InMemoryCredentialStore credentials = new InMemoryCredentialStore();
  private final List<String> log = new ArrayList<>();
  private final UpdateHandler handler =
      new UpdateHandler(
          Dyndns53.of(CONFIG, credentials, records, Clock.systemUTC(), log::add, "Dyndns53"),
          Map.of());

  private static APIGatewayProxyRequestEvent scheduleEvent() {
    return EventLoader.loadApiGatewayRestEvent("events/health_check.json");
  }

  private static Map<?, ?> line(String text) {
    return (Map<?, ?>) Json.parse(text);
  }

  @Test
  void healthy_answers200WithTheSummary_andLogsTheInvocationsRequestId() {
    credentials.passwords.put("alice", "alice-password");

    APIGatewayProxyResponseEvent response = handler.handleRequest(scheduleEvent(), context(20_000));

    assertEquals(200, response.getStatusCode());
    assertEquals(
        "dyndns53 health check: no problems (1 user, 1 host in 1 zone)\n", response.getBody());
    assertEquals("text/plain; charset=utf-8", response.getHeaders().get("Content-Type"));
    assertEquals("health-check-request-1", line(log.get(0)).get("requestId"));
  }

  @Test
  void problems_answer500ListingThem() {
    APIGatewayProxyResponseEvent response = handler.handleRequest(scheduleEvent(), context(20_000));

    assertEquals(500, response.getStatusCode());
    assertEquals(
        "dyndns53 health check: 1 problem (1 user, 1 host in 1 zone)\n"
            + "- user alice: Secrets Manager can't find the specified secret. Until this is fixed the"
            + " user's router gets badauth; the stack creates one secret per configured user: deploy it"
            + " again, and check that DYNDNS53_SECRET_PREFIX names the stack's secrets"
            + " [ResourceNotFoundException]\n",
        response.getBody());
  }

  @Test
  void invocationWithLessTimeLeftThanTheMargin_readsNothingAndSaysSo() {
    credentials.passwords.put("alice", "alice-password");

    APIGatewayProxyResponseEvent response =
        handler.handleRequest(scheduleEvent(), context(HealthCheckEvents.MARGIN.toMillis()));

    assertEquals(0, credentials.reads);
    assertEquals(0, records.callCount());
    assertEquals(List.of("user alice", "home.example.com"), line(log.get(0)).get("notChecked"));
    assertTrue(
        response
            .getBody()
            .contains("not checked (time limit reached): user alice, home.example.com"),
        response.getBody());
  }

  @Test
  void handlerWithoutAnApp_answers500InsteadOfRunningAnUpdate() {
    UpdateHandler bare =
        new UpdateHandler(
            Dyndns53.of(CONFIG, credentials, records, Clock.systemUTC(), log::add).envelope());

    APIGatewayProxyResponseEvent response = bare.handleRequest(scheduleEvent(), null);

    assertEquals(500, response.getStatusCode());
    assertTrue(log.isEmpty(), "no update was attempted");
  }

  private static Context context(long remainingMillis) {
    return new Context() {
      @Override
      public String getAwsRequestId() {
        return "health-check-request-1";
      }

      @Override
      public int getRemainingTimeInMillis() {
        return (int) remainingMillis;
      }

      @Override
      public String getLogGroupName() {
        return "/aws/lambda/dyndns53";
      }

      @Override
      public String getLogStreamName() {
        return "stream";
      }

      @Override
      public String getFunctionName() {
        return "dyndns53";
      }

      @Override
      public String getFunctionVersion() {
        return "1";
      }

      @Override
      public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:123456789012:function:dyndns53:live";
      }

      @Override
      public CognitoIdentity getIdentity() {
        return null;
      }

      @Override
      public ClientContext getClientContext() {
        return null;
      }

      @Override
      public int getMemoryLimitInMB() {
        return 1769;
      }

      @Override
      public LambdaLogger getLogger() {
        return null;
      }
    };
  }
}
