package dev.dyndns53.testing;

import dev.dyndns53.aws.AwsCallBudget;
import java.time.Duration;

/** Call budgets for tests against local endpoints (moto, {@link AwsWireStandIn}). */
public final class TestBudgets {

  /**
   * Three attempts like production, with back-off in milliseconds so retry tests run fast, and
   * timeouts generous enough that a loaded build machine never trips them by accident.
   */
  public static final AwsCallBudget FAST_RETRIES =
      new AwsCallBudget(
          Duration.ofSeconds(5),
          Duration.ofSeconds(15),
          Duration.ofSeconds(15),
          Duration.ofSeconds(45),
          3,
          Duration.ofMillis(1),
          Duration.ofMillis(10),
          Duration.ofMillis(1),
          Duration.ofMillis(10));

  /**
   * Short attempt and call timeouts, for tests that make an endpoint too slow on purpose: every
   * attempt times out after 300 ms and the call gives up after 1.5 s.
   */
  public static final AwsCallBudget SHORT_TIMEOUTS =
      new AwsCallBudget(
          Duration.ofMillis(300),
          Duration.ofMillis(300),
          Duration.ofMillis(300),
          Duration.ofMillis(1500),
          3,
          Duration.ofMillis(1),
          Duration.ofMillis(10),
          Duration.ofMillis(1),
          Duration.ofMillis(10));

  private TestBudgets() {}
}
