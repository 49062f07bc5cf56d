package dev.dyndns53.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SideCallBudgetTest {
  private final AtomicLong now = new AtomicLong();

  private static long ms(long millis) {
    return Duration.ofMillis(millis).toNanos();
  }

  @Test
  void callsShareOneSecond_andTheLastOneGetsWhatIsLeft() {
    SideCallBudget.Clock clock = SideCallBudget.LAMBDA.start(0, now::get);

    assertEquals(Optional.of(Duration.ofSeconds(1)), clock.next());
    now.set(ms(700));
    assertEquals(Optional.of(Duration.ofMillis(300)), clock.next());
    now.set(ms(960));
    assertEquals(Optional.empty(), clock.next(), "40 ms is less than worth a call");
  }

  @Test
  void aRequestNearItsDeadline_getsOnlyWhatTheDeadlineLeaves() {
    now.set(ms(17_600));
    SideCallBudget.Clock clock = SideCallBudget.LAMBDA.start(0, now::get);

    assertEquals(Optional.of(Duration.ofMillis(400)), clock.next());
    now.set(ms(18_000));
    assertEquals(Optional.empty(), clock.next());
  }

  @Test
  void aRequestPastItsDeadline_skipsEveryCall() {
    now.set(ms(19_000));

    assertEquals(Optional.empty(), SideCallBudget.LAMBDA.start(0, now::get).next());
  }
}
