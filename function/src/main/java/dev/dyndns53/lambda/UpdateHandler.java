package dev.dyndns53.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.Dyndns53;
import dev.dyndns53.dyndns2.UpdateService;

/**
 * The Lambda entry point behind API Gateway's {@code /nic/update}. It only translates: a REST
 * proxy event in, the core's answer out. Everything it needs is built once per execution
 * environment, in the constructor, which is Lambda's init phase (and what SnapStart snapshots).
 */
public final class UpdateHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  private final UpdateService service;

  /** Called by the Lambda runtime; fails init with a clear message if the configuration is bad. */
  public UpdateHandler() {
    this(Dyndns53.fromEnvironment(System.getenv()).service());
  }

  UpdateHandler(UpdateService service) {
    this.service = service;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    String fallbackId = context == null ? null : context.getAwsRequestId();
    return ProxyEvents.toResponse(service.handle(ProxyEvents.toUpdateRequest(event, fallbackId)));
  }
}
