package dev.dyndns53.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.dyndns53.envelope.Routes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** REST proxy events in the shape API Gateway sends (see events/*.json), built per test. */
final class ProxyEventBuilder {
  private final Map<String, List<String>> query = new LinkedHashMap<>();
  private final Map<String, String> headers = new LinkedHashMap<>();
  private String method = "GET";
  private String source = "198.51.100.1";
  private String path = "/nic/update";
  private String body;

  static ProxyEventBuilder get() {
    return new ProxyEventBuilder();
  }

  ProxyEventBuilder method(String method) {
    this.method = method;
    return this;
  }

  ProxyEventBuilder param(String name, String value) {
    query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    return this;
  }

  ProxyEventBuilder basicAuth(String user, String password) {
    return header(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  ProxyEventBuilder header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** The event's path, as API Gateway sends it (without the stage on its own host name). */
  ProxyEventBuilder path(String path) {
    this.path = path;
    return this;
  }

  ProxyEventBuilder body(String body) {
    this.body = body;
    return this;
  }

  ProxyEventBuilder source(String address) {
    this.source = address;
    return this;
  }

  APIGatewayProxyRequestEvent build() {
    Map<String, String> single = new LinkedHashMap<>(headers);
    single.putIfAbsent("User-Agent", "ddclient/3.10.0");
    Map<String, List<String>> multi = new LinkedHashMap<>();
    single.forEach((k, v) -> multi.put(k, List.of(v)));
    Map<String, String> singleQuery = new LinkedHashMap<>();
    query.forEach((k, v) -> singleQuery.put(k, v.get(v.size() - 1)));
    return new APIGatewayProxyRequestEvent()
        .withResource(Routes.match(path).map(Routes::path).orElse(path))
        .withPath(path)
        .withBody(body)
        .withHttpMethod(method)
        .withHeaders(single)
        .withMultiValueHeaders(multi)
        .withQueryStringParameters(singleQuery.isEmpty() ? null : singleQuery)
        .withMultiValueQueryStringParameters(query.isEmpty() ? null : query)
        .withRequestContext(
            new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId(UUID.randomUUID().toString())
                .withStage("v1")
                .withHttpMethod(method)
                .withIdentity(
                    new APIGatewayProxyRequestEvent.RequestIdentity().withSourceIp(source)))
        .withIsBase64Encoded(false);
  }
}
