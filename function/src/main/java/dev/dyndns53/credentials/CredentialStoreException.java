package dev.dyndns53.credentials;

/** The credential store could not answer (unavailable, throttled, denied or unreadable). */
public final class CredentialStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String errorCode;

  /**
   * @param errorCode the backend's error code (such as {@code ResourceNotFoundException}) or a
   *     short name for the failure, for the log; never a secret value
   */
  public CredentialStoreException(String errorCode, String message, Throwable cause) {
    super(message, cause);
    this.errorCode = errorCode;
  }

  public String errorCode() {
    return errorCode;
  }
}
