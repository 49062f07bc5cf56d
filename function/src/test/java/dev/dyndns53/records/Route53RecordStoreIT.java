package dev.dyndns53.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.records.RecordChange.Action;
import dev.dyndns53.records.RecordStoreException.Kind;
import dev.dyndns53.testing.MotoServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** {@link Route53RecordStore} against moto's Route 53, through a real SDK client. */
class Route53RecordStoreIT {

  @RegisterExtension static final MotoServer moto = new MotoServer();

  private static final String HOST = "home.example.com";

  private String zoneId;
  private Route53RecordStore store;

  @BeforeEach
  void createZone() {
    zoneId = moto.createHostedZone("example.com");
    store = new Route53RecordStore(moto.route53());
  }

  @Test
  void read_ofANameWithoutRecords_isEmpty() {
    assertEquals(Map.of(), store.read(zoneId, HOST));
  }

  @ParameterizedTest
  @EnumSource(RecordType.class)
  void read_ofANameWithOneAddressType_returnsOnlyThatType(RecordType type) {
    String address = type == RecordType.A ? "192.0.2.7" : "2001:db8::7";
    moto.upsertRecordSet(zoneId, HOST, type.name(), 60, address);

    assertEquals(Map.of(type, RecordSet.single(type, 60, address)), store.read(zoneId, HOST));
  }

  @Test
  void read_ofANameWithBothTypes_returnsBoth() {
    moto.upsertRecordSet(zoneId, HOST, "A", 60, "192.0.2.7");
    moto.upsertRecordSet(zoneId, HOST, "AAAA", 300, "2001:db8::7");

    assertEquals(
        Map.of(
            RecordType.A, RecordSet.single(RecordType.A, 60, "192.0.2.7"),
            RecordType.AAAA, RecordSet.single(RecordType.AAAA, 300, "2001:db8::7")),
        store.read(zoneId, HOST));
  }

  @Test
  void read_ignoresOtherTypesAtTheNameAndRecordsOfNeighbouringNames() {
    moto.upsertRecordSet(zoneId, HOST, "A", 60, "192.0.2.7");
    moto.upsertRecordSet(zoneId, HOST, "MX", 300, "10 mail.example.com.");
    moto.upsertRecordSet(zoneId, HOST, "TXT", 300, "\"v=spf1 -all\"");
    // Route 53 orders names by reversed labels: sub.home.example.com sorts right after
    // home.example.com, and home-2.example.com right before it.
    moto.upsertRecordSet(zoneId, "sub.home.example.com", "A", 60, "192.0.2.8");
    moto.upsertRecordSet(zoneId, "sub.home.example.com", "AAAA", 60, "2001:db8::8");
    moto.upsertRecordSet(zoneId, "home-2.example.com", "AAAA", 60, "2001:db8::9");
    moto.upsertRecordSet(zoneId, "example.com", "A", 60, "192.0.2.10");

    assertEquals(
        Map.of(RecordType.A, RecordSet.single(RecordType.A, 60, "192.0.2.7")),
        store.read(zoneId, HOST));
    assertEquals(1, store.callCount());
  }

  @Test
  void moto_sortsAPrefixBeforeItsHyphenatedName_unlikeRoute53_andAReadOfBothFindsBoth() {
    moto.upsertRecordSet(zoneId, "a.example.com", "A", 60, "192.0.2.1");
    moto.upsertRecordSet(zoneId, "a-b.example.com", "A", 60, "192.0.2.2");
    moto.upsertRecordSet(zoneId, "b.example.com", "A", 60, "192.0.2.3");

    List<String> listed =
        moto
            .route53()
            .listResourceRecordSets(r -> r.hostedZoneId(zoneId))
            .resourceRecordSets()
            .stream()
            .map(ResourceRecordSet::name)
            .filter(name -> !name.equals("example.com."))
            .toList();
    Map<String, Map<RecordType, RecordSet>> read =
        store.read(zoneId, List.of("a.example.com", "a-b.example.com", "b.example.com"));

    // moto compares com.example.a with com.example.a-b (a first); Route 53 compares
    // com.example.a. with com.example.a-b. (a-b first). The reader must be right under both.
    assertEquals(List.of("a.example.com.", "a-b.example.com.", "b.example.com."), listed);
    assertEquals(
        Map.of(
            "a.example.com", Map.of(RecordType.A, RecordSet.single(RecordType.A, 60, "192.0.2.1")),
            "a-b.example.com",
                Map.of(RecordType.A, RecordSet.single(RecordType.A, 60, "192.0.2.2")),
            "b.example.com", Map.of(RecordType.A, RecordSet.single(RecordType.A, 60, "192.0.2.3"))),
        read);
  }

  @Test
  void read_ofManyNames_returnsEveryNameAsked_withOrWithoutRecords_inOneCall() {
    moto.upsertRecordSet(zoneId, HOST, "A", 60, "192.0.2.7");
    moto.upsertRecordSet(zoneId, HOST, "MX", 300, "10 mail.example.com.");
    moto.upsertRecordSet(zoneId, "sub.home.example.com", "AAAA", 60, "2001:db8::8");
    moto.upsertRecordSet(zoneId, "nas.example.com", "TXT", 300, "\"x\"");

    Map<String, Map<RecordType, RecordSet>> read =
        store.read(
            zoneId,
            List.of(
                HOST, "sub.home.example.com", "nas.example.com", "example.com", "zz.example.com"));

    assertEquals(
        Map.of(
            HOST,
            Map.of(RecordType.A, RecordSet.single(RecordType.A, 60, "192.0.2.7")),
            "sub.home.example.com",
            Map.of(RecordType.AAAA, RecordSet.single(RecordType.AAAA, 60, "2001:db8::8")),
            "nas.example.com",
            Map.of(),
            "example.com",
            Map.of(),
            "zz.example.com",
            Map.of()),
        read);
    assertEquals(1, store.callCount());
  }

  @Test
  void read_ofAMultiValueSet_returnsAllValuesAsPlainButNotOwnShape() {
    moto.upsertRecordSet(zoneId, HOST, "A", 60, "192.0.2.1", "192.0.2.2");

    RecordSet a = store.read(zoneId, HOST).get(RecordType.A);

    assertEquals(new RecordSet(RecordType.A, 60, List.of("192.0.2.1", "192.0.2.2"), true), a);
    assertFalse(a.ownShape());
  }

  @Test
  void apply_upsertThenRead_returnsWhatWasWritten() {
    store.apply(
        zoneId,
        List.of(
            new RecordChange(
                Action.UPSERT, HOST, RecordSet.single(RecordType.A, 60, "192.0.2.7"))));

    assertEquals(
        Map.of(RecordType.A, RecordSet.single(RecordType.A, 60, "192.0.2.7")),
        store.read(zoneId, HOST));
    ResourceRecordSet written = moto.recordSets(zoneId, HOST).get(0);
    assertEquals("home.example.com.", written.name());
  }

  @Test
  void apply_upsertOverAnExistingSet_replacesItsValueAndTtl() {
    moto.upsertRecordSet(zoneId, HOST, "AAAA", 300, "2001:db8::1");

    store.apply(
        zoneId,
        List.of(
            new RecordChange(
                Action.UPSERT, HOST, RecordSet.single(RecordType.AAAA, 60, "2001:db8::2"))));

    assertEquals(
        Map.of(RecordType.AAAA, RecordSet.single(RecordType.AAAA, 60, "2001:db8::2")),
        store.read(zoneId, HOST));
  }

  @Test
  void apply_writesSeveralNamesInOneCall() {
    store.apply(
        zoneId,
        List.of(
            new RecordChange(Action.UPSERT, HOST, RecordSet.single(RecordType.A, 60, "192.0.2.7")),
            new RecordChange(
                Action.UPSERT, HOST, RecordSet.single(RecordType.AAAA, 60, "2001:db8::7")),
            new RecordChange(
                Action.UPSERT,
                "nas.example.com",
                RecordSet.single(RecordType.A, 120, "192.0.2.8"))));

    assertEquals(1, store.callCount());
    assertEquals(2, store.read(zoneId, HOST).size());
    assertEquals(
        Map.of(RecordType.A, RecordSet.single(RecordType.A, 120, "192.0.2.8")),
        store.read(zoneId, "nas.example.com"));
  }

  @Test
  void apply_deleteOfTheExactSet_removesIt() {
    RecordSet current = RecordSet.single(RecordType.A, 60, "192.0.2.7");
    RecordSet keep = RecordSet.single(RecordType.AAAA, 60, "2001:db8::7");
    store.apply(
        zoneId,
        List.of(
            new RecordChange(Action.UPSERT, HOST, current),
            new RecordChange(Action.UPSERT, HOST, keep)));

    store.apply(zoneId, List.of(new RecordChange(Action.DELETE, HOST, current)));

    assertEquals(Map.of(RecordType.AAAA, keep), store.read(zoneId, HOST));
  }

  @Test
  void callCount_countsOnePerReadAndOnePerApply() {
    store.read(zoneId, HOST);
    assertEquals(1, store.callCount());

    store.apply(
        zoneId,
        List.of(
            new RecordChange(
                Action.UPSERT, HOST, RecordSet.single(RecordType.A, 60, "192.0.2.7"))));
    assertEquals(2, store.callCount());

    store.read(zoneId, HOST);
    assertEquals(3, store.callCount());
  }

  @Test
  void read_ofWeightedSets_reportsThemAsNotPlain() {
    for (String id : List.of("blue", "green")) {
      moto.changeRecordSet(
          zoneId,
          ChangeAction.UPSERT,
          ResourceRecordSet.builder()
              .name(HOST)
              .type("A")
              .setIdentifier(id)
              .weight(50L)
              .ttl(60L)
              .resourceRecords(
                  ResourceRecord.builder()
                      .value(id.equals("blue") ? "192.0.2.1" : "192.0.2.2")
                      .build())
              .build());
    }

    RecordSet a = store.read(zoneId, HOST).get(RecordType.A);

    assertFalse(a.plain());
    assertEquals(List.of("192.0.2.1", "192.0.2.2"), a.values().stream().sorted().toList());
  }

  @Test
  void read_ofAnAlias_reportsItAsNotPlain() {
    moto.upsertRecordSet(zoneId, "target.example.com", "A", 60, "192.0.2.50");
    moto.changeRecordSet(
        zoneId,
        ChangeAction.UPSERT,
        ResourceRecordSet.builder()
            .name(HOST)
            .type("A")
            .aliasTarget(
                t ->
                    t.hostedZoneId(zoneId)
                        .dnsName("target.example.com.")
                        .evaluateTargetHealth(false))
            .build());

    RecordSet a = store.read(zoneId, HOST).get(RecordType.A);

    assertFalse(a.plain());
    assertTrue(a.values().isEmpty(), a.values().toString());
  }

  @Test
  void apply_toAMissingZone_isRejectedWithNoSuchHostedZone() {
    RecordStoreException failure =
        assertThrows(
            RecordStoreException.class,
            () ->
                store.apply(
                    "Z0000000000000000NOPE",
                    List.of(
                        new RecordChange(
                            Action.UPSERT,
                            HOST,
                            RecordSet.single(RecordType.A, 60, "192.0.2.7")))));

    assertEquals(Kind.REJECTED, failure.kind());
    assertEquals("NoSuchHostedZone", failure.errorCode());
  }

  @Test
  void read_ofAMissingZone_isRejectedWithNoSuchHostedZone() {
    RecordStoreException failure =
        assertThrows(RecordStoreException.class, () -> store.read("Z0000000000000000NOPE", HOST));

    assertEquals(Kind.REJECTED, failure.kind());
    assertEquals("NoSuchHostedZone", failure.errorCode());
  }

  @Test
  void apply_deleteOfAMismatchedSet_isRejected() {
    store.apply(
        zoneId,
        List.of(
            new RecordChange(
                Action.UPSERT, HOST, RecordSet.single(RecordType.A, 60, "192.0.2.7"))));

    // Route 53 answers InvalidChangeBatch here; moto answers InvalidInput. Either is a refusal.
    RecordStoreException failure =
        assertThrows(
            RecordStoreException.class,
            () ->
                store.apply(
                    zoneId,
                    List.of(
                        new RecordChange(
                            Action.DELETE,
                            HOST,
                            RecordSet.single(RecordType.A, 60, "192.0.2.99")))));

    assertEquals(Kind.REJECTED, failure.kind());
    assertTrue(
        List.of("InvalidChangeBatch", "InvalidInput").contains(failure.errorCode()),
        failure.errorCode());
  }
}
