package dev.dyndns53.dyndns2;

import dev.dyndns53.history.HostActivity;
import dev.dyndns53.http.HttpRequest;
import dev.dyndns53.records.RecordSet;
import dev.dyndns53.records.RecordType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Issue 17: what became of each of the user's hosts in one update, for {@link HostActivity}. */
final class HostActivities {
  private HostActivities() {}

  static HostActivity.UpdateActivity ofUpdate(
      HttpRequest request, String user, Collection<HostPlan> plans, long started) {
    List<HostActivity.HostResult> hosts = new ArrayList<>();
    for (HostPlan plan : plans) {
      boolean changed = plan.outcome != null && plan.outcome.token() == Dyndns2Token.GOOD;
      hosts.add(
          new HostActivity.HostResult(
              plan.host.name(),
              changed,
              addressesOf(plan.before),
              changed ? addressesOf(plan.after) : List.of()));
    }
    return new HostActivity.UpdateActivity(
        started,
        request.requestId(),
        user,
        request.header("User-Agent"),
        Optional.ofNullable(request.sourceAddress()),
        hosts);
  }

  private static List<String> addressesOf(Map<RecordType, RecordSet> records) {
    List<String> addresses = new ArrayList<>();
    if (records != null) {
      for (RecordType type : RecordType.values()) {
        RecordSet set = records.get(type);
        if (set != null) {
          addresses.addAll(set.values());
        }
      }
    }
    return addresses;
  }
}
