package dev.dyndns53.checkip;

import dev.dyndns53.address.IpAddress;
import dev.dyndns53.envelope.Endpoint;
import dev.dyndns53.envelope.Exchange;
import dev.dyndns53.envelope.Refusal;
import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.http.HttpRequest;
import java.util.Map;
import java.util.Optional;

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
public final class CheckIpService implements Endpoint {
  static final String CONTENT_TYPE = "text/html; charset=utf-8";

  @Override
  public boolean authenticated() {
    return false;
  }

  /** The answer for a caller whose address the edge saw as the request's source address. */
  @Override
  public HttpAnswer serve(Exchange exchange) {
    String source = exchange.request().sourceAddress();
    // Parsed, not echoed: only an address literal reaches the page, in its canonical spelling.
    Optional<IpAddress> address = source == null ? Optional.empty() : IpAddress.parse(source);
    if (address.isEmpty()) {
      exchange.log().put("level", "ERROR");
      exchange.log().note("the edge gave no usable source address");
      return failed();
    }
    // checkip.dyndns.org answers with "Cache-Control: no-cache", and so does this: a cached page
    // would show a router its old address.
    return new HttpAnswer(
        200,
        Map.of("Content-Type", CONTENT_TYPE, "Cache-Control", "no-cache"),
        page(address.get().toString()));
  }

  @Override
  public HttpAnswer refused(Refusal refusal, HttpRequest request) {
    throw new IllegalStateException("checkip asks for no credentials");
  }

  /** {@code 911}, as the update path answers a failure on our side. */
  @Override
  public HttpAnswer failed() {
    return new HttpAnswer(500, HttpAnswer.headersFor(500), "911\n");
  }

  @Override
  public Summary summarize(HttpAnswer answer) {
    return new Summary(
        answer.status() == 200 ? "good" : answer.status() >= 500 ? "911" : "badagent", null);
  }

  static String page(String address) {
    return "<html><head><title>Current IP Check</title></head><body>Current IP Address: "
        + address
        + "</body></html>\r\n";
  }
}
