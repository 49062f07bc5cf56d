package dev.dyndns53.records;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DNS records dyndns53 reads and writes (Route 53 in production). Implementations retry
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
   * Reads the TXT record set of one name (the ACME DNS-01 challenge records), in one call.
   *
   * @param zoneId bare hosted zone id
   * @param name the record name, lower case, without the trailing dot, such as {@code
   *     _acme-challenge.home.example.com}
   * @return the TXT record set, or empty when the name has none; a name with several (weighted or
   *     other set-identifier sets) is answered as one set that is not {@link TxtRecordSet#plain()}
   * @throws RecordStoreException when the store cannot answer
   */
  default Optional<TxtRecordSet> readTxt(String zoneId, String name) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " holds no TXT records");
  }

  /**
   * Replaces one name's TXT record set in one atomic batch: deletes {@code current} exactly as read
   * (if any) and creates {@code wanted} (if any). Route 53 refuses the batch when the set changed
   * since it was read, so two writers never lose each other's values.
   *
   * @throws RecordStoreException when the batch was not accepted; then nothing was changed
   */
  default void replaceTxt(
      String zoneId, String name, Optional<TxtRecordSet> current, Optional<TxtRecordSet> wanted) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " holds no TXT records");
  }

  /**
   * This store, adding the backend calls made through the returned view to {@code calls} as well:
   * how one request counts its own calls while other requests use the store at the same time.
   */
  RecordStore countingCallsIn(CallCounter calls);

  /** How many calls this store and its views have made to the backend so far, in all. */
  long callCount();
}
