package dev.dyndns53.testing;

import dev.dyndns53.config.ChangePartition;
import dev.dyndns53.records.CallCounter;
import dev.dyndns53.records.HostNames;
import dev.dyndns53.records.RecordChange;
import dev.dyndns53.records.RecordSet;
import dev.dyndns53.records.RecordStore;
import dev.dyndns53.records.RecordStoreException;
import dev.dyndns53.records.RecordType;
import dev.dyndns53.records.TxtRecordSet;
import dev.dyndns53.records.TxtRecordStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts IAM's decision in front of a real record store, because moto does not evaluate policy
 * conditions: a change batch passes only if one statement allows all of it, as IAM decides for
 * statements with {@code ForAllValues:StringEquals} on names and types (each statement on its own;
 * a batch split across two statements matches neither). The statements are the ones the stack
 * writes: one per {@link ChangePartition}. A refused batch is answered as Route 53 answers an IAM
 * denial, {@code AccessDenied}, and never reaches the store.
 */
public final class StatementPerPartitionRecordStore implements RecordStore, TxtRecordStore {
  private final RecordStore store;
  // TXT changes are not this class's concern (the ACME statements are tested in infra).
  private final TxtRecordStore txt;
  private final List<ChangePartition> statements;
  public final List<List<RecordChange>> allowedBatches;

  public <S extends RecordStore & TxtRecordStore> StatementPerPartitionRecordStore(
      S store, List<ChangePartition> statements) {
    this(store, store, statements, new ArrayList<>());
  }

  private StatementPerPartitionRecordStore(
      RecordStore store,
      TxtRecordStore txt,
      List<ChangePartition> statements,
      List<List<RecordChange>> allowedBatches) {
    this.store = store;
    this.txt = txt;
    this.statements = List.copyOf(statements);
    this.allowedBatches = allowedBatches;
  }

  @Override
  public Map<String, Map<RecordType, RecordSet>> read(String zoneId, Collection<String> names) {
    return store.read(zoneId, names);
  }

  @Override
  public StatementPerPartitionRecordStore countingTxtCallsIn(CallCounter calls) {
    return countingCallsIn(calls);
  }

  @Override
  public StatementPerPartitionRecordStore countingCallsIn(CallCounter calls) {
    // The request's view must still be checked, and its batches seen by the test.
    return new StatementPerPartitionRecordStore(
        store.countingCallsIn(calls), txt.countingTxtCallsIn(calls), statements, allowedBatches);
  }

  @Override
  public Optional<TxtRecordSet> readTxt(String zoneId, String name) {
    return txt.readTxt(zoneId, name);
  }

  @Override
  public void replaceTxt(
      String zoneId, String name, Optional<TxtRecordSet> current, Optional<TxtRecordSet> wanted) {
    txt.replaceTxt(zoneId, name, current, wanted);
  }

  @Override
  public void apply(String zoneId, List<RecordChange> changes) {
    boolean allowed =
        statements.stream()
            .anyMatch(
                statement ->
                    statement.zoneId().equals(zoneId)
                        && changes.stream()
                            .allMatch(
                                change ->
                                    statement.hostNames().stream()
                                            .map(HostNames::route53Normalized)
                                            .anyMatch(
                                                HostNames.route53Normalized(change.name())::equals)
                                        && statement
                                            .recordTypes()
                                            .contains(change.record().type())));
    if (!allowed) {
      throw new RecordStoreException(
          RecordStoreException.Kind.REJECTED,
          "AccessDenied",
          "no single statement allows all of " + changes,
          null);
    }
    allowedBatches.add(List.copyOf(changes));
    store.apply(zoneId, changes);
  }

  @Override
  public long callCount() {
    return store.callCount();
  }
}
