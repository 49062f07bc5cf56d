package dev.dyndns53.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.dyndns53.envelope.Routes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the REST proxy event API Gateway would send for an HTTP request, so the local endpoint
 * drives the very same handler as the deployed function.
 */
final class LocalEvents {
  private LocalEvents() {}

  static APIGatewayProxyRequestEvent event(
      String method,
      String path,
      String rawQuery,
      Map<String, List<String>> headers,
      String body,
      String sourceIp,
      String stage,
      String requestId,
      String protocol) {
    Map<String, String> singleHeaders = new LinkedHashMap<>();
    headers.forEach((name, values) -> singleHeaders.put(name, values.get(values.size() - 1)));

    Map<String, List<String>> query = queryParameters(rawQuery);
    Map<String, String> singleQuery = new LinkedHashMap<>();
    query.forEach((name, values) -> singleQuery.put(name, values.get(values.size() - 1)));

    APIGatewayProxyRequestEvent.RequestIdentity identity =
        new APIGatewayProxyRequestEvent.RequestIdentity()
            .withSourceIp(sourceIp)
            .withUserAgent(
                singleHeaders.entrySet().stream()
                    .filter(h -> h.getKey().equalsIgnoreCase("User-Agent"))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null));
    APIGatewayProxyRequestEvent.ProxyRequestContext context =
        new APIGatewayProxyRequestEvent.ProxyRequestContext()
            .withRequestId(requestId)
            .withHttpMethod(method)
            .withIdentity(identity)
            .withPath(path)
            .withProtocol(protocol)
            .withResourcePath(resource(path))
            .withStage(stage);
    // API Gateway sends null, not an empty map, when there are none.
    return new APIGatewayProxyRequestEvent()
        .withResource(resource(path))
        .withPath(resource(path))
        .withHttpMethod(method)
        .withHeaders(singleHeaders.isEmpty() ? null : singleHeaders)
        .withMultiValueHeaders(headers.isEmpty() ? null : headers)
        .withQueryStringParameters(singleQuery.isEmpty() ? null : singleQuery)
        .withMultiValueQueryStringParameters(query.isEmpty() ? null : query)
        .withRequestContext(context)
        .withBody(body == null || body.isEmpty() ? null : body)
        .withIsBase64Encoded(false);
  }

  /** The API's resource for a served path: the path without its stage, as API Gateway sends it. */
  private static String resource(String path) {
    return Routes.match(path).map(Routes::path).orElse(path);
  }

  /**
   * A request target as the handler sees it.
   *
   * @param path the path, still percent-encoded, compared as sent
   * @param rawQuery the query string after the first {@code ?}, still percent-encoded, or null
   */
  record Target(String path, String rawQuery) {}

  /**
   * Why API Gateway would refuse this request target with a 400 before any routing, or empty when
   * it would not. API Gateway answers {@code 400} to a {@code %} not followed by two hex digits
   * anywhere in the URL (reported by the maintainers of apig-wsgi, adamchainz/apig-wsgi#102, and of
   * fireprox, ustayready/fireprox#27), so the local endpoint does the same rather than guess what
   * was meant: {@code myip=fe80::1%eth0} must be sent as {@code fe80::1%25eth0}.
   *
   * @param target the target as sent, one char per byte
   */
  static Optional<String> targetProblem(String target) {
    if (!target.startsWith("/") && !hasHttpScheme(target)) {
      return Optional.of("the request target is neither a path ('/…') nor an absolute http URL");
    }
    for (int i = target.indexOf('%'); i >= 0; i = target.indexOf('%', i + 1)) {
      if (i + 2 >= target.length()
          || hex(target.charAt(i + 1)) < 0
          || hex(target.charAt(i + 2)) < 0) {
        return Optional.of(
            "the request target has a '%' that is not followed by two hex digits (API"
                + " Gateway refuses that with a 400 too); send a literal '%' as %25");
      }
    }
    return Optional.empty();
  }

  /**
   * Splits a target that {@link #targetProblem} accepted. Bytes outside ASCII are read as UTF-8, as
   * API Gateway does; an absolute URL (which HTTP/1.1 servers must accept) loses its scheme and
   * authority.
   *
   * @param target the target as sent, one char per byte
   */
  static Target target(String target) {
    String text = new String(target.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    if (hasHttpScheme(text)) {
      int authority = text.indexOf("//") + 2;
      int end = authority;
      while (end < text.length() && text.charAt(end) != '/' && text.charAt(end) != '?') {
        end++;
      }
      text =
          end < text.length() && text.charAt(end) == '/'
              ? text.substring(end)
              : "/" + text.substring(end);
    }
    int question = text.indexOf('?');
    return question < 0
        ? new Target(text, null)
        : new Target(text.substring(0, question), text.substring(question + 1));
  }

  private static boolean hasHttpScheme(String target) {
    String lower = target.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://");
  }

  /**
   * Splits and percent-decodes a query string as API Gateway does: {@code +} stays a plus, and each
   * escape is decoded once. The server refuses a malformed escape before this is reached ({@link
   * #targetProblem}); should one arrive anyway it stays as sent rather than fail.
   */
  static Map<String, List<String>> queryParameters(String rawQuery) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
      out.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return out;
  }

  static String percentDecode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (c == '%'
          && i + 2 < text.length()
          && hex(text.charAt(i + 1)) >= 0
          && hex(text.charAt(i + 2)) >= 0) {
        bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
        i += 3;
      } else {
        byte[] encoded = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        i += Character.charCount(c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
