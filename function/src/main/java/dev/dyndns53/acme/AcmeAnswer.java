package dev.dyndns53.acme;

import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers an ACME client gets: JSON, since both clients send {@code Accept: application/json}.
 *
 * <p>Success echoes the request's {@code fqdn} and {@code value}: acme.sh's {@code dns_acmeproxy}
 * counts a call as done only when the answer contains the value in quotes (and lego's {@code
 * httpreq} accepts any status below 400). So an error answer never contains the value.
 *
 * <p>Headers: Content-Type, and the Basic challenge on a 401.
 */
final class AcmeAnswer {
  static final String CONTENT_TYPE = "application/json";
  // The realm of the dyndns2 answers, so a client that stored credentials for one uses them here.
  static final String REALM = HttpAnswer.REALM;

  private AcmeAnswer() {}

  static HttpAnswer done(String fqdn, String value) {
    return new HttpAnswer(
        200,
        Map.of("Content-Type", CONTENT_TYPE),
        Json.write(fields("fqdn", fqdn, "value", value)) + "\n");
  }

  /** An error: {@code {"error": "<sentence>"}}, with the Basic challenge on a 401. */
  static HttpAnswer error(int status, String sentence) {
    Map<String, String> headers =
        status == 401
            ? Map.of("Content-Type", CONTENT_TYPE, "WWW-Authenticate", REALM)
            : Map.of("Content-Type", CONTENT_TYPE);
    return new HttpAnswer(status, headers, Json.write(fields("error", sentence)) + "\n");
  }

  /**
   * The dyndns2 token of the same meaning as a status, for the {@code Answer} metric dimension
   * (whose values stay the ten tokens): a refused credential is {@code badauth}, a host the user
   * may not change {@code nohost}, a set dyndns53 does not own {@code conflict}, a request the
   * client got wrong {@code badagent}, a Route 53 refusal {@code dnserr}, anything to retry {@code
   * 911}.
   */
  static String token(int status) {
    return switch (status) {
      case 200 -> "good";
      case 401 -> "badauth";
      case 403 -> "nohost";
      case 409 -> "conflict";
      case 500 -> "dnserr";
      default -> status >= 500 ? "911" : "badagent";
    };
  }

  private static Map<String, Object> fields(String... namesAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      out.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return out;
  }
}
