package dev.dyndns53.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where each host's history lives: the port the function's core talks to; {@link
 * DynamoDbHistoryStore} is the AWS adapter. Every method throws {@link HistoryStoreException} when
 * the store fails, and takes the time the call may use, since history calls run on a short budget
 * of their own ({@code dev.dyndns53.activity.SideCallBudget}).
 */
public interface HistoryStore {
  /** No history: writes nothing, reads nothing. */
  HistoryStore NONE =
      new HistoryStore() {
        @Override
        public void record(
            Collection<HostEvent> events, Collection<HostAsked> asked, Duration timeout) {}

        @Override
        public List<HostEvent> events(String host, Instant since, int limit, Duration timeout) {
          return List.of();
        }

        @Override
        public Map<String, HostSummary> summaries(Collection<String> hosts, Duration timeout) {
          return Map.of();
        }
      };

  /**
   * Writes the events and the hosts' summaries as one unit: each event updates its host's last
   * change, and each asked host its last request. Either collection may be empty, not both.
   */
  void record(Collection<HostEvent> events, Collection<HostAsked> asked, Duration timeout);

  /**
   * The host's events from {@code since} on, oldest first, at most {@code limit}. Filters by time
   * itself: DynamoDB deletes expired items days late.
   */
  List<HostEvent> events(String host, Instant since, int limit, Duration timeout);

  /** The hosts' summaries, by host; hosts the store knows nothing of are absent. */
  Map<String, HostSummary> summaries(Collection<String> hosts, Duration timeout);
}
