package dev.dyndns53.credentials;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link CredentialStore} read for a set of users: a password per user, or for a user whose
 * secret is missing or unreadable, the problem (for the operator's log; a client is told nothing).
 *
 * <p>{@link #toString()} shows user names and problems only, never a password.
 */
public record UserPasswords(Map<String, String> passwords, Map<String, SecretProblem> problems) {

  /**
   * Why one user's secret gave no password.
   *
   * @param code the backend's error code (such as {@code ResourceNotFoundException}) or a short
   *     name for what is wrong with the secret's content (such as {@code MissingPassword})
   * @param message what failed and how to fix it; never any part of the secret
   */
  public record SecretProblem(String code, String message) {}

  // Codes that say nothing about the secret itself, only that Secrets Manager could not answer
  // for it this time: a set holding one of these is not cached, so the next request asks again.
  private static final Set<String> PASSING_CODES =
      Set.of("ThrottlingException", "InternalServiceError", "Timeout", "IoError");

  public UserPasswords {
    passwords = Map.copyOf(passwords);
    problems = Map.copyOf(problems);
  }

  /** The user's password, if the store had a usable one. */
  public Optional<String> password(String user) {
    return Optional.ofNullable(passwords.get(user));
  }

  /** Why the user's secret gave no password, if it did not. */
  public Optional<SecretProblem> problem(String user) {
    return Optional.ofNullable(problems.get(user));
  }

  /**
   * Whether some secret could not be read for a passing reason, so the set is worth reading again.
   */
  public boolean hasPassingProblem() {
    return problems.values().stream().anyMatch(p -> PASSING_CODES.contains(p.code()));
  }

  @Override
  public String toString() {
    return "UserPasswords[users with a password="
        + passwords.keySet().stream().sorted().toList()
        + ", problems="
        + problems
        + "]";
  }
}
