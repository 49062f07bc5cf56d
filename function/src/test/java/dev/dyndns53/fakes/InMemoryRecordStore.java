package dev.dyndns53.fakes;

import dev.dyndns53.records.RecordChange;
import dev.dyndns53.records.RecordSet;
import dev.dyndns53.records.RecordStore;
import dev.dyndns53.records.RecordStoreException;
import dev.dyndns53.records.RecordType;
import dev.dyndns53.records.TxtRecordSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A record store in memory, for protocol tests: holds record sets per zone and name, applies
 * batches atomically (as Route 53 does), records every batch, and fails on demand. The AWS
 * adapter is tested against moto and a wire-exact stand-in; this one lets the protocol tests
 * run in milliseconds.
 */
public final class InMemoryRecordStore implements RecordStore {
  private final Map<String, Map<String, Map<RecordType, RecordSet>>> zones = new HashMap<>();
  public final List<List<RecordChange>> batches = new ArrayList<>();
  public final Deque<RuntimeException> readFailures = new ArrayDeque<>();
  public final Deque<RecordStoreException> applyFailures = new ArrayDeque<>();
  private final Map<String, TxtRecordSet> txt = new HashMap<>();
  public final Deque<RecordStoreException> txtFailures = new ArrayDeque<>();
  /** Runs once, between the next TXT read and the write that follows it (a concurrent writer). */
  public Runnable afterNextTxtRead;
  private long calls;

  public void put(String zoneId, String name, RecordSet set) {
    zones.computeIfAbsent(zoneId, z -> new HashMap<>())
        .computeIfAbsent(name, n -> new EnumMap<>(RecordType.class))
        .put(set.type(), set);
  }

  public Map<RecordType, RecordSet> get(String zoneId, String name) {
    return Map.copyOf(zones.getOrDefault(zoneId, Map.of()).getOrDefault(name, Map.of()));
  }

  @Override
  public Map<RecordType, RecordSet> read(String zoneId, String name) {
    calls++;
    if (!readFailures.isEmpty()) {
      throw readFailures.pop();
    }
    return get(zoneId, name);
  }

  @Override
  public void apply(String zoneId, List<RecordChange> changes) {
    calls++;
    if (!applyFailures.isEmpty()) {
      throw applyFailures.pop();
    }
    Map<String, Map<RecordType, RecordSet>> zone = zones.computeIfAbsent(zoneId, z -> new HashMap<>());
    for (RecordChange change : changes) {
      RecordSet existing = zone.getOrDefault(change.name(), Map.of()).get(change.record().type());
      if (change.action() == RecordChange.Action.DELETE && !change.record().equals(existing)) {
        throw new IllegalStateException("DELETE of a record set that does not match exactly: " + change);
      }
    }
    batches.add(List.copyOf(changes));
    for (RecordChange change : changes) {
      Map<RecordType, RecordSet> sets = zone.computeIfAbsent(change.name(), n -> new EnumMap<>(RecordType.class));
      if (change.action() == RecordChange.Action.DELETE) {
        sets.remove(change.record().type());
      } else {
        sets.put(change.record().type(), change.record());
      }
    }
  }

  @Override
  public long callCount() {
    return calls;
  }

  public void putTxt(String zoneId, String name, TxtRecordSet set) {
    txt.put(zoneId + " " + name, set);
  }

  public Optional<TxtRecordSet> getTxt(String zoneId, String name) {
    return Optional.ofNullable(txt.get(zoneId + " " + name));
  }

  @Override
  public Optional<TxtRecordSet> readTxt(String zoneId, String name) {
    calls++;
    Optional<TxtRecordSet> set = getTxt(zoneId, name);
    if (afterNextTxtRead != null) {
      Runnable concurrent = afterNextTxtRead;
      afterNextTxtRead = null;
      concurrent.run();
    }
    return set;
  }

  /** As Route 53: the DELETE must match exactly and the CREATE must find no set, else nothing changes. */
  @Override
  public void replaceTxt(
      String zoneId, String name, Optional<TxtRecordSet> current, Optional<TxtRecordSet> wanted) {
    calls++;
    if (!txtFailures.isEmpty()) {
      throw txtFailures.pop();
    }
    if (!current.equals(getTxt(zoneId, name))) {
      throw new RecordStoreException(RecordStoreException.Kind.REJECTED, "InvalidChangeBatch",
          "the TXT set changed since it was read", null);
    }
    if (wanted.isPresent()) {
      txt.put(zoneId + " " + name, wanted.get());
    } else {
      txt.remove(zoneId + " " + name);
    }
  }
}
