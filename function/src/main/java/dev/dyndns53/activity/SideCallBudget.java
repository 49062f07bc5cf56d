package dev.dyndns53.activity;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The time the history and notification calls of one request may take, together: a short budget of
 * their own inside the request's AWS budget ({@link dev.dyndns53.aws.AwsCallBudget#LAMBDA}). They
 * run after the router's answer is decided and never change it, so they get little time, one
 * attempt each, and none at all when the request has used up its own time.
 *
 * @param shared the time all of a request's history and notification calls may take together
 * @param requestDeadline how long after the request started the last of them must end; past it they
 *     are skipped
 * @param leastWorthCalling a call with less time left than this is skipped, not started
 */
public record SideCallBudget(
    Duration shared, Duration requestDeadline, Duration leastWorthCalling) {

  /**
   * The deployed function's: 1 s shared (a DynamoDB or SNS call in the same region answers in tens
   * of milliseconds; 1 s is a failed call, not a slow one), ending at the latest 18 s after the
   * request started: the Lambda timeout is 20 s, and the function must still answer.
   */
  public static final SideCallBudget LAMBDA =
      new SideCallBudget(Duration.ofSeconds(1), Duration.ofSeconds(18), Duration.ofMillis(50));

  /** Starts the clock of one request's side calls. */
  public Clock start(long requestStartedNanos, LongSupplier nanoTime) {
    return new Clock(requestStartedNanos, nanoTime.getAsLong(), nanoTime);
  }

  /** The running budget of one request. */
  public final class Clock {
    private final long requestStarted;
    private final long sideStarted;
    private final LongSupplier nanoTime;

    Clock(long requestStarted, long sideStarted, LongSupplier nanoTime) {
      this.requestStarted = requestStarted;
      this.sideStarted = sideStarted;
      this.nanoTime = nanoTime;
    }

    /** The time the next call may take, or empty when it should be skipped. */
    public Optional<Duration> next() {
      long now = nanoTime.getAsLong();
      long left =
          Math.min(
              shared.toNanos() - (now - sideStarted),
              requestDeadline.toNanos() - (now - requestStarted));
      return left < leastWorthCalling.toNanos()
          ? Optional.empty()
          : Optional.of(Duration.ofNanos(left));
    }
  }
}
