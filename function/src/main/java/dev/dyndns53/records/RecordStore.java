package dev.dyndns53.records;

import java.util.List;
import java.util.Map;

/**
 * The DNS records dyndns53 reads and writes (Route 53 in production). Implementations retry
 * throttled calls within their own budget and report what is left as a {@link
 * RecordStoreException}.
 */
public interface RecordStore {

  /**
   * Reads the A and AAAA record sets of one name, in one call.
   *
   * @param zoneId bare hosted zone id
   * @param name canonical host name
   * @return the record sets that exist, by type; empty when the name has none
   * @throws RecordStoreException when the store cannot answer
   */
  Map<RecordType, RecordSet> read(String zoneId, String name);

  /**
   * Applies changes to one zone as one atomic batch, returning once the store has accepted it.
   *
   * @param zoneId bare hosted zone id
   * @param changes at least one change, all in that zone
   * @throws RecordStoreException when the batch was not accepted; then nothing was changed
   */
  void apply(String zoneId, List<RecordChange> changes);

  /** How many calls this store has made to its backend so far; for the request log. */
  long callCount();
}
