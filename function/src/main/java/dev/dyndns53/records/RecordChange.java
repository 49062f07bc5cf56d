package dev.dyndns53.records;

/**
 * One change in a Route 53 change batch.
 *
 * @param action UPSERT to set the address, DELETE to remove the record set (offline)
 * @param name canonical host name
 * @param record the record set to write, or for DELETE the exact record set to remove (Route 53
 *     deletes only on an exact match of TTL and values)
 */
public record RecordChange(Action action, String name, RecordSet record) {
  /** The change actions dyndns53 uses; the IAM policy allows exactly these. */
  public enum Action {
    UPSERT,
    DELETE
  }
}
