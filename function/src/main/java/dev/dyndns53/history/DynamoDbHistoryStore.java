package dev.dyndns53.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The history in a DynamoDB table with a string partition key {@code host} and a string sort key
 * {@code sk}, and a TTL on the number attribute {@code expiresAt} (epoch seconds).
 *
 * <p>Per host: one summary item ({@code sk = "S"}) with {@code lastAsked}, {@code askedBy}, {@code
 * askedClient}, {@code lastChanged} and {@code addresses}; and one item per event, {@code sk =
 * "E#<epoch millis, 15 digits>#<kind>#<request id>"}, so a key condition on the sort key selects a
 * time window and the newest events come first in a descending query. Every write of a request is
 * one {@code TransactWriteItems} call: one round trip inside the short budget, and the events and
 * summaries never disagree.
 */
public final class DynamoDbHistoryStore implements HistoryStore {
  /** The table's partition key (a string): the canonical host name. The stack uses these names. */
  public static final String PARTITION_KEY = "host";

  /** The table's sort key (a string). */
  public static final String SORT_KEY = "sk";

  /** The TTL attribute: epoch seconds after which DynamoDB may delete the item. */
  public static final String TTL_ATTRIBUTE = "expiresAt";

  /** The summary item's sort key. */
  static final String SUMMARY = "S";

  static final String EVENT_PREFIX = "E#";

  // TransactWriteItems takes at most 100 actions (DynamoDB Developer Guide, "Amazon DynamoDB
  // Transactions"); a request names at most 20 hosts, so one call is the rule.
  private static final int MAX_TRANSACTION_ITEMS = 100;
  // BatchGetItem reads at most 100 items per call.
  private static final int MAX_BATCH_GET = 100;

  private final DynamoDbClient dynamoDb;
  private final String tableName;
  private final Duration keep;

  /**
   * @param tableName the table's generated name, from the stack
   * @param keep how long items live ({@code history.days}): their TTL
   */
  public DynamoDbHistoryStore(DynamoDbClient dynamoDb, String tableName, Duration keep) {
    this.dynamoDb = dynamoDb;
    this.tableName = tableName;
    this.keep = keep;
  }

  @Override
  public void record(Collection<HostEvent> events, Collection<HostAsked> asked, Duration timeout) {
    List<TransactWriteItem> items = new ArrayList<>();
    Map<String, SummaryUpdate> summaries = new LinkedHashMap<>();
    for (HostEvent event : events) {
      items.add(TransactWriteItem.builder().put(eventPut(event)).build());
      if (event.kind() == HostEvent.Kind.CHANGED) {
        summaries.computeIfAbsent(event.host(), SummaryUpdate::new).changed = event;
      }
    }
    for (HostAsked one : asked) {
      summaries.computeIfAbsent(one.host(), SummaryUpdate::new).asked = one;
    }
    // A transaction may touch an item once, so each host's summary is one update.
    summaries
        .values()
        .forEach(s -> items.add(TransactWriteItem.builder().update(s.update()).build()));
    for (int from = 0; from < items.size(); from += MAX_TRANSACTION_ITEMS) {
      List<TransactWriteItem> chunk =
          items.subList(from, Math.min(items.size(), from + MAX_TRANSACTION_ITEMS));
      call(
          "writing",
          () ->
              dynamoDb.transactWriteItems(
                  b -> b.transactItems(chunk).overrideConfiguration(within(timeout))));
    }
  }

  @Override
  public List<HostEvent> events(String host, Instant since, int limit, Duration timeout) {
    QueryResponse response =
        call(
            "reading",
            () ->
                dynamoDb.query(
                    b ->
                        b.tableName(tableName)
                            .keyConditionExpression("#h = :h AND #sk BETWEEN :from AND :to")
                            .expressionAttributeNames(Map.of("#h", "host", "#sk", "sk"))
                            .expressionAttributeValues(
                                Map.of(
                                    ":h", s(host),
                                    ":from", s(EVENT_PREFIX + millis(since)),
                                    ":to", s(EVENT_PREFIX + "~")))
                            // Newest first, so the limit keeps the recent end of the window.
                            .scanIndexForward(false)
                            .limit(limit)
                            .overrideConfiguration(within(timeout))));
    List<HostEvent> events = new ArrayList<>();
    for (Map<String, AttributeValue> item : response.items()) {
      HostEvent event = event(item);
      // The key condition already starts at `since`; this keeps an item whose key and time
      // disagree (written by hand) out of the window too.
      if (!event.at().isBefore(since)) {
        events.add(0, event);
      }
    }
    return events;
  }

  @Override
  public Map<String, HostSummary> summaries(Collection<String> hosts, Duration timeout) {
    Map<String, HostSummary> out = new LinkedHashMap<>();
    List<String> all = hosts.stream().distinct().toList();
    for (int from = 0; from < all.size(); from += MAX_BATCH_GET) {
      List<Map<String, AttributeValue>> keys =
          all.subList(from, Math.min(all.size(), from + MAX_BATCH_GET)).stream()
              .map(h -> Map.of("host", s(h), "sk", s(SUMMARY)))
              .toList();
      BatchGetItemResponse response =
          call(
              "reading",
              () ->
                  dynamoDb.batchGetItem(
                      b ->
                          b.requestItems(
                                  Map.of(tableName, KeysAndAttributes.builder().keys(keys).build()))
                              .overrideConfiguration(within(timeout))));
      // Unprocessed keys (throttled reads) are left out: the page shows those hosts without
      // history rather than spend a second call of its short budget.
      for (Map<String, AttributeValue> item :
          response.responses().getOrDefault(tableName, List.of())) {
        HostSummary summary = summary(item);
        out.put(summary.host(), summary);
      }
    }
    return out;
  }

  private Put eventPut(HostEvent event) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("host", s(event.host()));
    item.put(
        "sk",
        s(EVENT_PREFIX + millis(event.at()) + "#" + event.kind().name() + "#" + event.requestId()));
    item.put("at", s(event.at().toString()));
    item.put("kind", s(event.kind().name()));
    item.put("before", list(event.before()));
    item.put("after", list(event.after()));
    item.put("user", s(event.user()));
    event.client().ifPresent(c -> item.put("client", s(c)));
    event.sourceAddress().ifPresent(a -> item.put("source", s(a)));
    item.put("requestId", s(event.requestId()));
    item.put("expiresAt", n(event.at().plus(keep).getEpochSecond()));
    return Put.builder().tableName(tableName).item(item).build();
  }

  private final class SummaryUpdate {
    final String host;
    HostEvent changed;
    HostAsked asked;

    SummaryUpdate(String host) {
      this.host = host;
    }

    Update update() {
      List<String> sets = new ArrayList<>();
      Map<String, AttributeValue> values = new HashMap<>();
      Instant latest = Instant.EPOCH;
      if (changed != null) {
        sets.add("lastChanged = :changed");
        sets.add("addresses = :addresses");
        values.put(":changed", s(changed.at().toString()));
        values.put(":addresses", list(changed.after()));
        latest = changed.at();
      }
      if (asked != null) {
        sets.add("lastAsked = :asked");
        sets.add("askedBy = :user");
        sets.add("askedClient = :client");
        values.put(":asked", s(asked.at().toString()));
        values.put(":user", s(asked.user()));
        values.put(":client", s(asked.client().orElse("")));
        latest = asked.at().isAfter(latest) ? asked.at() : latest;
      }
      sets.add("expiresAt = :expires");
      values.put(":expires", n(latest.plus(keep).getEpochSecond()));
      return Update.builder()
          .tableName(tableName)
          .key(Map.of("host", s(host), "sk", s(SUMMARY)))
          .updateExpression("SET " + String.join(", ", sets))
          .expressionAttributeValues(values)
          .build();
    }
  }

  private static HostEvent event(Map<String, AttributeValue> item) {
    return new HostEvent(
        item.get("host").s(),
        Instant.parse(item.get("at").s()),
        HostEvent.Kind.valueOf(item.get("kind").s()),
        strings(item.get("before")),
        strings(item.get("after")),
        text(item, "user").orElse(""),
        text(item, "client"),
        text(item, "source"),
        text(item, "requestId").orElse(""));
  }

  private static HostSummary summary(Map<String, AttributeValue> item) {
    return new HostSummary(
        item.get("host").s(),
        text(item, "lastAsked").map(Instant::parse),
        text(item, "askedBy"),
        text(item, "askedClient").filter(c -> !c.isEmpty()),
        text(item, "lastChanged").map(Instant::parse),
        strings(item.get("addresses")));
  }

  private static Optional<String> text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.s() == null ? Optional.empty() : Optional.of(value.s());
  }

  private static List<String> strings(AttributeValue value) {
    return value == null || !value.hasL()
        ? List.of()
        : value.l().stream().map(AttributeValue::s).toList();
  }

  private static String millis(Instant at) {
    return String.format("%015d", Math.max(0, at.toEpochMilli()));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private static AttributeValue list(List<String> values) {
    return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
  }

  private static AwsRequestOverrideConfiguration within(Duration timeout) {
    // One attempt: a retry would not fit the short budget anyway, and a history write is worth
    // less than the router's answer.
    return AwsRequestOverrideConfiguration.builder()
        .apiCallTimeout(timeout)
        .apiCallAttemptTimeout(timeout)
        .build();
  }

  private static <T> T call(String doing, Supplier<T> call) {
    try {
      return call.get();
    } catch (AwsServiceException failed) {
      String code =
          failed.awsErrorDetails() == null || failed.awsErrorDetails().errorCode() == null
              ? "HTTP" + failed.statusCode()
              : failed.awsErrorDetails().errorCode();
      throw new HistoryStoreException(
          code, "DynamoDB failed while " + doing + " the history: " + failed.getMessage(), failed);
    } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException timedOut) {
      throw new HistoryStoreException(
          "Timeout", "DynamoDB did not answer in time while " + doing + " the history", timedOut);
    } catch (SdkException failed) {
      throw new HistoryStoreException(
          "Unavailable",
          "DynamoDB could not be reached while " + doing + " the history: " + failed.getMessage(),
          failed);
    }
  }
}
