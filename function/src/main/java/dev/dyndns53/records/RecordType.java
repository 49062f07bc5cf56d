package dev.dyndns53.records;

/** The address record types dyndns53 writes: IPv4 addresses go to A, IPv6 addresses to AAAA. */
public enum RecordType {
  A,
  AAAA
}
