package dev.dyndns53.records;

import java.util.List;

/**
 * One address record set as Route 53 holds it, reduced to what dyndns53 decides on.
 *
 * @param type A or AAAA
 * @param ttl the record set's TTL in seconds
 * @param values the addresses, as Route 53 spells them
 * @param plain whether it is a simple, non-alias record set (no set identifier, so not weighted,
 *     latency, geolocation, failover or multivalue): the only shape dyndns53 creates and the only
 *     one it will change
 */
public record RecordSet(RecordType type, long ttl, List<String> values, boolean plain) {
  public RecordSet {
    values = List.copyOf(values);
  }

  /** A record set in the shape dyndns53 writes: plain, one address. */
  public static RecordSet single(RecordType type, long ttl, String address) {
    return new RecordSet(type, ttl, List.of(address), true);
  }

  /** Whether dyndns53 may replace this record set: plain and holding exactly one address. */
  public boolean ownShape() {
    return plain && values.size() == 1;
  }

  /**
   * Why a set not in {@link #ownShape() dyndns53's shape} is not: {@code "the A record set was not
   * created by dyndns53 (3 values)"}, or {@code (alias or routing policy)}.
   */
  public String notOwnShape() {
    return "the "
        + type
        + " record set was not created by dyndns53 ("
        + (plain ? values.size() + " values" : "alias or routing policy")
        + ")";
  }
}
