package dev.dyndns53.provisioning;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code Custom::Dyndns53UserSecret} resource: Create and Update make sure the secret named by
 * the {@value #SECRET_NAME} property exists for the user named by {@value #USER_NAME} ({@link
 * UserSecretProvisioner}); Delete does nothing, ever. The stack also gives the resource {@code
 * DeletionPolicy: Retain}, so CloudFormation normally sends no Delete at all; this is the second
 * lock, for the Delete a rollback or a replaced physical id can still send.
 *
 * <p>The physical id is the secret's name, so a change of name (a new secret namespace) is a
 * replacement, and the old name's secret stays.
 */
public final class UserSecretResource {
  public static final String SECRET_NAME = "SecretName";
  public static final String USER_NAME = "UserName";

  /** The function's IAM scope: only names under {@code dyndns53/}. */
  private static final Pattern ALLOWED_NAME = Pattern.compile("dyndns53/[A-Za-z0-9-]+/[^/]+");

  private final UserSecretProvisioner provisioner;

  public UserSecretResource(UserSecretProvisioner provisioner) {
    this.provisioner = Objects.requireNonNull(provisioner, "provisioner");
  }

  /**
   * Handles one request.
   *
   * @param within how long the store may keep refusing a name (the function's remaining time less a
   *     margin for the answer)
   */
  public CustomResourceResponse handle(CustomResourceRequest request, Duration within) {
    String fallbackId = request.physicalResourceId().orElse(request.logicalResourceId());
    if (request.requestType().equals("Delete")) {
      return new CustomResourceResponse(
          true, "Retained: dyndns53 never deletes a user's secret", fallbackId);
    }
    if (!request.requestType().equals("Create") && !request.requestType().equals("Update")) {
      return new CustomResourceResponse(
          false, "unknown RequestType " + request.requestType(), fallbackId);
    }
    String secretName = request.properties().get(SECRET_NAME);
    String userName = request.properties().get(USER_NAME);
    if (secretName == null || userName == null || !ALLOWED_NAME.matcher(secretName).matches()) {
      return new CustomResourceResponse(
          false,
          "the resource needs the properties "
              + SECRET_NAME
              + " (dyndns53/<namespace>/<user>) and "
              + USER_NAME
              + "; got "
              + request.properties().keySet(),
          fallbackId);
    }
    try {
      UserSecretProvisioner.Outcome outcome = provisioner.ensure(secretName, userName, within);
      return new CustomResourceResponse(
          true,
          secretName + ": " + outcome.action().name().toLowerCase(java.util.Locale.ROOT),
          secretName);
    } catch (SecretVaultException failed) {
      // A failed Create still names the secret, so the Delete of the rollback that follows names it
      // too (and does nothing).
      return new CustomResourceResponse(false, failed.getMessage(), secretName);
    }
  }
}
