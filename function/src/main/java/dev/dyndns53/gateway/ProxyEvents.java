package dev.dyndns53.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.envelope.Envelope;
import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.http.HttpRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translation between API Gateway REST proxy events and the envelope's request and answer: the
 * Lambda handler receives these events, and the local server builds the same ones, so both entry
 * points reach the core alike.
 */
public final class ProxyEvents {
  private ProxyEvents() {}

  /**
   * The core's view of a proxy event. Never throws: whatever the event holds (it may be null, come
   * from a direct invoke rather than API Gateway, or carry null names and values), the core gets a
   * request it can answer, with a note for the log about any part that could not be read.
   */
  public static HttpRequest toRequest(APIGatewayProxyRequestEvent event, String fallbackRequestId) {
    if (event == null) {
      return new HttpRequest(
          "GET",
          null,
          Map.of(),
          Map.of(),
          null,
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
    return new HttpRequest(
        method, event.getPath(), headers, parameters, body(event), source, requestId, notes);
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
   * Serves one proxy event through the envelope: what both entry points do per request. Always
   * answers, with exactly one log line (written by the envelope).
   */
  public static APIGatewayProxyResponseEvent respond(
      Envelope envelope, APIGatewayProxyRequestEvent event, String fallbackRequestId) {
    HttpRequest request;
    try {
      request = toRequest(event, fallbackRequestId);
    } catch (RuntimeException unreadable) {
      // toRequest is written not to throw; should it ever, the client still gets an answer and
      // the operator a log line, instead of the runtime's error and no line at all.
      return toResponse(
          envelope.unreadable(
              event == null ? null : event.getPath(), fallbackRequestId, unreadable));
    }
    return toResponse(envelope.handle(request));
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

  /** The proxy response for an answer. */
  public static APIGatewayProxyResponseEvent toResponse(HttpAnswer answer) {
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(answer.status())
        .withHeaders(new LinkedHashMap<>(answer.headers()))
        .withBody(answer.body())
        .withIsBase64Encoded(false);
  }
}
