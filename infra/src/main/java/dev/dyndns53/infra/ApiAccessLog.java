package dev.dyndns53.infra;

import dev.dyndns53.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API's access log line: one JSON object per request, built only from {@code $context}
 * variables that say who called, what happened and how long it took. It deliberately contains no
 * request header, no query string and nothing from an authorizer: routers send their password in
 * the {@code Authorization} header, and some (Fritz!Box) can be configured to put it in the query.
 */
final class ApiAccessLog {
  /** Field name to {@code $context} variable; all values are written as JSON strings. */
  static final Map<String, String> FIELDS = fields();

  private ApiAccessLog() {}

  private static Map<String, String> fields() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("requestId", "$context.requestId");
    f.put("extendedRequestId", "$context.extendedRequestId");
    f.put("ip", "$context.identity.sourceIp");
    f.put("requestTime", "$context.requestTime");
    f.put("httpMethod", "$context.httpMethod");
    f.put("domainName", "$context.domainName");
    f.put("path", "$context.path");
    f.put("resourcePath", "$context.resourcePath");
    f.put("protocol", "$context.protocol");
    f.put("status", "$context.status");
    f.put("responseLength", "$context.responseLength");
    f.put("responseLatency", "$context.responseLatency");
    f.put("userAgent", "$context.identity.userAgent");
    // For a Lambda proxy integration, integration.status is the statusCode the function returned,
    // and integration.integrationStatus the status of Lambda's Invoke call itself (200 even when
    // the
    // function answered 500; 429 or 5xx when Lambda throttled or failed). API Gateway Developer
    // Guide, "Variables for access logging for REST APIs".
    f.put("functionStatus", "$context.integration.status");
    f.put("lambdaServiceStatus", "$context.integration.integrationStatus");
    f.put("integrationLatency", "$context.integration.latency");
    f.put("integrationError", "$context.integration.error");
    // Which gateway response answered (THROTTLED, INTEGRATION_TIMEOUT, ...), if one did.
    f.put("errorType", "$context.error.responseType");
    return Collections.unmodifiableMap(f);
  }

  /** The format string for {@code AccessLogFormat.custom}. */
  static String format() {
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, String> field : FIELDS.entrySet()) {
      Json.quote(out, field.getKey()).append(':');
      Json.quote(out, field.getValue()).append(',');
    }
    // messageString is already a quoted JSON string, so it goes in without quotes of its own.
    Json.quote(out, "errorMessage").append(":$context.error.messageString}");
    return out.toString();
  }
}
