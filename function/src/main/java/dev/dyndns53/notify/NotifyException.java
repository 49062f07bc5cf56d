package dev.dyndns53.notify;

/** A notification that could not be sent; logged and counted, never shown to the router. */
public final class NotifyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String errorCode;

  /**
   * @param errorCode the service's error code, an HTTP status (such as {@code HTTP503}) or a short
   *     name for the failure (such as {@code Timeout})
   */
  public NotifyException(String errorCode, String message, Throwable cause) {
    super(message, cause);
    this.errorCode = errorCode;
  }

  public String errorCode() {
    return errorCode;
  }
}
