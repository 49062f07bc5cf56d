package dev.dyndns53.acme;

import dev.dyndns53.aws.AwsCallBudget;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How the ACME endpoint retries a change that lost a race with another change to the same challenge
 * name: exponential back-off with full jitter, for as long as the request's AWS budget allows.
 *
 * <p>Each change deletes the set exactly as read and creates the new one in one batch, so when two
 * requests read the same set, Route 53 applies the first batch and refuses the second ({@code
 * InvalidChangeBatch}: the DELETE no longer matches, or the CREATE finds a set). The loser reads
 * again and tries again. lego and acme.sh treat anything but a 2xx as a failed challenge, so giving
 * up after one retry (as this endpoint once did: 2 to 4 of 10 concurrent presents succeeded) fails
 * certificates that would have been issued a few hundred milliseconds later. Jitter spreads the
 * retries of many losers, so that each round has one winner instead of all colliding again.
 *
 * @param window how long after its first read a request may still start another try; a try costs
 *     one read and one write
 * @param backoffBase the first back-off ceiling
 * @param backoffMax the largest back-off ceiling
 */
public record ConflictRetry(Duration window, Duration backoffBase, Duration backoffMax) {

  // SecureRandom, not ThreadLocalRandom: execution environments restored from one SnapStart
  // snapshot would otherwise draw the same "random" delays and collide again in lockstep.
  private static final RandomGenerator JITTER = new SecureRandom();

  public ConflictRetry {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(backoffBase, "backoffBase");
    Objects.requireNonNull(backoffMax, "backoffMax");
  }

  /**
   * Retries within one AWS call's time out of the request's budget, with the budget's back-off for
   * transient failures. A retry starts no later than {@link AwsCallBudget#callTimeout()} after the
   * first read and makes two calls of at most that long each, so a request that retries ends within
   * the three calls' time the budget is sized for (15 s of the function's 20 s for {@link
   * AwsCallBudget#LAMBDA}); past that it is answered 503.
   */
  public static ConflictRetry within(AwsCallBudget budget) {
    return new ConflictRetry(budget.callTimeout(), budget.backoffBase(), budget.backoffMax());
  }

  /** Starts the clock for one request. */
  Tries start() {
    return new Tries(System.nanoTime() + window.toNanos());
  }

  /** One request's tries. */
  final class Tries {
    private final long deadline;
    private int failures;

    private Tries(long deadline) {
      this.deadline = deadline;
    }

    /**
     * Waits a jittered back-off after one more lost race; false, without waiting, when the next try
     * would start past the window (or the thread is interrupted).
     */
    boolean backOff() {
      failures++;
      long baseMillis = Math.max(1, backoffBase.toMillis());
      long capMillis = Math.max(baseMillis, backoffMax.toMillis());
      long ceiling = Math.min(capMillis, baseMillis << Math.min(failures - 1, 30));
      long delayMillis = JITTER.nextLong(ceiling + 1);
      if (System.nanoTime() + delayMillis * 1_000_000 > deadline) {
        return false;
      }
      try {
        Thread.sleep(delayMillis);
        return true;
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /** Races lost so far. */
    int failures() {
      return failures;
    }
  }
}
