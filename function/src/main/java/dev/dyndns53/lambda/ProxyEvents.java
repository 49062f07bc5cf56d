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
import dev.dyndns53.status.StatusRequest;
import dev.dyndns53.status.StatusService;
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

  /**
   * The core's view of a proxy event. Never throws: whatever the event holds (it may be null, come
   * from a direct invoke rather than API Gateway, or carry null names and values), the core gets a
   * request it can answer, with a note for the log about any part that could not be read.
   */
  public static UpdateRequest toUpdateRequest(
      APIGatewayProxyRequestEvent event, String fallbackRequestId) {
    if (event == null) {
      return new UpdateRequest(
          "GET",
          Map.of(),
          Map.of(),
          null,
          fallbackRequestId,
          List.of("the invocation carried no event; answered as an empty request"));
    }
    List<String> notes = new ArrayList<>();
    // API Gateway fills both maps alike; the multi-value one is read first because it holds every
    // value. A name or value that is null (only a hand-made event has one) is skipped.
    Map<String, String> headers = new LinkedHashMap<>();
    if (event.getMultiValueHeaders() != null) {
      event
          .getMultiValueHeaders()
          .forEach(
              (name, values) -> {
                String first = firstNonNull(values);
                if (name != null && first != null) {
                  headers.putIfAbsent(name, first);
                }
              });
    }
    if (event.getHeaders() != null) {
      event
          .getHeaders()
          .forEach(
              (name, value) -> {
                if (name != null && value != null) {
                  headers.putIfAbsent(name, value);
                }
              });
    }

    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (event.getMultiValueQueryStringParameters() != null) {
      event
          .getMultiValueQueryStringParameters()
          .forEach(
              (name, values) -> {
                if (name != null && values != null) {
                  List<String> kept = parameters.computeIfAbsent(name, n -> new ArrayList<>());
                  values.forEach(value -> kept.add(value == null ? "" : value));
                }
              });
    } else if (event.getQueryStringParameters() != null) {
      event
          .getQueryStringParameters()
          .forEach(
              (name, value) -> {
                if (name != null) {
                  parameters
                      .computeIfAbsent(name, n -> new ArrayList<>())
                      .add(value == null ? "" : value);
                }
              });
    }
    if ("POST".equalsIgnoreCase(event.getHttpMethod())
        && isForm(headers)
        && event.getBody() != null) {
      String body = event.getBody();
      boolean readable = true;
      if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
        try {
          body = new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
          readable = false;
          notes.add(
              "the form body was marked base64 but is not base64 ("
                  + body.length()
                  + " chars); its parameters were ignored");
        }
      }
      if (readable) {
        formParameters(body)
            .forEach(
                (name, values) ->
                    parameters.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
      }
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
    return new UpdateRequest(method, headers, parameters, source, requestId, notes);
  }

  private static String firstNonNull(List<String> values) {
    if (values != null) {
      for (String value : values) {
        if (value != null) {
          return value;
        }
      }
    }
    return null;
  }

  private static boolean isForm(Map<String, String> headers) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase("Content-Type")) {
        return header
            .getValue()
            .toLowerCase(Locale.ROOT)
            .startsWith("application/x-www-form-urlencoded");
      }
    }
    return false;
  }

  /**
   * Parses an {@code application/x-www-form-urlencoded} body (also the shape of a query string).
   */
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
   * Serves one proxy event: what both entry points do per request. The path chooses the capability
   * ({@link Routes}); a method the route does not serve gets API Gateway's answer for an unknown
   * method.
   */
  public static APIGatewayProxyResponseEvent respond(
      Endpoints endpoints, APIGatewayProxyRequestEvent event, String fallbackRequestId) {
    Routes route = Routes.of(event == null ? null : event.getPath());
    if (route == Routes.UPDATE) {
      return respond(endpoints.update(), event, fallbackRequestId);
    }
    if (!route.serves(event.getHttpMethod())) {
      return toResponse(UpdateAnswer.of(GatewayAnswer.UNKNOWN_PATH));
    }
    UpdateRequest request;
    try {
      request = toUpdateRequest(event, fallbackRequestId);
    } catch (RuntimeException unreadable) {
      // As for an update (see below): an answer and a log line, never the runtime's error.
      return toResponse(endpoints.update().unreadable(fallbackRequestId, unreadable));
    }
    return switch (route) {
      case CHECKIP -> {
        CheckIpService.CheckIpAnswer answer =
            endpoints.checkIp().handle(request.sourceAddress(), request.requestId());
        yield response(answer.status(), answer.headers(), answer.body());
      }
      case ACME_PRESENT, ACME_CLEANUP -> {
        AcmeAnswer answer =
            endpoints
                .acme()
                .handle(
                    new AcmeRequest(
                        route == Routes.ACME_PRESENT
                            ? AcmeRequest.Action.PRESENT
                            : AcmeRequest.Action.CLEANUP,
                        request.headers(),
                        body(event),
                        request.sourceAddress(),
                        request.requestId()));
        yield response(answer.status(), answer.headers(), answer.body());
      }
      case STATUS -> { // issue 17 hook
        StatusService.StatusAnswer answer =
            endpoints
                .status()
                .handle(
                    new StatusRequest(
                        request.headers(), request.sourceAddress(), request.requestId()));
        yield response(answer.status(), answer.headers(), answer.body());
      }
      case UPDATE -> throw new IllegalStateException("served above");
    };
  }

  /**
   * Serves one dyndns2 update event. Always answers, with exactly one log line (written by the
   * service).
   */
  public static APIGatewayProxyResponseEvent respond(
      UpdateService service, APIGatewayProxyRequestEvent event, String fallbackRequestId) {
    UpdateRequest request;
    try {
      request = toUpdateRequest(event, fallbackRequestId);
    } catch (RuntimeException unreadable) {
      // toUpdateRequest is written not to throw; should it ever, the client still gets an answer
      // and the operator a log line, instead of the runtime's error and no line at all.
      return toResponse(service.unreadable(fallbackRequestId, unreadable));
    }
    return toResponse(service.handle(request));
  }

  private static String body(APIGatewayProxyRequestEvent event) {
    if (event.getBody() == null) {
      return null;
    }
    if (!Boolean.TRUE.equals(event.getIsBase64Encoded())) {
      return event.getBody();
    }
    try {
      return new String(Base64.getMimeDecoder().decode(event.getBody()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      // Answered as a missing body (400) by the service, which writes the log line.
      return null;
    }
  }

  private static APIGatewayProxyResponseEvent response(
      int status, Map<String, String> headers, String body) {
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
