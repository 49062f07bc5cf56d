package dev.dyndns53.notify;

import dev.dyndns53.config.ActivityConfig;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.config.UserConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The email subscriptions of the notification topic and their SNS filter policies, computed from
 * the configuration: the one function the stack (which creates the subscriptions) and the tests
 * (which subscribe queues with the same policies) share. Uses the JDK only, as the stack needs.
 *
 * <p>Every message carries the message attributes {@value #HOST} and {@value #USER}. An address
 * gets one subscription (SNS keeps one per topic and endpoint) whose policy matches the {@value
 * #HOST} attribute against every host it hears of: the hosts of each user that lists it, and each
 * host that lists it. Filtering on hosts rather than on the user who asked means that an address
 * hears a shared host's change whichever user's router made it.
 */
public final class FilterPolicies {
  /** The message attribute naming the host. */
  public static final String HOST = "host";

  /** The message attribute naming the user whose request it was. */
  public static final String USER = "user";

  /**
   * SNS quota "Filter policies per topic" (default 200, adjustable): an address is one subscription
   * with one policy.
   */
  public static final int MAX_POLICIES_PER_TOPIC = 200;

  /** SNS quota: at most 150 combinations of values in one filter policy (not adjustable). */
  public static final int MAX_VALUE_COMBINATIONS = 150;

  /** SNS quota: at most 5 attribute keys in one filter policy (not adjustable). */
  public static final int MAX_KEYS = 5;

  private FilterPolicies() {}

  /**
   * One email subscription.
   *
   * @param email the address
   * @param hosts the hosts it hears of, in configuration order: the policy's only key's values
   */
  public record Subscription(String email, List<String> hosts) {
    public Subscription {
      hosts = List.copyOf(hosts);
    }

    /** The filter policy, as SNS takes it: {@code {"host": ["a.example.com", …]}}. */
    public Map<String, List<String>> policy() {
      return Map.of(HOST, hosts);
    }

    /** The policy as JSON text. */
    public String policyJson() {
      StringBuilder out = new StringBuilder("{\"" + HOST + "\":[");
      for (int i = 0; i < hosts.size(); i++) {
        out.append(i == 0 ? "\"" : ",\"").append(hosts.get(i)).append('"');
      }
      return out.append("]}").toString();
    }
  }

  /**
   * The subscriptions the configuration asks for.
   *
   * @throws QuotaException naming the quota when SNS would refuse them
   */
  public static List<Subscription> of(Dyndns53Config config) {
    ActivityConfig activity = config.activity();
    Map<String, Set<String>> byEmail = new LinkedHashMap<>();
    for (UserConfig user : config.users().values()) {
      for (String email : activity.user(user.name()).emails()) {
        byEmail.computeIfAbsent(email, e -> new LinkedHashSet<>()).addAll(user.hosts());
      }
    }
    activity
        .hostEmails()
        .forEach(
            (host, emails) ->
                emails.forEach(
                    email -> byEmail.computeIfAbsent(email, e -> new LinkedHashSet<>()).add(host)));
    List<String> problems = new ArrayList<>();
    if (byEmail.size() > MAX_POLICIES_PER_TOPIC) {
      problems.add(
          byEmail.size()
              + " email addresses need "
              + byEmail.size()
              + " filter policies on the notification topic; SNS allows "
              + MAX_POLICIES_PER_TOPIC
              + " (quota \"Filter policies per topic\"; ask AWS to raise it, or subscribe fewer"
              + " addresses)");
    }
    List<Subscription> subscriptions = new ArrayList<>();
    byEmail.forEach(
        (email, hosts) -> {
          if (hosts.size() > MAX_VALUE_COMBINATIONS) {
            problems.add(
                email
                    + " hears of "
                    + hosts.size()
                    + " hosts, past the "
                    + MAX_VALUE_COMBINATIONS
                    + " value combinations SNS allows in one filter policy (quota \"Filter policy:"
                    + " maximum combinations of values\"); subscribe it to fewer hosts");
          }
          subscriptions.add(new Subscription(email, List.copyOf(hosts)));
        });
    if (!problems.isEmpty()) {
      throw new QuotaException(problems);
    }
    return subscriptions;
  }

  /** A configuration past an SNS quota; each message names the quota. */
  public static final class QuotaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public QuotaException(List<String> problems) {
      super(String.join("\n", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }
}
