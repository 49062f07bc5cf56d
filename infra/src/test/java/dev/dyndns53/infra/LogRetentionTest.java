package dev.dyndns53.infra;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.logs.LogGroup;

class LogRetentionTest {
  /** The periods CloudWatch Logs offers, which are the ones the configuration parser accepts. */
  static final List<Integer> PERIODS =
      List.of(
          1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
          2922, 3288, 3653);

  @Test
  void everyAcceptedPeriod_keepsLogsForThatManyDays() {
    Stack stack = new Stack(TestStacks.app(Map.of()), "Retention");
    for (int days : PERIODS) {
      LogGroup.Builder.create(stack, "Days" + days).retention(LogRetention.ofDays(days)).build();
    }
    Template template = Template.fromStack(stack);
    for (int days : PERIODS) {
      template.hasResourceProperties(
          "AWS::Logs::LogGroup", Match.objectEquals(Map.of("RetentionInDays", days)));
    }
    template.resourceCountIs("AWS::Logs::LogGroup", PERIODS.size());
  }

  @Test
  void aPeriodCloudWatchDoesNotOffer_isAProgrammingError() {
    assertThrows(IllegalArgumentException.class, () -> LogRetention.ofDays(45));
  }
}
