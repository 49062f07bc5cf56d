package dev.dyndns53.aws;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Counts the HTTP attempts of the API calls it is attached to, retries included, from the metrics
 * the SDK publishes at the end of every call, failed ones too.
 *
 * <p>Attach one to a request with {@code overrideConfiguration(o ->
 * o.addMetricPublisher(counter))}. Being per request, it needs nothing from the client's
 * configuration, so it counts the same on a client built by {@link AwsClients} and on one built by
 * a test.
 */
public final class AttemptCounter implements MetricPublisher {
  /** The name the SDK gives each attempt's metric collection within the API call's. */
  private static final String ATTEMPT_COLLECTION = "ApiCallAttempt";

  private final AtomicLong attempts = new AtomicLong();

  @Override
  public void publish(MetricCollection apiCall) {
    attempts.addAndGet(apiCall.childrenWithName(ATTEMPT_COLLECTION).count());
  }

  /** The attempts counted so far. */
  public long attempts() {
    return attempts.get();
  }

  @Override
  public void close() {}
}
