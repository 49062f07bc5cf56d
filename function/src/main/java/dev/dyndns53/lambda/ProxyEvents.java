package dev.dyndns53.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.Endpoints;
import dev.dyndns53.acme.AcmeAnswer;
import dev.dyndns53.acme.AcmeRequest;
import dev.dyndns53.checkip.CheckIpService;
import dev.dyndns53.dyndns2.GatewayAnswer;
import dev.dyndns53.dyndns2.UpdateAnswer;
import dev.dyndns53.dyndns2.UpdateRequest;
import dev.dyndns53.dyndns2.UpdateService;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Translation between API Gateway REST proxy events and the core's request and answer. */
public final class ProxyEvents {
  private ProxyEvents() {}

  /** The core's view of a proxy event. */
  public static UpdateRequest toUpdateRequest(APIGatewayProxyRequestEvent event, String fallbackRequestId) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (event.getMultiValueHeaders() != null) {
      event.getMultiValueHeaders().forEach((name, values) -> {
        if (values != null && !values.isEmpty()) {
          headers.putIfAbsent(name, values.get(0));
        }
      });
    }
    if (event.getHeaders() != null) {
      event.getHeaders().forEach((name, value) -> {
        if (value != null) {
          headers.putIfAbsent(name, value);
        }
      });
    }

    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (event.getMultiValueQueryStringParameters() != null) {
      event.getMultiValueQueryStringParameters().forEach((name, values) -> {
        if (values != null) {
          parameters.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values);
        }
      });
    } else if (event.getQueryStringParameters() != null) {
      event.getQueryStringParameters().forEach((name, value) ->
          parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value == null ? "" : value));
    }
    if ("POST".equalsIgnoreCase(event.getHttpMethod()) && isForm(headers) && event.getBody() != null) {
      String body = Boolean.TRUE.equals(event.getIsBase64Encoded())
          ? new String(Base64.getMimeDecoder().decode(event.getBody()), StandardCharsets.UTF_8)
          : event.getBody();
      formParameters(body).forEach((name, values) ->
          parameters.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
    }

    String source = null;
    String requestId = fallbackRequestId;
    APIGatewayProxyRequestEvent.ProxyRequestContext context = event.getRequestContext();
    if (context != null) {
      if (context.getIdentity() != null) {
        source = context.getIdentity().getSourceIp();
      }
      if (context.getRequestId() != null) {
        requestId = context.getRequestId();
      }
    }
    String method = event.getHttpMethod() == null ? "GET" : event.getHttpMethod();
    return new UpdateRequest(method, headers, parameters, source, requestId);
  }

  private static boolean isForm(Map<String, String> headers) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase("Content-Type")) {
        return header.getValue().toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
      }
    }
    return false;
  }

  /** Parses an {@code application/x-www-form-urlencoded} body (also the shape of a query string). */
  public static Map<String, List<String>> formParameters(String body) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return out;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      // A stray '%' (Fritz!Box does not escape what it substitutes): keep the text as sent.
      return text;
    }
  }

  /**
   * Serves one proxy event: what both entry points do per request. The path chooses the
   * capability ({@link Routes}); a method the route does not serve gets API Gateway's answer for
   * an unknown method.
   */
  public static APIGatewayProxyResponseEvent respond(
      Endpoints endpoints, APIGatewayProxyRequestEvent event, String fallbackRequestId) {
    Routes route = Routes.of(event.getPath());
    if (route == Routes.UPDATE) {
      return respond(endpoints.update(), event, fallbackRequestId);
    }
    if (!route.serves(event.getHttpMethod())) {
      return toResponse(UpdateAnswer.of(GatewayAnswer.UNKNOWN_PATH));
    }
    UpdateRequest request = toUpdateRequest(event, fallbackRequestId);
    return switch (route) {
      case CHECKIP -> {
        CheckIpService.CheckIpAnswer answer =
            endpoints.checkIp().handle(request.sourceAddress(), request.requestId());
        yield response(answer.status(), answer.headers(), answer.body());
      }
      case ACME_PRESENT, ACME_CLEANUP -> {
        AcmeAnswer answer = endpoints.acme().handle(new AcmeRequest(
            route == Routes.ACME_PRESENT ? AcmeRequest.Action.PRESENT : AcmeRequest.Action.CLEANUP,
            request.headers(), body(event), request.sourceAddress(), request.requestId()));
        yield response(answer.status(), answer.headers(), answer.body());
      }
      case UPDATE -> throw new IllegalStateException("served above");
    };
  }

  /** Serves one dyndns2 update event. */
  public static APIGatewayProxyResponseEvent respond(
      UpdateService service, APIGatewayProxyRequestEvent event, String fallbackRequestId) {
    return toResponse(service.handle(toUpdateRequest(event, fallbackRequestId)));
  }

  private static String body(APIGatewayProxyRequestEvent event) {
    if (event.getBody() == null) {
      return null;
    }
    return Boolean.TRUE.equals(event.getIsBase64Encoded())
        ? new String(Base64.getMimeDecoder().decode(event.getBody()), StandardCharsets.UTF_8)
        : event.getBody();
  }

  private static APIGatewayProxyResponseEvent response(int status, Map<String, String> headers, String body) {
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(status)
        .withHeaders(new LinkedHashMap<>(headers))
        .withBody(body)
        .withIsBase64Encoded(false);
  }

  /** The proxy response for an answer. */
  public static APIGatewayProxyResponseEvent toResponse(UpdateAnswer answer) {
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(answer.status())
        .withHeaders(new LinkedHashMap<>(answer.headers()))
        .withBody(answer.body())
        .withIsBase64Encoded(false);
  }
}
