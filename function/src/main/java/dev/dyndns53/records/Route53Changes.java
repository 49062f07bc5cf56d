package dev.dyndns53.records;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** Builds the {@code Change}s of a Route 53 change batch, for address and TXT records alike. */
final class Route53Changes {
  private Route53Changes() {}

  /** An address record change. */
  static Change of(RecordChange change) {
    RecordSet record = change.record();
    return change(
        change.action().name(), change.name(), record.type().name(), record.ttl(), record.values());
  }

  /** A TXT change ({@code DELETE} or {@code CREATE}) of one name's whole set. */
  static Change txt(String action, String name, TxtRecordSet set) {
    return change(action, name, "TXT", set.ttl(), set.values());
  }

  /** The batch's subject for messages, such as {@code UPSERT home.example.com A}. */
  static String describe(List<RecordChange> changes) {
    StringBuilder out = new StringBuilder();
    for (RecordChange change : changes) {
      if (!out.isEmpty()) {
        out.append(", ");
      }
      out.append(change.action())
          .append(' ')
          .append(change.name())
          .append(' ')
          .append(change.record().type());
    }
    return out.toString();
  }

  /** The name as Route 53 lists it: normalized (lower case, octal escapes) with a trailing dot. */
  static String wireName(String canonicalName) {
    return HostNames.route53Normalized(canonicalName) + ".";
  }

  private static Change change(
      String action, String name, String type, long ttl, List<String> texts) {
    List<ResourceRecord> values = new ArrayList<>(texts.size());
    for (String value : texts) {
      values.add(ResourceRecord.builder().value(value).build());
    }
    return Change.builder()
        .action(action)
        .resourceRecordSet(
            ResourceRecordSet.builder()
                .name(wireName(name))
                .type(type)
                .ttl(ttl)
                .resourceRecords(values)
                .build())
        .build();
  }
}
