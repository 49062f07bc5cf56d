package dev.dyndns53.credentials;

import static dev.dyndns53.credentials.SecretsManagerCredentialStoreFaultTest.assertMarkerAbsent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dyndns53.testing.MotoServer;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link SecretsManagerCredentialStore} against moto's Secrets Manager, through a real client. */
class SecretsManagerCredentialStoreIT {

  @RegisterExtension static final MotoServer moto = new MotoServer();

  private static final String PREFIX = "dyndns53/Dyndns53/";

  private SecretsManagerCredentialStore store;

  @BeforeEach
  void createStore() {
    store = new SecretsManagerCredentialStore(moto.secretsManager(), PREFIX);
  }

  @Test
  void password_ofAUserWithAGeneratedStyleSecret_isItsPassword() {
    moto.createSecret(PREFIX + "alice", "alice", "s3cr3t-\"quoted\"-\\-ünïcode");

    assertEquals(Optional.of("s3cr3t-\"quoted\"-\\-ünïcode"), store.password("alice"));
  }

  @Test
  void password_readsEachUsersOwnSecret() {
    moto.createSecret(PREFIX + "alice", "alice", "alice-password");
    moto.createSecret(PREFIX + "bob", "bob", "bob-password");

    assertEquals(Optional.of("bob-password"), store.password("bob"));
    assertEquals(Optional.of("alice-password"), store.password("alice"));
  }

  @Test
  void password_ofAUserWithoutSecret_failsWithResourceNotFound() {
    // moto answers this with HTTP 404 where AWS answers 400; the SDK reads the code either way.
    CredentialStoreException failure =
        assertThrows(CredentialStoreException.class, () -> store.password("nobody"));

    assertEquals("ResourceNotFoundException", failure.errorCode());
  }

  @Test
  void password_ofAMalformedSecret_failsWithMalformedSecret() {
    moto.createSecret(PREFIX + "alice", "alice", "unused");
    moto.secretsManager()
        .putSecretValue(r -> r.secretId(PREFIX + "alice").secretString("username=alice"));

    CredentialStoreException failure =
        assertThrows(CredentialStoreException.class, () -> store.password("alice"));

    assertEquals("MalformedSecret", failure.errorCode());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "MalformedSecret  | {\"username\":\"alice\",\"password\":\"MARKER\"",
        "MalformedSecret  | {\"username\":\"alice\",\"password\":MARKER}",
        "UsernameMismatch | {\"username\":\"mallory\",\"password\":\"MARKER\"}",
        "MissingPassword  | {\"username\":\"alice\",\"pass\":\"MARKER\"}",
        "MissingPassword  | {\"username\":\"alice\",\"password\":[\"MARKER\"]}",
      })
  void password_neverPutsTheSecretInTheFailure(String code, String secretTemplate) {
    String marker = "marker" + UUID.randomUUID().toString().replace("-", "");
    moto.createSecretString(PREFIX + "alice", secretTemplate.replace("MARKER", marker));

    CredentialStoreException failure =
        assertThrows(CredentialStoreException.class, () -> store.password("alice"));

    assertEquals(code, failure.errorCode());
    assertMarkerAbsent(marker, failure);
  }
}
