package dev.dyndns53.provisioning;

import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The {@link SecretVault} on Secrets Manager. Uses DescribeSecret, GetRandomPassword, CreateSecret
 * and RestoreSecret, and nothing that reads or deletes a secret.
 */
public final class SecretsManagerVault implements SecretVault {
  private final SecretsManagerClient client;

  public SecretsManagerVault(SecretsManagerClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public State state(String name) {
    DescribeSecretResponse secret;
    try {
      secret = client.describeSecret(r -> r.secretId(name));
    } catch (ResourceNotFoundException absent) {
      return State.ABSENT;
    } catch (SdkException failed) {
      throw failure("DescribeSecret", name, failed);
    }
    return secret.deletedDate() == null ? State.PRESENT : State.SCHEDULED_FOR_DELETION;
  }

  @Override
  public String randomPassword(int length) {
    try {
      return client
          .getRandomPassword(
              r ->
                  r.passwordLength((long) length)
                      .excludePunctuation(true)
                      .includeSpace(false)
                      .requireEachIncludedType(true))
          .randomPassword();
    } catch (SdkException failed) {
      throw failure("GetRandomPassword", "", failed);
    }
  }

  @Override
  public Change create(String name, String description, String secretString) {
    try {
      client.createSecret(r -> r.name(name).description(description).secretString(secretString));
      return Change.DONE;
    } catch (ResourceExistsException exists) {
      return Change.ALREADY_EXISTS;
    } catch (InvalidRequestException busy) {
      // "You can't create this secret because a secret with this name is already scheduled for
      // deletion": a scheduled or a forced delete still in progress.
      return Change.NAME_BUSY;
    } catch (SdkException failed) {
      throw failure("CreateSecret", name, failed);
    }
  }

  @Override
  public Change restore(String name) {
    try {
      client.restoreSecret(r -> r.secretId(name));
      return Change.DONE;
    } catch (InvalidRequestException | ResourceNotFoundException busy) {
      // Gone or going between our look-up and the restore (a forced delete in progress).
      return Change.NAME_BUSY;
    } catch (SdkException failed) {
      throw failure("RestoreSecret", name, failed);
    }
  }

  private static SecretVaultException failure(String call, String name, SdkException failed) {
    // The SDK's message names the error code and AWS's message, never a secret value (we send
    // one only in CreateSecret's request, which no exception message repeats).
    return new SecretVaultException(
        call + (name.isEmpty() ? "" : " of " + name) + " failed: " + failed.getMessage(), failed);
  }
}
