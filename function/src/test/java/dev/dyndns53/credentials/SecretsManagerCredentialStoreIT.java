package dev.dyndns53.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.dyndns53.testing.MotoServer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.IntStream;
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
  void passwords_ofAUserWithAGeneratedStyleSecret_isItsPassword() {
    moto.createSecret(PREFIX + "alice", "alice", "s3cr3t-\"quoted\"-\\-ünïcode");

    assertEquals(
        Optional.of("s3cr3t-\"quoted\"-\\-ünïcode"),
        store.passwords(Set.of("alice")).password("alice"));
  }

  @Test
  void passwords_readEachUsersOwnSecret() {
    moto.createSecret(PREFIX + "alice", "alice", "alice-password");
    moto.createSecret(PREFIX + "bob", "bob", "bob-password");

    UserPasswords passwords = store.passwords(Set.of("alice", "bob"));

    assertEquals(Map.of("alice", "alice-password", "bob", "bob-password"), passwords.passwords());
  }

  @Test
  void passwords_ofMoreUsersThanOneCallTakes_areAllRead() {
    Set<String> users = new TreeSet<>();
    IntStream.range(0, 23)
        .forEach(
            i -> {
              users.add("user" + i);
              moto.createSecret(PREFIX + "user" + i, "user" + i, "password-" + i);
            });

    UserPasswords passwords = store.passwords(users);

    assertEquals(23, passwords.passwords().size());
    assertEquals(Optional.of("password-22"), passwords.password("user22"));
  }

  @Test
  void passwords_ofAUserWithoutSecret_reportResourceNotFound_andStillReadTheOthers() {
    moto.createSecret(PREFIX + "alice", "alice", "alice-password");

    UserPasswords passwords = store.passwords(Set.of("alice", "nobody"));

    assertEquals(Optional.of("alice-password"), passwords.password("alice"));
    assertEquals("ResourceNotFoundException", passwords.problem("nobody").orElseThrow().code());
  }

  @Test
  void passwords_ofAMalformedSecret_reportMalformedSecret() {
    moto.createSecret(PREFIX + "alice", "alice", "unused");
    moto.secretsManager()
        .putSecretValue(r -> r.secretId(PREFIX + "alice").secretString("username=alice"));

    assertEquals(
        "MalformedSecret", store.passwords(Set.of("alice")).problem("alice").orElseThrow().code());
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
  void passwords_neverPutTheSecretInTheProblem(String code, String secretTemplate) {
    String marker = "marker" + UUID.randomUUID().toString().replace("-", "");
    moto.createSecretString(PREFIX + "alice", secretTemplate.replace("MARKER", marker));

    UserPasswords passwords = store.passwords(Set.of("alice"));

    assertEquals(code, passwords.problem("alice").orElseThrow().code());
    assertFalse(passwords.toString().contains(marker), passwords.toString());
  }
}
