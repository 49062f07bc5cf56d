package dev.dyndns53.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.dyndns53.testing.MotoServer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The TXT methods of {@link Route53RecordStore} (ACME challenges) against moto's Route 53. moto
 * deletes a TXT set whatever values the DELETE names, where Route 53 refuses a mismatch; that
 * refusal is in {@link Route53TxtRecordsFaultTest}.
 */
class Route53TxtRecordsIT {

  @RegisterExtension static final MotoServer moto = new MotoServer();

  private static final String NAME = "_acme-challenge.home.example.com";

  private String zoneId;
  private Route53RecordStore store;

  @BeforeEach
  void createZone() {
    zoneId = moto.createHostedZone("example.com");
    store = new Route53RecordStore(moto.route53());
  }

  @Test
  void readTxt_ofANameWithoutTxt_isEmpty_evenWithOtherTypesAndNamesAround() {
    moto.upsertRecordSet(zoneId, "home.example.com", "TXT", 300, "\"v=spf1 -all\"");
    moto.upsertRecordSet(zoneId, "_acme-challenge.home.example.com", "A", 300, "192.0.2.1");
    moto.upsertRecordSet(zoneId, "a._acme-challenge.home.example.com", "TXT", 60, "\"x\"");

    assertEquals(Optional.empty(), store.readTxt(zoneId, "_acme-challenge.home.example.com"));
    assertEquals(1, store.callCount());
  }

  @Test
  void readTxt_ofANameWithACname_reportsTheCname_inOneCall() {
    // Route 53 refuses a TXT set beside a CNAME; the read says so before anyone tries the write.
    moto.upsertRecordSet(
        zoneId, "_acme-challenge.home.example.com", "CNAME", 300, "elsewhere.example.net");

    assertEquals(
        Optional.of(TxtRecordSet.cname(300, "elsewhere.example.net")),
        store.readTxt(zoneId, "_acme-challenge.home.example.com"));
    assertEquals(1, store.callCount());
  }

  @Test
  void replaceTxt_createsThenReplacesThenDeletes_inTheWireSpelling() {
    TxtRecordSet first = TxtRecordSet.ofStrings(60, List.of("marker", "value1"));
    TxtRecordSet second = TxtRecordSet.ofStrings(60, List.of("marker", "value1", "value2"));

    store.replaceTxt(zoneId, NAME, Optional.empty(), Optional.of(first));
    assertEquals(
        Optional.of(new TxtRecordSet(60, List.of("\"marker\"", "\"value1\""), true)),
        store.readTxt(zoneId, NAME));

    store.replaceTxt(zoneId, NAME, Optional.of(first), Optional.of(second));
    assertEquals(Optional.of(second), store.readTxt(zoneId, NAME));

    store.replaceTxt(zoneId, NAME, Optional.of(second), Optional.empty());
    assertEquals(Optional.empty(), store.readTxt(zoneId, NAME));
  }

  @Test
  void readTxt_ofWeightedSets_isNotPlain() {
    for (String id : List.of("one", "two")) {
      moto.changeRecordSet(
          zoneId,
          ChangeAction.CREATE,
          ResourceRecordSet.builder()
              .name(NAME + ".")
              .type("TXT")
              .ttl(60L)
              .setIdentifier(id)
              .weight(1L)
              .resourceRecords(ResourceRecord.builder().value("\"" + id + "\"").build())
              .build());
    }

    assertFalse(store.readTxt(zoneId, NAME).orElseThrow().plain());
  }
}
