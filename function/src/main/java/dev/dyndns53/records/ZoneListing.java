package dev.dyndns53.records;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Where to list next to read a set of names of one zone, and what the pages so far have shown: a
 * pure cursor over {@code ListResourceRecordSets} pages that makes no call itself, so every paging
 * rule is testable with hand-made pages.
 *
 * <p>Lists from the first name not yet covered (in Route 53's order, at type A, which sorts before
 * every other type), takes every wanted name the page covers, and starts the next listing at the
 * next name still open. The page's next-record marker is followed only when the page ended inside
 * an open name's A or AAAA sets (set identifiers); otherwise the first open name is at least as
 * near, and it is the only start that decides a name whatever the listing order (see {@link
 * ListingOrder}): a listing that starts exactly at a name shows its records first, or none.
 */
final class ZoneListing {
  /**
   * Record sets asked for when one name is left to read. A name in dyndns53's shape has at most two
   * (A and AAAA); eight leave room for a few routing-policy sets so that paging stays rare, and the
   * answer stays a couple of kilobytes.
   */
  static final int SINGLE_NAME_PAGE_SIZE = 8;

  /**
   * Record sets asked for when several names are left: Route 53's maximum ({@code maxitems} 300),
   * so that one listing covers as many of a request's hosts (at most 20) as the zone's order
   * allows.
   */
  static final int MAX_PAGE_SIZE = 300;

  /**
   * Pages one name's A and AAAA record sets may span. Only a name with many weighted, latency or
   * other set-identifier record sets needs more than one; past this many the read is reported as
   * rejected rather than answered partially, since dyndns53 will not change such a name anyway.
   */
  static final int MAX_PAGES = 4;

  /** Where the next listing starts: a name, a type, and within them a set identifier or null. */
  record Start(String name, String type, String identifier) {
    static Start at(String wireName) {
      return new Start(wireName, RecordType.A.name(), null);
    }

    boolean isAtTheStartOf(String wireName) {
      return name.equals(wireName) && type.equals(RecordType.A.name()) && identifier == null;
    }
  }

  private final String zoneId;
  private final Map<String, String> canonicalByWire;
  private final TreeSet<String> open = new TreeSet<>(ListingOrder.ROUTE53);
  private final Map<String, List<ResourceRecordSet>> found = new HashMap<>();
  // The open name whose address sets the last page ended inside, and those sets so far.
  private String continuing;
  private List<ResourceRecordSet> partial = new ArrayList<>();
  private int pagesOfContinuing;
  private Start start;

  /**
   * @param zoneId for messages
   * @param canonicalByWire the names to read, by their wire name (normalized, trailing dot)
   */
  ZoneListing(String zoneId, Map<String, String> canonicalByWire) {
    this.zoneId = zoneId;
    this.canonicalByWire = Map.copyOf(canonicalByWire);
    open.addAll(canonicalByWire.keySet());
    start = open.isEmpty() ? null : Start.at(open.first());
  }

  /** Whether every name is decided. */
  boolean done() {
    return open.isEmpty();
  }

  /** Where the next page starts. */
  Start start() {
    return start;
  }

  /** The names still open. */
  Set<String> open() {
    return java.util.Collections.unmodifiableSet(open);
  }

  /** How many record sets to ask for next. */
  int pageSize() {
    return open.size() == 1 ? SINGLE_NAME_PAGE_SIZE : MAX_PAGE_SIZE;
  }

  /**
   * Takes in the page listed from {@link #start()}.
   *
   * @throws RecordStoreException when a name has more record sets than {@link #MAX_PAGES} pages
   *     hold, or the page cannot be what Route 53 answers
   */
  void accept(ListResourceRecordSetsResponse page) {
    boolean truncated = Boolean.TRUE.equals(page.isTruncated());
    String nextName = truncated ? normalize(page.nextRecordName()) : null;
    String lastListed = null;
    Map<String, List<ResourceRecordSet>> listed = new HashMap<>();
    for (ResourceRecordSet set : page.resourceRecordSets()) {
      lastListed = normalize(set.name());
      List<ResourceRecordSet> sets = listed.computeIfAbsent(lastListed, n -> new ArrayList<>());
      if (addressType(set.typeAsString()) != null) {
        sets.add(set);
      }
    }
    boolean endsInsideAddressSets = truncated && addressType(page.nextRecordTypeAsString()) != null;
    String endedInside = null;
    for (String name : List.copyOf(open)) {
      List<ResourceRecordSet> here = listed.get(name);
      if (name.equals(continuing)) {
        here = here == null ? new ArrayList<>() : here;
        here.addAll(0, partial);
      } else if (here == null) {
        // Not listed: absent when the listing started exactly at it, or when every plausible
        // order puts it between the start and the next record.
        boolean absent =
            (start.isAtTheStartOf(name) && (!truncated || !name.equals(nextName)))
                || ((start.name().equals(name) || ListingOrder.certainlyBefore(start.name(), name))
                    && (!truncated
                        || (!name.equals(nextName)
                            && ListingOrder.certainlyBefore(name, nextName))));
        if (absent) {
          found.put(name, List.of());
          open.remove(name);
        }
        continue;
      }
      // Listed: a name's records are listed together, A and AAAA first. Unless the page ends
      // inside them, they are all here.
      if (name.equals(lastListed) && endsInsideAddressSets && name.equals(nextName)) {
        endedInside = name;
        partial = here;
      } else {
        found.put(name, here);
        open.remove(name);
      }
    }
    if (endedInside != null) {
      pagesOfContinuing = endedInside.equals(continuing) ? pagesOfContinuing + 1 : 1;
      if (pagesOfContinuing == MAX_PAGES) {
        throw tooManyRecordSets(zoneId, canonicalByWire.get(endedInside));
      }
      continuing = endedInside;
      start = new Start(nextName, page.nextRecordTypeAsString(), page.nextRecordIdentifier());
    } else {
      if (open.contains(start.name()) && start.isAtTheStartOf(start.name())) {
        // A listing that starts exactly at a name decides it, unless the answer is an empty
        // page that claims more follows at that very name: listing again would loop.
        throw new RecordStoreException(
            RecordStoreException.Kind.UNAVAILABLE,
            "Unreadable",
            "Route 53 ListResourceRecordSets from "
                + start.name()
                + " in hosted zone "
                + zoneId
                + " answered a truncated page without the records it pointed to",
            null);
      }
      continuing = null;
      partial = new ArrayList<>();
      if (!open.isEmpty()) {
        start = Start.at(open.first());
      }
    }
  }

  /** The address record sets found for each decided name, by wire name. */
  Map<String, List<ResourceRecordSet>> found() {
    return found;
  }

  /** {@code A} or {@code AAAA}, or null for any other type. */
  static RecordType addressType(String type) {
    if (RecordType.A.name().equals(type)) {
      return RecordType.A;
    }
    if (RecordType.AAAA.name().equals(type)) {
      return RecordType.AAAA;
    }
    return null;
  }

  /** Route 53 answers names in this form already; this also copes with emulators that don't. */
  static String normalize(String listedName) {
    if (listedName == null) {
      return null;
    }
    String lower = listedName.toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }

  private static RecordStoreException tooManyRecordSets(String zoneId, String name) {
    return new RecordStoreException(
        RecordStoreException.Kind.REJECTED,
        "TooManyRecordSets",
        "Route 53 lists more A and AAAA record sets for "
            + name
            + " in hosted zone "
            + zoneId
            + " than "
            + MAX_PAGES
            + " pages hold"
            + " (weighted, latency or other routing-policy sets); dyndns53 only manages names"
            + " with one simple A and one simple AAAA record set",
        null);
  }
}
