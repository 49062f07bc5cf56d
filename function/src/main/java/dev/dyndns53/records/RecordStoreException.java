package dev.dyndns53.records;

/** A record store call that failed, with what a client should make of it. */
public final class RecordStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure this is, which decides the answer to the client. */
  public enum Kind {
    /**
     * The backend refused the request itself (invalid change batch, no such zone, access denied):
     * the configuration or the zone needs fixing. Answered {@code dnserr}.
     */
    REJECTED,
    /**
     * The backend was throttled past the retry budget, timed out, failed or answered something
     * unreadable. Answered {@code 911}: the client retries later.
     */
    UNAVAILABLE
  }

  private final Kind kind;
  private final String errorCode;

  /**
   * @param kind what the client should make of it
   * @param errorCode the backend's error code (such as {@code Throttling}) or a short name for the
   *     failure (such as {@code Timeout}), for the log
   */
  public RecordStoreException(Kind kind, String errorCode, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.errorCode = errorCode;
  }

  public Kind kind() {
    return kind;
  }

  public String errorCode() {
    return errorCode;
  }
}
