package dev.dyndns53.fakes;

import dev.dyndns53.credentials.CredentialStore;
import dev.dyndns53.credentials.CredentialStoreException;
import dev.dyndns53.credentials.UserPasswords;
import dev.dyndns53.credentials.UserPasswords.SecretProblem;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Passwords in memory, for protocol tests; can be made to fail like an unreachable store. A user
 * asked for without a password is reported as Secrets Manager reports a missing secret.
 */
public final class InMemoryCredentialStore implements CredentialStore {
  public final Map<String, String> passwords = new HashMap<>();
  public CredentialStoreException failure;
  public int reads;

  @Override
  public UserPasswords passwords(Set<String> users) {
    reads++;
    if (failure != null) {
      throw failure;
    }
    Map<String, String> found = new HashMap<>();
    Map<String, SecretProblem> problems = new HashMap<>();
    for (String user : users) {
      if (passwords.containsKey(user)) {
        found.put(user, passwords.get(user));
      } else {
        problems.put(
            user,
            new SecretProblem(
                "ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
      }
    }
    return new UserPasswords(found, problems);
  }
}
