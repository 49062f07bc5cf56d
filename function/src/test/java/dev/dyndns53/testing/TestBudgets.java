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
      AwsCallBudget.builder()
          .connectTimeout(Duration.ofSeconds(5))
          .socketTimeout(Duration.ofSeconds(15))
          .attemptTimeout(Duration.ofSeconds(15))
          .callTimeout(Duration.ofSeconds(45))
          .maxAttempts(3)
          .backoff(Duration.ofMillis(1), Duration.ofMillis(10))
          .throttlingBackoff(Duration.ofMillis(1), Duration.ofMillis(10))
          .build();

  /**
   * Short attempt and call timeouts, for tests that make an endpoint too slow on purpose: every
   * attempt times out after 300 ms and the call gives up after 1.5 s.
   */
  public static final AwsCallBudget SHORT_TIMEOUTS =
      FAST_RETRIES.toBuilder()
          .connectTimeout(Duration.ofMillis(300))
          .socketTimeout(Duration.ofMillis(300))
          .attemptTimeout(Duration.ofMillis(300))
          .callTimeout(Duration.ofMillis(1500))
          .build();

  private TestBudgets() {}
}
