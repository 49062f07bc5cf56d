package dev.dyndns53.credentials;

import java.util.Set;

/**
 * Where users' passwords live (Secrets Manager in production).
 *
 * <p>Passwords are read for all configured users together, never for the one user a request names:
 * a request for a configured and for an unknown name then costs the store the same calls, so
 * neither the time of an answer nor the answer during an outage tells which names exist.
 */
public interface CredentialStore {

  /**
   * Reads the current passwords of these users, all together.
   *
   * @return every user's password, or for a user whose secret is missing or unreadable, why
   * @throws CredentialStoreException when the store cannot answer at all; never mistaken for a
   *     wrong password, since an outage must not lock routers out as if their password were wrong
   */
  UserPasswords passwords(Set<String> users);
}
