package dev.dyndns53.credentials;

import dev.dyndns53.aws.AwsFailure;
import dev.dyndns53.credentials.UserPasswords.SecretProblem;
import dev.dyndns53.json.Json;
import dev.dyndns53.json.JsonSyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.APIErrorType;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;

/**
 * The {@link CredentialStore} on Secrets Manager: the password of user {@code u} is the {@code
 * password} key of the JSON secret named {@code prefix + u}, the shape a CloudFormation-generated
 * secret has: {@code {"username": "u", "password": "…"}}.
 *
 * <p>All users' secrets are read with {@code BatchGetSecretValue}, {@value #MAX_IDS_PER_CALL} ids a
 * call (the API's limit), following {@code NextToken} until the answer is complete. A secret that
 * Secrets Manager lists under {@code Errors} (missing, denied, undecryptable) or whose content is
 * wrong is that user's {@link UserPasswords.SecretProblem}, with the AWS error code or one of
 * {@code MalformedSecret}, {@code MissingPassword}, {@code UsernameMismatch}, {@code NotReturned}.
 * A call that fails as a whole is a {@link CredentialStoreException} whose code is the AWS error
 * code (such as {@code AccessDeniedException}, {@code ThrottlingException}) or one of {@code
 * Timeout}, {@code IoError}, {@code Unreadable}, {@code ClientError} for failures without one.
 *
 * <p>No message and no exception in the chain ever holds a secret or any part of it: the secret
 * text goes only to {@link Json#parse}, whose errors are reported by line and column alone, and an
 * SDK client-side exception (which could quote a response body) is described by its class names
 * instead of being chained. Service errors are chained as they are: an error response carries no
 * secret value.
 */
public final class SecretsManagerCredentialStore implements CredentialStore {
  /** BatchGetSecretValue takes at most 20 entries in {@code SecretIdList} (API reference). */
  public static final int MAX_IDS_PER_CALL = 20;

  // Pages one SecretIdList may take before the answer is given up as unreadable. Secrets Manager
  // pages by response size; 20 secrets of a few hundred bytes fit one page, so this only stops a
  // NextToken that never ends.
  private static final int MAX_PAGES_PER_CALL = MAX_IDS_PER_CALL;

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

  @Override
  public UserPasswords passwords(Set<String> users) {
    Objects.requireNonNull(users, "users");
    // Sorted, so the calls (and their order) depend on the configuration alone.
    List<String> ordered = new ArrayList<>(new TreeSet<>(users));
    Map<String, String> userBySecret = new HashMap<>();
    ordered.forEach(user -> userBySecret.put(secretName(user), user));
    Map<String, String> passwords = new HashMap<>();
    Map<String, SecretProblem> problems = new HashMap<>();
    for (int from = 0; from < ordered.size(); from += MAX_IDS_PER_CALL) {
      List<String> secretIds =
          ordered.subList(from, Math.min(ordered.size(), from + MAX_IDS_PER_CALL)).stream()
              .map(this::secretName)
              .toList();
      String nextToken = null;
      int pages = 0;
      do {
        if (++pages > MAX_PAGES_PER_CALL) {
          throw new CredentialStoreException(
              "Unreadable",
              "Secrets Manager BatchGetSecretValue"
                  + " kept answering with a NextToken after "
                  + MAX_PAGES_PER_CALL
                  + " pages for "
                  + secretIds.size()
                  + " secrets",
              null);
        }
        BatchGetSecretValueResponse page = call(secretIds, nextToken);
        for (SecretValueEntry value : page.secretValues()) {
          String user = userBySecret.get(value.name());
          if (user == null) {
            continue;
          }
          try {
            passwords.put(user, passwordFrom(value.secretString(), value.name(), user));
            problems.remove(user);
          } catch (CredentialStoreException unreadable) {
            problems.put(user, new SecretProblem(unreadable.errorCode(), unreadable.getMessage()));
          }
        }
        for (APIErrorType error : page.errors()) {
          String user = userBySecret.get(error.secretId());
          if (user != null && !passwords.containsKey(user)) {
            problems.put(
                user,
                new SecretProblem(
                    error.errorCode() == null ? "UnknownError" : error.errorCode(),
                    "Secrets Manager could not read secret "
                        + error.secretId()
                        + ": "
                        + error.message()));
          }
        }
        nextToken = page.nextToken();
      } while (nextToken != null && !nextToken.isEmpty());
    }
    for (String user : ordered) {
      if (!passwords.containsKey(user) && !problems.containsKey(user)) {
        problems.put(
            user,
            new SecretProblem(
                "NotReturned",
                "Secrets Manager BatchGetSecretValue"
                    + " returned neither a value nor an error for secret "
                    + secretName(user)));
      }
    }
    return new UserPasswords(passwords, problems);
  }

  private BatchGetSecretValueResponse call(List<String> secretIds, String nextToken) {
    try {
      return secretsManager.batchGetSecretValue(
          r -> r.secretIdList(secretIds).nextToken(nextToken));
    } catch (SdkException failure) {
      AwsFailure reason = AwsFailure.of(failure);
      throw new CredentialStoreException(
          reason.code(),
          "Secrets Manager BatchGetSecretValue for "
              + secretIds.size()
              + " secrets ("
              + secretIds.get(0)
              + (secretIds.size() > 1 ? ", …" : "")
              + ") failed: "
              + reason.description(),
          // A service error response holds no secret; a client-side exception might quote a
          // fragment of a successful response, which holds the secrets, so it is not chained.
          failure instanceof AwsServiceException ? failure : null);
    }
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
