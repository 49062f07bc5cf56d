package dev.dyndns53.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterPoliciesTest {
  private static Dyndns53Config config(int hosts, int addresses) {
    return config(hosts, addresses, true);
  }

  private static Dyndns53Config config(int hosts, int addresses, boolean aliceEmail) {
    StringBuilder json = new StringBuilder("{\"hosts\": {");
    for (int i = 0; i < hosts; i++) {
      json.append(i == 0 ? "" : ",")
          .append("\"h")
          .append(i)
          .append(".example.com\": {\"zoneId\": \"Z1\"");
      if (i < addresses) {
        json.append(", \"email\": \"a").append(i).append("@example.com\"");
      }
      json.append('}');
    }
    json.append("}, \"users\": {\"alice\": {")
        .append(aliceEmail ? "\"email\": \"alice@example.com\", " : "")
        .append("\"hosts\": [");
    for (int i = 0; i < hosts; i++) {
      json.append(i == 0 ? "" : ",").append("\"h").append(i).append(".example.com\"");
    }
    return ConfigParser.parse("t.json", json.append("]}}}").toString());
  }

  @Test
  void oneSubscriptionPerAddress_filteringOnTheHostsItHears() {
    List<FilterPolicies.Subscription> subscriptions = FilterPolicies.of(config(2, 1));

    assertEquals(
        List.of(
            new FilterPolicies.Subscription(
                "alice@example.com", List.of("h0.example.com", "h1.example.com")),
            new FilterPolicies.Subscription("a0@example.com", List.of("h0.example.com"))),
        subscriptions);
    assertEquals(
        "{\"host\":[\"h0.example.com\",\"h1.example.com\"]}", subscriptions.get(0).policyJson());
  }

  @Test
  void pastTwoHundredAddresses_namesThePoliciesPerTopicQuota() {
    FilterPolicies.QuotaException thrown =
        assertThrows(
            FilterPolicies.QuotaException.class, () -> FilterPolicies.of(config(200, 200)));

    assertTrue(thrown.getMessage().contains("\"Filter policies per topic\""), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("201 email addresses"), thrown.getMessage());
  }

  @Test
  void anAddressOfMoreThan150Hosts_namesTheCombinationsQuota() {
    FilterPolicies.QuotaException thrown =
        assertThrows(FilterPolicies.QuotaException.class, () -> FilterPolicies.of(config(151, 0)));

    assertTrue(
        thrown.getMessage().contains("alice@example.com hears of 151 hosts"), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("maximum combinations of values"), thrown.getMessage());
  }

  @Test
  void exactlyAtTheQuotas_isAccepted() {
    assertEquals(1, FilterPolicies.of(config(150, 0)).size());
    assertEquals(200, FilterPolicies.of(config(200, 200, false)).size());
  }
}
