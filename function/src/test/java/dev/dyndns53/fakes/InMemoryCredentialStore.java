package dev.dyndns53.fakes;

import dev.dyndns53.credentials.CredentialStore;
import dev.dyndns53.credentials.CredentialStoreException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Passwords in memory, for protocol tests; can be made to fail like an unreachable store. */
public final class InMemoryCredentialStore implements CredentialStore {
  public final Map<String, String> passwords = new HashMap<>();
  public CredentialStoreException failure;
  public int reads;

  @Override
  public Optional<String> password(String user) {
    reads++;
    if (failure != null) {
      throw failure;
    }
    return Optional.ofNullable(passwords.get(user));
  }
}
