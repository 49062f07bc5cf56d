package dev.dyndns53.acme;

import dev.dyndns53.json.Json;
import java.util.Map;

/**
 * What an ACME client gets back: JSON, since both clients send {@code Accept: application/json}.
 *
 * <p>Success echoes the request's {@code fqdn} and {@code value}: acme.sh's {@code dns_acmeproxy}
 * counts a call as done only when the answer contains the value in quotes (and lego's {@code
 * httpreq} accepts any status below 400). So an error answer never contains the value.
 *
 * @param status the HTTP status
 * @param headers response headers (Content-Type, and the Basic challenge on a 401)
 * @param body a JSON object
 */
public record AcmeAnswer(int status, Map<String, String> headers, String body) {
  static final String CONTENT_TYPE = "application/json";
  // The realm of the dyndns2 answers, so a client that stored credentials for one uses them here.
  static final String REALM = "Basic realm=\"dyndns53\"";

  public AcmeAnswer {
    headers = Map.copyOf(headers);
  }

  static AcmeAnswer done(String fqdn, String value) {
    return new AcmeAnswer(
        200,
        Map.of("Content-Type", CONTENT_TYPE),
        "{\"fqdn\":" + Json.quote(fqdn) + ",\"value\":" + Json.quote(value) + "}\n");
  }

  /** An error: {@code {"error": "<sentence>"}}, with the Basic challenge on a 401. */
  static AcmeAnswer error(int status, String sentence) {
    Map<String, String> headers =
        status == 401
            ? Map.of("Content-Type", CONTENT_TYPE, "WWW-Authenticate", REALM)
            : Map.of("Content-Type", CONTENT_TYPE);
    return new AcmeAnswer(status, headers, "{\"error\":" + Json.quote(sentence) + "}\n");
  }
}
