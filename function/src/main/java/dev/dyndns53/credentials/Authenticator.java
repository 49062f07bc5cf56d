package dev.dyndns53.credentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a user's password without telling an attacker which part was wrong.
 *
 * <p>Both sides are hashed with SHA-256 and compared with {@link MessageDigest#isEqual}, which
 * takes the same time whatever the content, so the comparison leaks neither the password's length
 * nor how many leading characters matched. An unknown user is compared against a dummy password,
 * so it takes the same path as a known user with a wrong password.
 */
public final class Authenticator {
  // Compared against when the user is unknown, so that path does the same work as a known user
  // with a wrong password. Even a request whose password were this text fails: `known` is false.
  private static final byte[] DUMMY_DIGEST = sha256("dyndns53: no such user");

  private final Set<String> users;
  private final CredentialStore store;

  /**
   * @param users the configured user names; only these are looked up in the store
   * @param store where passwords come from
   */
  public Authenticator(Set<String> users, CredentialStore store) {
    this.users = Set.copyOf(users);
    this.store = store;
  }

  /**
   * Whether the credentials are a configured user's current password.
   *
   * @throws CredentialStoreException when the store cannot answer for a configured user
   */
  public boolean check(BasicCredentials credentials) {
    byte[] offered = sha256(credentials.password());
    byte[] expected = DUMMY_DIGEST;
    boolean known = users.contains(credentials.user());
    if (known) {
      Optional<String> password = store.password(credentials.user());
      if (password.isPresent()) {
        expected = sha256(password.get());
      } else {
        known = false;
      }
    }
    boolean match = MessageDigest.isEqual(offered, expected);
    return known & match;
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
