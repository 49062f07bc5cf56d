package dev.dyndns53.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one AWS API call may take, including its retries, and how it backs off between attempts.
 * {@link #LAMBDA} is what the function runs with; tests pass a shorter budget.
 *
 * @param connectTimeout how long to wait for a TCP connection to the endpoint
 * @param socketTimeout how long a connection may stay silent while a response is awaited
 * @param attemptTimeout the longest one HTTP attempt may take, connect to last byte
 * @param callTimeout the longest one API call may take, all attempts and back-off included
 * @param maxAttempts attempts per API call, the first one included
 * @param backoffBase first back-off ceiling after a transient failure (5xx, timeout, I/O)
 * @param backoffMax largest back-off ceiling after a transient failure
 * @param throttlingBackoffBase first back-off ceiling after a throttling answer
 * @param throttlingBackoffMax largest back-off ceiling after a throttling answer
 */
public record AwsCallBudget(
    Duration connectTimeout,
    Duration socketTimeout,
    Duration attemptTimeout,
    Duration callTimeout,
    int maxAttempts,
    Duration backoffBase,
    Duration backoffMax,
    Duration throttlingBackoffBase,
    Duration throttlingBackoffMax) {

  /**
   * The budget of the deployed function. The Lambda timeout is 20 s (API Gateway gives up at 29 s),
   * and the usual update request makes at most three calls in sequence: BatchGetSecretValue (when
   * the passwords are not cached), ListResourceRecordSets and ChangeResourceRecordSets. Each call
   * may take at most 5 s, so those three stay under 15 s and leave 5 s for the rest of the request,
   * so that the function still answers {@code 911} itself rather than being cut off. Rarer shapes
   * make more calls: more than 20 users add a BatchGetSecretValue per 20, hosts of several zones or
   * IAM partitions a read or write each, a zone listing past 300 record sets a page, and a batch
   * Route 53 refuses after a read was skipped one read and one write more. Only when several of
   * those calls are slow at once can such a request reach the Lambda timeout; API Gateway then
   * answers {@code 911} itself (its 504 gateway response).
   *
   * <ul>
   *   <li>connect 1 s: a TCP connection to an in-region AWS endpoint takes milliseconds; a
   *       black-holed one should fail fast enough to leave room for a retry.
   *   <li>socket 2 s: these calls carry a few hundred bytes and AWS normally answers them in well
   *       under a second (ChangeResourceRecordSets answers PENDING without waiting for
   *       propagation), so a connection silent for 2 s is better abandoned and retried.
   *   <li>attempt 2.5 s: the socket timeout plus room for a cold JVM's first call, which loads and
   *       initialises the TLS, signing and XML or JSON classes inside the attempt and can take over
   *       a second on a small Lambda without SnapStart.
   *   <li>3 attempts: two slow attempts (2 × 2.5 s) fill the 5 s call timeout; a third fits when
   *       failures are fast, as throttling answers are. The call timeout cuts whatever does not
   *       fit.
   *   <li>back-off: exponential with full jitter ({@code AwsClients.exponentialFullJitter}); 100 ms
   *       to 1 s after 5xx, timeouts and I/O errors; 500 ms to 2 s after throttling. Route 53
   *       allows 5 control-plane requests per second per account, so one 200 ms refill is the least
   *       worth waiting for; the SDK's default throttling back-off (1 s base, 20 s cap) could spend
   *       the whole budget on one wait.
   * </ul>
   */
  public static final AwsCallBudget LAMBDA =
      new AwsCallBudget(
          Duration.ofSeconds(1),
          Duration.ofSeconds(2),
          Duration.ofMillis(2500),
          Duration.ofSeconds(5),
          3,
          Duration.ofMillis(100),
          Duration.ofSeconds(1),
          Duration.ofMillis(500),
          Duration.ofSeconds(2));

  public AwsCallBudget {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(socketTimeout, "socketTimeout");
    Objects.requireNonNull(attemptTimeout, "attemptTimeout");
    Objects.requireNonNull(callTimeout, "callTimeout");
    Objects.requireNonNull(backoffBase, "backoffBase");
    Objects.requireNonNull(backoffMax, "backoffMax");
    Objects.requireNonNull(throttlingBackoffBase, "throttlingBackoffBase");
    Objects.requireNonNull(throttlingBackoffMax, "throttlingBackoffMax");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (attemptTimeout.compareTo(callTimeout) > 0) {
      throw new IllegalArgumentException(
          "attemptTimeout ("
              + attemptTimeout
              + ") must not exceed callTimeout ("
              + callTimeout
              + ")");
    }
  }
}
