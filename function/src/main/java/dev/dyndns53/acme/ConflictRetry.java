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
 * @param window how long a request's tries may take together, from its first read: a new try starts
 *     only when its back-off and a try as long as the longest so far end within it
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
   * Retries within the AWS time a request is sized for, with the budget's back-off for transient
   * failures: three calls of at most {@link AwsCallBudget#callTimeout()} each (15 s of the
   * function's 20 s for {@link AwsCallBudget#LAMBDA}). Tries are one read and one write each,
   * usually a few hundred milliseconds together, so a request can lose many races before the window
   * closes; past it, it is answered 503 rather than cut off by the Lambda timeout.
   */
  public static ConflictRetry within(AwsCallBudget budget) {
    return new ConflictRetry(
        budget.callTimeout().multipliedBy(3), budget.backoffBase(), budget.backoffMax());
  }

  /** Starts the clock for one request. */
  Tries start() {
    return new Tries(System.nanoTime());
  }

  /** One request's tries. */
  final class Tries {
    private final long deadline;
    private long tryStarted;
    private long longestTry;
    private int failures;

    private Tries(long now) {
      this.deadline = now + window.toNanos();
      this.tryStarted = now;
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
      long now = System.nanoTime();
      longestTry = Math.max(longestTry, now - tryStarted);
      if (now + delayMillis * 1_000_000 + longestTry > deadline) {
        return false;
      }
      try {
        Thread.sleep(delayMillis);
        tryStarted = System.nanoTime();
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
