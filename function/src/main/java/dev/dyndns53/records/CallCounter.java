package dev.dyndns53.records;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the calls a record store makes to its backend on behalf of one request (HTTP attempts,
 * retries included), for the request log's {@code route53Calls}. One per request, so that
 * overlapping requests in one process each count only their own calls. Thread-safe.
 */
public final class CallCounter {
  private final AtomicLong calls = new AtomicLong();

  /** Adds calls made. */
  public void add(long count) {
    calls.addAndGet(count);
  }

  /** The calls counted so far. */
  public long count() {
    return calls.get();
  }
}
