package dev.dyndns53.checkip;

import dev.dyndns53.address.IpAddress;
import dev.dyndns53.json.Json;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Tells callers their address in checkip.dyndns.org's format, so a router behind another router
 * learns its public address from the same service it updates: {@code Current IP Address:
 * 203.0.113.7} in a small HTML page. ddclient's {@code use=web} and inadyn's {@code checkip-server}
 * take the first address they find in the page. No credentials: the address is the caller's own,
 * and the stage's throttling bounds the cost.
 *
 * <p>The address is the one the update path uses when {@code myip} is absent (API Gateway's {@code
 * requestContext.identity.sourceIp}), so the page shows exactly what an update without {@code myip}
 * would write.
 */
public final class CheckIpService {
  static final String CONTENT_TYPE = "text/html; charset=utf-8";

  private final Consumer<String> log;

  /**
   * @param log receives one JSON line per request
   */
  public CheckIpService(Consumer<String> log) {
    this.log = log;
  }

  /** The answer for a caller whose address the edge saw as {@code sourceAddress}. */
  public CheckIpAnswer handle(String sourceAddress, String requestId) {
    // Parsed, not echoed: only an address literal reaches the page, in its canonical spelling.
    Optional<IpAddress> address =
        sourceAddress == null ? Optional.empty() : IpAddress.parse(sourceAddress);
    CheckIpAnswer answer =
        address
            .map(a -> new CheckIpAnswer(200, headers(), page(a.toString())))
            .orElseGet(
                () ->
                    new CheckIpAnswer(
                        500, Map.of("Content-Type", "text/plain; charset=utf-8"), "911\n"));
    StringBuilder line = new StringBuilder(160).append("{\"requestId\":");
    Json.quote(line, String.valueOf(requestId)).append(",\"endpoint\":\"checkip\",\"source\":");
    Json.quote(line, String.valueOf(sourceAddress)).append(",\"status\":").append(answer.status());
    if (address.isEmpty()) {
      line.append(",\"level\":\"ERROR\",\"reason\":\"the edge gave no usable source address\"");
    }
    log.accept(line.append('}').toString());
    return answer;
  }

  // checkip.dyndns.org answers with "Cache-Control: no-cache", and so does this: a cached page
  // would show a router its old address.
  private static Map<String, String> headers() {
    return Map.of("Content-Type", CONTENT_TYPE, "Cache-Control", "no-cache");
  }

  static String page(String address) {
    return "<html><head><title>Current IP Check</title></head><body>Current IP Address: "
        + address
        + "</body></html>\r\n";
  }

  /**
   * The HTTP answer.
   *
   * @param status 200, or 500 when the edge gave no source address
   * @param headers response headers
   * @param body the page
   */
  public record CheckIpAnswer(int status, Map<String, String> headers, String body) {
    public CheckIpAnswer {
      headers = Map.copyOf(headers);
    }
  }
}
