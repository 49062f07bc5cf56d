package dev.dyndns53.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The moto harness itself: it starts, seeds, resets and logs. */
class MotoServerIT {

  @RegisterExtension static final MotoServer moto = new MotoServer();

  @Test
  void createHostedZone_returnsABareId() {
    String zoneId = moto.createHostedZone("example.org");

    assertFalse(zoneId.contains("/"), zoneId);
    assertEquals(
        "example.org.", moto.route53().getHostedZone(r -> r.id(zoneId)).hostedZone().name());
  }

  @Test
  void reset_dropsZonesAndSecrets() {
    moto.createHostedZone("example.org");
    moto.createSecret("dyndns53/test/alice", "alice", "pw");

    moto.reset();

    assertEquals(0, moto.route53().listHostedZones().hostedZones().size());
    assertEquals(0, moto.secretsManager().listSecrets().secretList().size());
  }

  @Test
  void recordSets_listsEveryTypeOfExactlyThatName() {
    String zoneId = moto.createHostedZone("example.org");
    moto.upsertRecordSet(zoneId, "home.example.org", "A", 60, "192.0.2.1");
    moto.upsertRecordSet(zoneId, "home.example.org", "TXT", 60, "\"x\"");
    moto.upsertRecordSet(zoneId, "sub.home.example.org", "A", 60, "192.0.2.2");

    assertEquals(2, moto.recordSets(zoneId, "home.example.org").size());
  }

  @Test
  void logFile_capturesMotosOutput() {
    assertTrue(Files.isRegularFile(moto.logFile()), String.valueOf(moto.logFile()));
  }
}
