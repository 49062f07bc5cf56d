package dev.dyndns53.dyndns2;

import dev.dyndns53.config.ChangePartition;
import dev.dyndns53.config.ChangePartitions;
import dev.dyndns53.log.RequestLog;
import dev.dyndns53.records.KnownRecords;
import dev.dyndns53.records.RecordChange;
import dev.dyndns53.records.RecordSet;
import dev.dyndns53.records.RecordStore;
import dev.dyndns53.records.RecordStoreException;
import dev.dyndns53.records.RecordType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the planned hosts of one zone: reads what must be read, batches the changes by IAM
 * partition, and retries a batch Route 53 refused after planning from this environment's hints.
 */
final class ZoneWriter {
  private final KnownRecords known;
  private final ChangePartitions partitions;

  ZoneWriter(KnownRecords known, ChangePartitions partitions) {
    this.known = known;
    this.partitions = partitions;
  }

  /**
   * Plans every host of one zone, then writes their changes in one atomic batch per {@link
   * ChangePartition}: at most the listings that cover the hosts (one, when they lie within 300
   * record sets of the zone) and one write per partition (one, when the zone's hosts share their
   * record types).
   *
   * <p>A host is planned without a read only when this environment's {@link KnownRecords} hint says
   * its records differ from the addresses asked for: then every wanted type is UPSERTed (also those
   * the hint says already match, since another environment may have changed them), so {@code good}
   * is true whatever Route 53 held. Otherwise the host is read, and {@code nochg} comes only from
   * that read.
   *
   * <p>The trade-off of skipping the read: a record set changed outside dyndns53 within the hint's
   * window is not seen before the write. A plain set with several values, or an alias, is replaced
   * by the UPSERT, where a read would have answered {@code conflict} and left it alone; that is the
   * price of one call instead of two per change, bounded by {@code cache.recordStateSeconds}
   * ({@code 0} reads before every write). A routing-policy set makes Route 53 refuse the batch;
   * then the hinted hosts are read and planned again, so they are answered {@code conflict} from
   * what is really there, and the zone's other hosts are still written.
   */
  void write(String zoneId, List<HostPlan> updates, RecordStore store, RequestLog entry) {
    List<HostPlan> toRead = new ArrayList<>();
    for (HostPlan update : updates) {
      if (!update.planFromHint(known.fresh(update.host.name()))) {
        toRead.add(update);
      }
    }
    readAndPlan(zoneId, toRead, store, entry);
    // The role may change a set of names only within one IAM statement, one per partition.
    Map<ChangePartition, List<HostPlan>> byPartition = new LinkedHashMap<>();
    for (HostPlan update : updates) {
      byPartition
          .computeIfAbsent(partitions.of(update.host.name()).orElseThrow(), p -> new ArrayList<>())
          .add(update);
    }
    byPartition
        .values()
        .forEach(batchUpdates -> writePartition(zoneId, batchUpdates, store, entry));
  }

  /**
   * Writes the changes of one partition's hosts as one batch; when Route 53 refuses a batch that
   * was planned without reading some of them, reads those and tries once more.
   */
  private void writePartition(
      String zoneId, List<HostPlan> updates, RecordStore store, RequestLog entry) {
    try {
      applyBatch(zoneId, updates, store);
    } catch (RecordStoreException failed) {
      List<HostPlan> hinted =
          updates.stream().filter(u -> u.outcome == null && u.fromHint).toList();
      if (failed.kind() != RecordStoreException.Kind.REJECTED || hinted.isEmpty()) {
        failPending(updates, failed, entry);
        return;
      }
      entry.note(
          "Route 53 refused a batch planned without reading "
              + hinted.size()
              + " host(s) ("
              + failed.errorCode()
              + "); read them and tried once more");
      hinted.forEach(HostPlan::unplan);
      readAndPlan(zoneId, hinted, store, entry);
      try {
        applyBatch(zoneId, updates, store);
      } catch (RecordStoreException failedAgain) {
        failPending(updates, failedAgain, entry);
      }
    }
  }

  /** Reads the hosts' current record sets in one read of the zone, and plans each from them. */
  private void readAndPlan(
      String zoneId, List<HostPlan> updates, RecordStore store, RequestLog entry) {
    if (updates.isEmpty()) {
      return;
    }
    List<String> names = updates.stream().map(u -> u.host.name()).toList();
    List<KnownRecords.Observation> observations = names.stream().map(known::begin).toList();
    Map<String, Map<RecordType, RecordSet>> read;
    try {
      read = store.read(zoneId, names);
    } catch (RecordStoreException failed) {
      observations.forEach(KnownRecords.Observation::forget);
      updates.forEach(update -> update.fail(failed, "reading", entry));
      return;
    }
    for (int i = 0; i < updates.size(); i++) {
      Map<RecordType, RecordSet> current = read.get(names.get(i));
      observations.get(i).remember(current);
      updates.get(i).plan(current);
    }
  }

  /**
   * Writes the changes of every host still pending as one batch, and remembers what each then
   * holds. Throws, having forgotten those hosts, when the batch was not accepted.
   */
  private void applyBatch(String zoneId, List<HostPlan> updates, RecordStore store) {
    List<HostPlan> pending = updates.stream().filter(u -> u.outcome == null).toList();
    List<RecordChange> batch = new ArrayList<>();
    pending.forEach(update -> batch.addAll(update.changes));
    if (batch.isEmpty()) {
      return;
    }
    List<KnownRecords.Observation> observations =
        pending.stream().map(u -> known.begin(u.host.name())).toList();
    try {
      store.apply(zoneId, batch);
    } catch (RecordStoreException failed) {
      observations.forEach(KnownRecords.Observation::forget);
      throw failed;
    }
    for (int i = 0; i < pending.size(); i++) {
      observations.get(i).remember(pending.get(i).after);
      pending.get(i).succeed();
    }
  }

  private static void failPending(
      List<HostPlan> updates, RecordStoreException failed, RequestLog entry) {
    for (HostPlan update : updates) {
      if (update.outcome == null) {
        update.fail(failed, "writing", entry);
      }
    }
  }
}
