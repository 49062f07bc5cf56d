package dev.dyndns53.dyndns2;

import dev.dyndns53.credentials.CredentialStore;
import dev.dyndns53.credentials.CredentialStoreException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Passwords in memory, for protocol tests; can be made to fail like an unreachable store. */
final class InMemoryCredentialStore implements CredentialStore {
  final Map<String, String> passwords = new HashMap<>();
  CredentialStoreException failure;
  int reads;

  @Override
  public Optional<String> password(String user) {
    reads++;
    if (failure != null) {
      throw failure;
    }
    return Optional.ofNullable(passwords.get(user));
  }
}
