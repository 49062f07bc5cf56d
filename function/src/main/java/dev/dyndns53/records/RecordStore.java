package dev.dyndns53.records;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The address records (A and AAAA) dyndns53 reads and writes (Route 53 in production); the ACME
 * challenge records have a port of their own, {@link TxtRecordStore}. Implementations retry
 * throttled calls within their own budget and report what is left as a {@link
 * RecordStoreException}.
 */
public interface RecordStore {

  /**
   * Reads the A and AAAA record sets of several names of one zone, in as few calls as the backend
   * allows.
   *
   * @param zoneId bare hosted zone id
   * @param names canonical host names, all in that zone
   * @return for every name asked, the record sets that exist, by type (empty when it has none)
   * @throws RecordStoreException when the store cannot answer
   */
  Map<String, Map<RecordType, RecordSet>> read(String zoneId, Collection<String> names);

  /** {@link #read(String, Collection)} for one name. */
  default Map<RecordType, RecordSet> read(String zoneId, String name) {
    return read(zoneId, List.of(name)).get(name);
  }

  /**
   * Applies changes to one zone as one atomic batch, returning once the store has accepted it.
   *
   * @param zoneId bare hosted zone id
   * @param changes at least one change, all in that zone
   * @throws RecordStoreException when the batch was not accepted; then nothing was changed
   */
  void apply(String zoneId, List<RecordChange> changes);

  /**
   * This store, adding the backend calls made through the returned view to {@code calls} as well:
   * how one request counts its own calls while other requests use the store at the same time.
   */
  RecordStore countingCallsIn(CallCounter calls);

  /** How many calls this store and its views have made to the backend so far, in all. */
  long callCount();
}
