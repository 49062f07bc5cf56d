package dev.dyndns53.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Paces the health check's Route 53 reads at most one per {@link HealthCheck#READ_INTERVAL}, and
 * stops them at a deadline. Route 53 allows five control-plane calls per second per account, shared
 * with the updates themselves; two a second leave them three.
 */
final class ReadPacer {
  private final Clock clock;
  private final HealthCheck.Pause pause;
  private final Instant deadline;
  private int calls;
  private Instant lastStarted;

  ReadPacer(Clock clock, HealthCheck.Pause pause, Instant deadline) {
    this.clock = clock;
    this.pause = pause;
    this.deadline = deadline;
  }

  /** Whether there is time left at all (for the one unpaced read, the passwords). */
  boolean timeLeft() {
    return clock.instant().isBefore(deadline);
  }

  /** Waits until the next read may start; false when that is past the deadline. */
  boolean waitForTurn() {
    Instant now = clock.instant();
    if (lastStarted != null) {
      Instant turn = lastStarted.plus(HealthCheck.READ_INTERVAL);
      if (!turn.isBefore(deadline)) {
        return false;
      }
      if (now.isBefore(turn)) {
        try {
          pause.pause(Duration.between(now, turn));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return false;
        }
        now = clock.instant();
      }
    }
    if (!now.isBefore(deadline)) {
      return false;
    }
    lastStarted = now;
    return true;
  }

  /**
   * Records that the read just started made {@code count} calls; a read that took several (paging)
   * pushes the next turn back by as many intervals, so the rate stays the same.
   */
  void made(long count) {
    calls += (int) count;
    if (count > 1 && lastStarted != null) {
      lastStarted = lastStarted.plus(HealthCheck.READ_INTERVAL.multipliedBy(count - 1));
    }
  }

  /** Route 53 calls made so far. */
  int calls() {
    return calls;
  }
}
