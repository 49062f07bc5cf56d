package dev.dyndns53.infra;

import dev.dyndns53.http.GatewayAnswer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;

/**
 * Rewrites the answers API Gateway gives on its own (unknown path, throttled, function failed or
 * timed out, ...) into plain-text dyndns2 answers, with the statuses and bodies of {@link
 * GatewayAnswer}, which the local endpoint gives too.
 */
final class GatewayResponses {
  private GatewayResponses() {}

  /** The API Gateway response types each answer replaces; every answer has at least one. */
  static List<ResponseType> responseTypes(GatewayAnswer answer) {
    return switch (answer) {
      // API Gateway answers an unknown path or method with "Missing Authentication Token".
      case UNKNOWN_PATH ->
          List.of(ResponseType.MISSING_AUTHENTICATION_TOKEN, ResponseType.RESOURCE_NOT_FOUND);
      case BAD_REQUEST ->
          List.of(
              ResponseType.DEFAULT_4_XX,
              ResponseType.BAD_REQUEST_BODY,
              ResponseType.BAD_REQUEST_PARAMETERS,
              ResponseType.REQUEST_TOO_LARGE);
      case THROTTLED -> List.of(ResponseType.THROTTLED, ResponseType.QUOTA_EXCEEDED);
      case INTEGRATION_FAILURE -> List.of(ResponseType.INTEGRATION_FAILURE);
      case INTEGRATION_TIMEOUT -> List.of(ResponseType.INTEGRATION_TIMEOUT);
      case SERVER_ERROR -> List.of(ResponseType.DEFAULT_5_XX);
      // There is no authorizer, so API Gateway should never say these; if a resource policy or a
      // future authorizer does, the router must still see the dyndns2 answer for bad credentials.
      case BAD_CREDENTIALS -> List.of(ResponseType.UNAUTHORIZED, ResponseType.ACCESS_DENIED);
    };
  }

  static void addTo(RestApi api) {
    for (GatewayAnswer answer : GatewayAnswer.values()) {
      for (ResponseType type : responseTypes(answer)) {
        add(api, type, answer);
      }
    }
  }

  private static void add(RestApi api, ResponseType type, GatewayAnswer answer) {
    Map<String, String> responseHeaders = new LinkedHashMap<>();
    // Header values of a gateway response are mapping expressions: a literal goes in single quotes.
    answer.headers().forEach((name, value) -> responseHeaders.put(name, quoted(value)));
    String body = answer.body();
    // Gateway response templates are keyed by content type (x-amazon-apigateway-gateway-responses.
    // responseTemplates), and routers send no Content-Type on a GET. Registering the same static
    // body under application/json (the key of API Gateway's own default templates, used when the
    // request names no type) and text/plain means every request gets this body whichever key is
    // taken; the Content-Type header above makes the answer text/plain either way. The templates
    // are VTL, and a body with no '$' or '#' (every GatewayAnswer body) comes out as written.
    Map<String, String> templates = new LinkedHashMap<>();
    templates.put("application/json", body);
    templates.put("text/plain", body);
    api.addGatewayResponse(
        type.getResponseType(),
        GatewayResponseOptions.builder()
            .type(type)
            .statusCode(Integer.toString(answer.status()))
            .responseHeaders(responseHeaders)
            .templates(templates)
            .build());
  }

  private static String quoted(String literal) {
    return "'" + literal + "'";
  }
}
