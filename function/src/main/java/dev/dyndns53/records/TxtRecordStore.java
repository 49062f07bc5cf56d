package dev.dyndns53.records;

import java.util.Optional;

/**
 * The TXT records of the ACME DNS-01 challenges ({@code _acme-challenge.<host>}), Route 53 in
 * production: a port of its own, apart from the address records of {@link RecordStore}, so that a
 * store of address records need not pretend to hold TXT records.
 */
public interface TxtRecordStore {

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
  Optional<TxtRecordSet> readTxt(String zoneId, String name);

  /**
   * Replaces one name's TXT record set in one atomic batch: deletes {@code current} exactly as read
   * (if any) and creates {@code wanted} (if any). Route 53 refuses the batch when the set changed
   * since it was read, so two writers never lose each other's values.
   *
   * @throws RecordStoreException when the batch was not accepted; then nothing was changed
   */
  void replaceTxt(
      String zoneId, String name, Optional<TxtRecordSet> current, Optional<TxtRecordSet> wanted);

  /**
   * This store, adding the backend calls made through the returned view to {@code calls} as well:
   * how one request counts its own calls while other requests use the store at the same time.
   */
  TxtRecordStore countingTxtCallsIn(CallCounter calls);
}
