package dev.dyndns53.credentials;

import java.util.Optional;

/** Where users' passwords live (Secrets Manager in production). */
public interface CredentialStore {

  /**
   * Returns the current password of a configured user.
   *
   * @return the password, or empty when the store holds none for this user
   * @throws CredentialStoreException when the store cannot answer; never mistaken for a wrong
   *     password, since an outage must not lock routers out as if their password were wrong
   */
  Optional<String> password(String user);
}
