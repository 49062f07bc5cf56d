package dev.dyndns53.records;

import dev.dyndns53.address.IpAddress;

/** The address record types dyndns53 writes: IPv4 addresses go to A, IPv6 addresses to AAAA. */
public enum RecordType {
  A,
  AAAA;

  /** The record type {@code address} belongs in. */
  public static RecordType of(IpAddress address) {
    return address.isV4() ? A : AAAA;
  }
}
