package dev.dyndns53.history;

/**
 * A history store call that failed. Never changes an update's answer: the caller logs {@link
 * #errorCode()} and counts it.
 */
public final class HistoryStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String errorCode;

  /**
   * @param errorCode the service's error code (such as {@code ResourceNotFoundException}) or a
   *     short name for the failure (such as {@code Timeout})
   */
  public HistoryStoreException(String errorCode, String message, Throwable cause) {
    super(message, cause);
    this.errorCode = errorCode;
  }

  public String errorCode() {
    return errorCode;
  }
}
