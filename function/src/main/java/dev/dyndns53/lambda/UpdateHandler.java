package dev.dyndns53.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.Dyndns53;
import dev.dyndns53.envelope.Envelope;
import dev.dyndns53.gateway.ProxyEvents;
import dev.dyndns53.health.HealthCheck;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * The Lambda entry point behind API Gateway's {@code /nic/update}. It only translates: a REST proxy
 * event in, the core's answer out. The schedule's health-check event ({@code
 * {"resource":"dyndns53:health-check"}}, see {@link HealthCheck#EVENT_RESOURCE}) is recognised
 * before anything else and runs the health check instead. Everything it needs is built once per
 * execution environment, in the constructor, which is Lambda's init phase (and what SnapStart
 * snapshots).
 *
 * <p>With SnapStart, Lambda calls the CRaC hooks: {@link #beforeCheckpoint} primes the request path
 * in memory ({@link RequestPathPriming}) so the snapshot holds it loaded and compiled, and {@link
 * #afterRestore} forgets every password and record state cached before the snapshot, since one
 * snapshot is restored many times and long after it was taken. Without SnapStart neither hook runs
 * and the init phase pays nothing for them.
 */
public final class UpdateHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>, Resource {

  private final Envelope envelope;
  private final HealthCheck healthCheck;
  private final Dyndns53 app;
  private final Map<String, String> environment;

  /** Called by the Lambda runtime; fails init with a clear message if the configuration is bad. */
  public UpdateHandler() {
    this(Dyndns53.fromEnvironment(System.getenv()), System.getenv());
    // The CRaC context holds resources weakly; the runtime holds this handler for the life of the
    // execution environment, which keeps the hooks registered.
    Core.getGlobalContext().register(this);
  }

  /** A handler over an assembled service, with SnapStart hooks that prime and forget its state. */
  UpdateHandler(Dyndns53 app, Map<String, String> environment) {
    this.envelope = app.envelope();
    this.healthCheck = app.healthCheck();
    this.app = app;
    this.environment = Map.copyOf(environment);
  }

  /** A handler over an assembled envelope, without priming or health check (tests, priming). */
  UpdateHandler(Envelope envelope) {
    this.envelope = envelope;
    this.healthCheck = null;
    this.app = null;
    this.environment = Map.of();
  }

  /**
   * Answers every event with a dyndns2 answer and one log line, whatever it holds (null included);
   * see {@link ProxyEvents#respond}.
   */
  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    // First: the schedule's {"resource":"dyndns53:health-check"}, which no HTTP request can send.
    if (event != null && HealthCheck.EVENT_RESOURCE.equals(event.getResource())) {
      return HealthCheckEvents.run(healthCheck, context);
    }
    String fallbackId = context == null ? null : context.getAwsRequestId();
    return ProxyEvents.respond(envelope, event, fallbackId);
  }

  /**
   * Primes the request path before the snapshot. A failure is reported and swallowed: the snapshot
   * is then taken unprimed, and the function still works, only with a slower first request.
   */
  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    if (app == null) {
      return;
    }
    try {
      long started = System.nanoTime();
      RequestPathPriming.Report report =
          RequestPathPriming.run(environment, RequestPathPriming.DEFAULT_ROUNDS);
      // One line per snapshot, so the function's log shows that the snapshot was primed.
      System.out.println(
          "{\"event\":\"primed\",\"updates\":"
              + report.updates()
              + ",\"acmeRequests\":"
              + report.acmeRequests()
              + ",\"checkIpRequests\":"
              + report.checkIpRequests()
              + ",\"statusRequests\":"
              + report.statusRequests()
              + ",\"inMemoryAwsRequests\":"
              + report.awsRequests()
              + ",\"ms\":"
              + (System.nanoTime() - started) / 1_000_000
              + "}");
    } catch (RuntimeException failed) {
      System.err.println(
          "dyndns53: priming before the SnapStart snapshot failed, so the snapshot"
              + " is taken unprimed and the first request after each restore is slower: "
              + failed);
    }
    app.forgetCachedState();
  }

  /** Forgets every password and record state read before the snapshot was taken. */
  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    if (app != null) {
      app.forgetCachedState();
    }
  }
}
