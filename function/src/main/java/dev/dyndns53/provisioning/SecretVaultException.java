package dev.dyndns53.provisioning;

/** The secret store failed in a way that retrying here will not mend (access denied, 5xx). */
public final class SecretVaultException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SecretVaultException(String message, Throwable cause) {
    super(message, cause);
  }

  public SecretVaultException(String message) {
    super(message);
  }
}
