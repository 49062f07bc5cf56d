package dev.dyndns53.dyndns2;

import dev.dyndns53.config.ResponseStyle;
import dev.dyndns53.http.HttpAnswer;
import java.util.List;

/** Turns outcomes into HTTP answers under the configured response style. */
final class Answers {
  private Answers() {}

  /**
   * An answer with the same token on every line, for a request-level outcome (bad credentials,
   * server trouble, too many hosts).
   *
   * @param lines how many host names the request carried (at least one line is written)
   * @param credentialsMissing whether the request had no Authorization header at all
   */
  static HttpAnswer requestLevel(
      ResponseStyle style, Dyndns2Token token, int lines, boolean credentialsMissing) {
    String body = (token.text() + "\n").repeat(lines);
    int status =
        switch (style) {
          case DYNDNS2 -> token == Dyndns2Token.BADAUTH ? 401 : token.retryLater() ? 500 : 200;
          case STATUS_CODES ->
              token == Dyndns2Token.BADAUTH && credentialsMissing ? 401 : statusCode(token);
        };
    return answer(status, body);
  }

  /** An answer with one line per requested host, in request order. */
  static HttpAnswer forHosts(ResponseStyle style, List<HostOutcome> outcomes) {
    StringBuilder body = new StringBuilder();
    for (HostOutcome outcome : outcomes) {
      body.append(outcome.line()).append('\n');
    }
    int status =
        switch (style) {
          // Any line the client should retry makes the whole answer a 5xx: clients retry a request
          // as a whole, and re-sending the hosts that did succeed only costs a nochg.
          case DYNDNS2 -> outcomes.stream().anyMatch(o -> o.token().retryLater()) ? 500 : 200;
          // A request that wrote a record answers 200: an error status would tell the client that
          // nothing happened, and a client that then resends or gives up would misreport the
          // written
          // host (the body still has a line per host, errors included). Otherwise the most serious
          // line decides; server trouble first, as it is the one worth retrying.
          case STATUS_CODES ->
              outcomes.stream().anyMatch(o -> o.token() == Dyndns2Token.GOOD)
                  ? 200
                  : outcomes.stream()
                      .map(o -> statusCode(o.token()))
                      .max(Answers::severity)
                      .orElse(200);
        };
    return answer(status, body.toString());
  }

  /** The original DynDNS53 mapping of tokens to statuses. */
  private static int statusCode(Dyndns2Token token) {
    return switch (token) {
      case GOOD, NOCHG -> 200;
      case NOTFQDN, NUMHOST, BADAGENT, CONFLICT -> 400;
      case BADAUTH -> 403;
      case NOHOST -> 404;
      case DNSERR, SERVER_ERROR -> 500;
    };
  }

  private static int severity(int a, int b) {
    return Integer.compare(rank(a), rank(b));
  }

  private static int rank(int status) {
    return switch (status) {
      case 500 -> 4;
      case 403 -> 3;
      case 404 -> 2;
      case 400 -> 1;
      default -> 0;
    };
  }

  private static HttpAnswer answer(int status, String body) {
    return new HttpAnswer(status, HttpAnswer.headersFor(status), body);
  }
}
