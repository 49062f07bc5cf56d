package dev.dyndns53.infra;

/**
 * A valid configuration that this stack still cannot deploy because it would exceed an AWS quota,
 * such as IAM's policy size limits. The message names the quota and what to change.
 */
public final class DeploymentLimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DeploymentLimitException(String message) {
    super(message);
  }
}
