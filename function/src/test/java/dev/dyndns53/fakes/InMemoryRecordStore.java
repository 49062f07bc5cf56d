package dev.dyndns53.fakes;

import dev.dyndns53.records.CallCounter;
import dev.dyndns53.records.RecordChange;
import dev.dyndns53.records.RecordSet;
import dev.dyndns53.records.RecordStore;
import dev.dyndns53.records.RecordStoreException;
import dev.dyndns53.records.RecordType;
import dev.dyndns53.records.TxtRecordSet;
import dev.dyndns53.records.TxtRecordStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A record store in memory, for protocol tests: holds record sets per zone and name, reads any
 * number of a zone's names in one call, applies batches atomically (as Route 53 does), records
 * every read and batch, and fails on demand. As Route 53 does, it refuses a simple set over a set
 * with a routing policy (a non-plain set with values); an alias is replaced. The AWS adapter is
 * tested against moto and a wire-exact stand-in; this one lets the protocol tests run in
 * milliseconds. Thread-safe, so that tests can send overlapping requests.
 */
public final class InMemoryRecordStore implements RecordStore, TxtRecordStore {
  /** Runs inside a call, before it touches the records: lets a test hold a call or reorder them. */
  public interface Hook {
    void run(String operation, List<RecordChange> changes);
  }

  private final Map<String, Map<String, Map<RecordType, RecordSet>>> zones = new HashMap<>();
  public final List<List<RecordChange>> batches = new CopyOnWriteArrayList<>();

  /** The names asked for, one list per read call. */
  public final List<List<String>> reads = new CopyOnWriteArrayList<>();

  public final Queue<RuntimeException> readFailures = new ConcurrentLinkedQueue<>();
  public final Queue<RecordStoreException> applyFailures = new ConcurrentLinkedQueue<>();
  public volatile Hook beforeApply = (operation, changes) -> {};
  public volatile Hook afterApply = (operation, changes) -> {};
  public volatile Hook beforeRead = (operation, changes) -> {};
  private final AtomicLong calls;
  private final InMemoryRecordStore records;
  private final List<CallCounter> counters;

  public InMemoryRecordStore() {
    this.calls = new AtomicLong();
    this.records = this;
    this.counters = List.of();
  }

  private InMemoryRecordStore(InMemoryRecordStore records, List<CallCounter> counters) {
    this.calls = records.calls;
    this.records = records;
    this.counters = counters;
  }

  // TXT sets live in the records instance, so views from countingCallsIn see them too.
  private final Map<String, TxtRecordSet> txt = new HashMap<>();
  public final Queue<RecordStoreException> txtFailures = new ConcurrentLinkedQueue<>();

  /** Runs once, between the next TXT read and the write that follows it (a concurrent writer). */
  public volatile Runnable afterNextTxtRead;

  public void put(String zoneId, String name, RecordSet set) {
    synchronized (records.zones) {
      records
          .zones
          .computeIfAbsent(zoneId, z -> new HashMap<>())
          .computeIfAbsent(name, n -> new EnumMap<>(RecordType.class))
          .put(set.type(), set);
    }
  }

  public Map<RecordType, RecordSet> get(String zoneId, String name) {
    synchronized (records.zones) {
      return Map.copyOf(records.zones.getOrDefault(zoneId, Map.of()).getOrDefault(name, Map.of()));
    }
  }

  @Override
  public Map<String, Map<RecordType, RecordSet>> read(String zoneId, Collection<String> names) {
    count();
    records.reads.add(List.copyOf(names));
    records.beforeRead.run("read", List.of());
    RuntimeException failure = records.readFailures.poll();
    if (failure != null) {
      throw failure;
    }
    Map<String, Map<RecordType, RecordSet>> result = new HashMap<>();
    for (String name : names) {
      result.put(name, get(zoneId, name));
    }
    return result;
  }

  @Override
  public void apply(String zoneId, List<RecordChange> changes) {
    count();
    records.beforeApply.run("apply", changes);
    RecordStoreException failure = records.applyFailures.poll();
    if (failure != null) {
      throw failure;
    }
    synchronized (records.zones) {
      Map<String, Map<RecordType, RecordSet>> zone =
          records.zones.computeIfAbsent(zoneId, z -> new HashMap<>());
      for (RecordChange change : changes) {
        RecordSet existing = zone.getOrDefault(change.name(), Map.of()).get(change.record().type());
        if (change.action() == RecordChange.Action.DELETE && !change.record().equals(existing)) {
          throw new IllegalStateException(
              "DELETE of a record set that does not match exactly: " + change);
        }
        if (change.action() == RecordChange.Action.UPSERT
            && existing != null
            && !existing.plain()
            && !existing.values().isEmpty()) {
          throw new RecordStoreException(
              RecordStoreException.Kind.REJECTED,
              "InvalidChangeBatch",
              "[RRSet "
                  + change.name()
                  + " "
                  + change.record().type()
                  + " conflicts with a set that has a routing policy]",
              null);
        }
      }
      records.batches.add(List.copyOf(changes));
      for (RecordChange change : changes) {
        Map<RecordType, RecordSet> sets =
            zone.computeIfAbsent(change.name(), n -> new EnumMap<>(RecordType.class));
        if (change.action() == RecordChange.Action.DELETE) {
          sets.remove(change.record().type());
        } else {
          sets.put(change.record().type(), change.record());
        }
      }
    }
    records.afterApply.run("apply", changes);
  }

  @Override
  public InMemoryRecordStore countingTxtCallsIn(CallCounter counter) {
    return countingCallsIn(counter);
  }

  @Override
  public InMemoryRecordStore countingCallsIn(CallCounter counter) {
    List<CallCounter> more = new ArrayList<>(counters);
    more.add(counter);
    return new InMemoryRecordStore(records, List.copyOf(more));
  }

  @Override
  public long callCount() {
    return calls.get();
  }

  private void count() {
    calls.incrementAndGet();
    counters.forEach(counter -> counter.add(1));
  }

  public void putTxt(String zoneId, String name, TxtRecordSet set) {
    records.txt.put(zoneId + " " + name, set);
  }

  public Optional<TxtRecordSet> getTxt(String zoneId, String name) {
    return Optional.ofNullable(records.txt.get(zoneId + " " + name));
  }

  @Override
  public Optional<TxtRecordSet> readTxt(String zoneId, String name) {
    count();
    Optional<TxtRecordSet> set = getTxt(zoneId, name);
    if (records.afterNextTxtRead != null) {
      Runnable concurrent = records.afterNextTxtRead;
      records.afterNextTxtRead = null;
      concurrent.run();
    }
    return set;
  }

  /**
   * As Route 53: the DELETE must match exactly and the CREATE must find no set, else nothing
   * changes.
   */
  @Override
  public void replaceTxt(
      String zoneId, String name, Optional<TxtRecordSet> current, Optional<TxtRecordSet> wanted) {
    count();
    if (!records.txtFailures.isEmpty()) {
      throw records.txtFailures.remove();
    }
    if (!current.equals(getTxt(zoneId, name))) {
      throw new RecordStoreException(
          RecordStoreException.Kind.REJECTED,
          "InvalidChangeBatch",
          "the TXT set changed since it was read",
          null);
    }
    if (wanted.isPresent()) {
      records.txt.put(zoneId + " " + name, wanted.get());
    } else {
      records.txt.remove(zoneId + " " + name);
    }
  }
}
