package dev.dyndns53.credentials;

import dev.dyndns53.credentials.UserPasswords.SecretProblem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a user's password without telling an attacker which part was wrong, or whether the name
 * exists.
 *
 * <p>Every check, whatever the name, asks the store for all configured users' passwords (a cached
 * set, or one read of all of them), so a configured and an unknown name cause the same calls and,
 * when the store is down, the same failure. Both sides are then hashed with SHA-256 and compared
 * with {@link MessageDigest#isEqual}, which takes the same time whatever the content, so the
 * comparison leaks neither the password's length nor how many leading characters matched. A name
 * without a password (unknown, or its secret missing) is compared against a dummy password.
 */
public final class Authenticator {
  // Compared against when the user has no password, so that path does the same work as a known
  // user with a wrong password. Even a request whose password were this text fails: `known` is
  // false.
  private static final String DUMMY_PASSWORD = "dyndns53: no such user";

  /** How a check came out. */
  public enum Result {
    ACCEPTED,
    WRONG_PASSWORD,
    UNKNOWN_USER,
    /** A configured user whose secret is missing or unreadable; answered like an unknown user. */
    SECRET_UNAVAILABLE
  }

  /**
   * A check's result, with the secret's problem for {@link Result#SECRET_UNAVAILABLE}, for the
   * operator's log only.
   */
  public record Verdict(Result result, Optional<SecretProblem> secretProblem) {
    public boolean accepted() {
      return result == Result.ACCEPTED;
    }
  }

  private final Set<String> users;
  private final CredentialStore store;

  /**
   * @param users the configured user names; all of their passwords are read together
   * @param store where passwords come from
   */
  public Authenticator(Set<String> users, CredentialStore store) {
    this.users = Set.copyOf(users);
    this.store = store;
  }

  /**
   * Whether the credentials are a configured user's current password, and if not, why.
   *
   * @throws CredentialStoreException when the store cannot answer; for every name alike
   */
  public Verdict check(BasicCredentials credentials) {
    UserPasswords all = store.passwords(users);
    boolean configured = users.contains(credentials.user());
    Optional<String> password = configured ? all.password(credentials.user()) : Optional.empty();
    boolean known = password.isPresent();
    byte[] offered = sha256(credentials.password());
    byte[] expected = sha256(password.orElse(DUMMY_PASSWORD));
    boolean match = MessageDigest.isEqual(offered, expected);
    if (known & match) {
      return new Verdict(Result.ACCEPTED, Optional.empty());
    }
    if (!configured) {
      return new Verdict(Result.UNKNOWN_USER, Optional.empty());
    }
    if (!known) {
      return new Verdict(
          Result.SECRET_UNAVAILABLE,
          all.problem(credentials.user())
              .or(
                  () ->
                      Optional.of(
                          new SecretProblem(
                              "NotReturned",
                              "the credential store returned nothing for" + " this user"))));
    }
    return new Verdict(Result.WRONG_PASSWORD, Optional.empty());
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException impossible) {
      // Every JDK must provide SHA-256 (java.security.MessageDigest's required algorithms).
      throw new IllegalStateException(impossible);
    }
  }
}
