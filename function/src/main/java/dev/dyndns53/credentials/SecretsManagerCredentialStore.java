package dev.dyndns53.credentials;

import dev.dyndns53.aws.AwsFailure;
import dev.dyndns53.json.Json;
import dev.dyndns53.json.JsonSyntaxException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * The {@link CredentialStore} on Secrets Manager: the password of user {@code u} is the {@code
 * password} key of the JSON secret named {@code prefix + u}, the shape a CloudFormation-generated
 * secret has: {@code {"username": "u", "password": "…"}}.
 *
 * <p>Every failure is a {@link CredentialStoreException} whose code is the AWS error code (such as
 * {@code ResourceNotFoundException}, {@code AccessDeniedException}, {@code DecryptionFailure}), one
 * of {@code Timeout}, {@code IoError}, {@code Unreadable}, {@code ClientError} for failures without
 * one, or for a secret whose content is wrong {@code MalformedSecret}, {@code MissingPassword} or
 * {@code UsernameMismatch}. A missing secret is a failure too, not an empty answer: the stack
 * creates a secret for every configured user, so a missing one is a deployment fault, not a wrong
 * password.
 *
 * <p>No message and no exception in the chain ever holds the secret or any part of it: the secret
 * text goes only to {@link Json#parse}, whose errors are reported by line and column alone, and an
 * SDK client-side exception (which could quote a response body) is described by its class names
 * instead of being chained. Service errors are chained as they are: an error response carries no
 * secret value.
 */
public final class SecretsManagerCredentialStore implements CredentialStore {

  private final SecretsManagerClient secretsManager;
  private final String secretNamePrefix;

  /**
   * @param secretsManager a client built by {@link dev.dyndns53.aws.AwsClients}, or any client with
   *     the retries and timeouts the caller wants
   * @param secretNamePrefix what precedes the user name in the secret's name, such as {@code
   *     dyndns53/Dyndns53/}
   */
  public SecretsManagerCredentialStore(
      SecretsManagerClient secretsManager, String secretNamePrefix) {
    this.secretsManager = Objects.requireNonNull(secretsManager, "secretsManager");
    this.secretNamePrefix = Objects.requireNonNull(secretNamePrefix, "secretNamePrefix");
  }

  /** The name of the secret that holds {@code user}'s password. */
  public String secretName(String user) {
    return secretNamePrefix + user;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Never empty: a user without a secret is reported as a {@link CredentialStoreException} with
   * code {@code ResourceNotFoundException}.
   */
  @Override
  public Optional<String> password(String user) {
    Objects.requireNonNull(user, "user");
    String secretName = secretName(user);
    GetSecretValueResponse response;
    try {
      response = secretsManager.getSecretValue(r -> r.secretId(secretName));
    } catch (SdkException failure) {
      AwsFailure reason = AwsFailure.of(failure);
      throw new CredentialStoreException(
          reason.code(),
          "Secrets Manager GetSecretValue for secret "
              + secretName
              + " failed: "
              + reason.description(),
          // A service error response holds no secret; a client-side exception might quote a
          // fragment of a successful response, which is the secret, so it is not chained.
          failure instanceof AwsServiceException ? failure : null);
    }
    return Optional.of(passwordFrom(response.secretString(), secretName, user));
  }

  private static String passwordFrom(String secretString, String secretName, String user) {
    if (secretString == null) {
      throw unreadable(
          "MalformedSecret", secretName, "has no SecretString (a binary secret?); " + fix(user));
    }
    Object document;
    try {
      document = Json.parse(secretString);
    } catch (JsonSyntaxException notJson) {
      // Only the position: the parser's message may quote a character of the secret.
      throw unreadable(
          "MalformedSecret",
          secretName,
          "is not valid JSON (line "
              + notJson.line()
              + ", column "
              + notJson.column()
              + "); "
              + fix(user));
    }
    if (!(document instanceof Map<?, ?> fields)) {
      throw unreadable("MalformedSecret", secretName, "is JSON but not an object; " + fix(user));
    }
    // The secret must name the user it belongs to, as the generated secrets do. A secret that
    // names someone else was wired to the wrong user, and accepting its password would let that
    // other user's router update this user's hosts. The name found is not logged.
    if (!user.equals(fields.get("username"))) {
      throw unreadable(
          "UsernameMismatch",
          secretName,
          "does not hold \"username\": \""
              + user
              + "\"; it belongs to another user or lacks the key. Fix the secret's username, or"
              + " the user's secret name");
    }
    if (!(fields.get("password") instanceof String password) || password.isEmpty()) {
      throw unreadable(
          "MissingPassword",
          secretName,
          "has no non-empty string \"password\" key; set one (or rotate the secret to generate"
              + " one)");
    }
    return password;
  }

  private static String fix(String user) {
    return "store {\"username\": \"" + user + "\", \"password\": \"…\"} as its text";
  }

  private static CredentialStoreException unreadable(String code, String secretName, String what) {
    return new CredentialStoreException(
        code, "Secrets Manager secret " + secretName + " " + what, null);
  }
}
