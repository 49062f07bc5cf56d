package dev.dyndns53.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** The listing cursor on hand-made pages: no client, no network. */
class ZoneListingTest {
  private static final String HOME = "home.example.com.";
  private static final String NAS = "nas.example.com.";

  private static ResourceRecordSet set(String name, String type, String identifier) {
    return ResourceRecordSet.builder()
        .name(name)
        .type(type)
        .ttl(60L)
        .setIdentifier(identifier)
        .resourceRecords(ResourceRecord.builder().value("203.0.113.7").build())
        .build();
  }

  @Test
  void twoNames_oneCompletePage_decidesBothFromTheFirstNameInRoute53Order() {
    ZoneListing listing =
        new ZoneListing("Z1", Map.of(HOME, "home.example.com", NAS, "nas.example.com"));

    assertEquals(new ZoneListing.Start(HOME, "A", null), listing.start());
    assertEquals(ZoneListing.MAX_PAGE_SIZE, listing.pageSize());
    listing.accept(
        ListResourceRecordSetsResponse.builder()
            .resourceRecordSets(
                set(HOME, "A", null), set(HOME, "TXT", null), set(NAS, "AAAA", null))
            .isTruncated(false)
            .build());

    assertTrue(listing.done());
    assertEquals(1, listing.found().get(HOME).size(), "the TXT set is not an address set");
    assertEquals("AAAA", listing.found().get(NAS).get(0).typeAsString());
  }

  @Test
  void pageEndingInsideANamesWeightedSets_isFollowedAtTheMarker_upToMaxPages() {
    ZoneListing listing = new ZoneListing("Z1", Map.of(HOME, "home.example.com"));
    assertEquals(ZoneListing.SINGLE_NAME_PAGE_SIZE, listing.pageSize());

    for (int page = 1; page < ZoneListing.MAX_PAGES; page++) {
      listing.accept(weightedPage(page));
      assertFalse(listing.done());
      assertEquals(new ZoneListing.Start(HOME, "A", "w" + (page + 1)), listing.start());
    }
    RecordStoreException tooMany =
        assertThrows(
            RecordStoreException.class, () -> listing.accept(weightedPage(ZoneListing.MAX_PAGES)));
    assertEquals("TooManyRecordSets", tooMany.errorCode());
  }

  private static ListResourceRecordSetsResponse weightedPage(int page) {
    return ListResourceRecordSetsResponse.builder()
        .resourceRecordSets(set(HOME, "A", "w" + page))
        .isTruncated(true)
        .nextRecordName(HOME)
        .nextRecordType("A")
        .nextRecordIdentifier("w" + (page + 1))
        .build();
  }

  @Test
  void nameListedAsAbsent_whenTheListingStartedExactlyAtIt() {
    ZoneListing listing = new ZoneListing("Z1", Map.of(HOME, "home.example.com"));

    listing.accept(
        ListResourceRecordSetsResponse.builder()
            .resourceRecordSets(set("www.example.com.", "A", null))
            .isTruncated(false)
            .build());

    assertTrue(listing.done());
    assertEquals(List.of(), listing.found().get(HOME));
  }
}
