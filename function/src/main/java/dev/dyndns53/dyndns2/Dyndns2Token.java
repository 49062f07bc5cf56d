package dev.dyndns53.dyndns2;

/**
 * The dyndns2 return codes dyndns53 answers with (Dyn's "Return Codes", plus Google's {@code
 * conflict}). {@code good} and {@code nochg} carry the address after a space.
 */
public enum Dyndns2Token {
  /** Updated; the address follows. */
  GOOD("good"),
  /** Already that address; success, nothing written. */
  NOCHG("nochg"),
  /** Missing, malformed or wrong credentials. */
  BADAUTH("badauth"),
  /** No host name, or a name that is not fully qualified. */
  NOTFQDN("notfqdn"),
  /** The name is not one this user may update. */
  NOHOST("nohost"),
  /** More than 20 host names in one request. */
  NUMHOST("numhost"),
  /** A request this service will not carry out: method, address or record type not allowed. */
  BADAGENT("badagent"),
  /**
   * The host's record set has a shape dyndns53 did not create (alias, weighted, several values).
   */
  CONFLICT("conflict"),
  /** Route 53 refused the change; see the log. Retry later. */
  DNSERR("dnserr"),
  /** Server-side trouble (AWS throttled or unavailable). Retry later. */
  SERVER_ERROR("911");

  private final String text;

  Dyndns2Token(String text) {
    this.text = text;
  }

  /** The token as it appears on the wire. */
  public String text() {
    return text;
  }

  /** Whether the client should retry the same request later (server-side trouble). */
  public boolean retryLater() {
    return this == DNSERR || this == SERVER_ERROR;
  }

  public boolean success() {
    return this == GOOD || this == NOCHG;
  }
}
