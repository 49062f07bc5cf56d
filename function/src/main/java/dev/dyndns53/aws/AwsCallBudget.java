package dev.dyndns53.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one AWS API call may take, including its retries, and how it backs off between attempts.
 * {@link #LAMBDA} is what the function runs with; tests build a shorter one with {@link
 * #builder()}, naming every setting (eight of them are durations, which positional arguments would
 * let anyone swap unnoticed), or change a few with {@link #toBuilder()}.
 */
public final class AwsCallBudget {
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
      builder()
          .connectTimeout(Duration.ofSeconds(1))
          .socketTimeout(Duration.ofSeconds(2))
          .attemptTimeout(Duration.ofMillis(2500))
          .callTimeout(Duration.ofSeconds(5))
          .maxAttempts(3)
          .backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
          .throttlingBackoff(Duration.ofMillis(500), Duration.ofSeconds(2))
          .build();

  private final Duration connectTimeout;
  private final Duration socketTimeout;
  private final Duration attemptTimeout;
  private final Duration callTimeout;
  private final int maxAttempts;
  private final Duration backoffBase;
  private final Duration backoffMax;
  private final Duration throttlingBackoffBase;
  private final Duration throttlingBackoffMax;

  private AwsCallBudget(Builder builder) {
    this.connectTimeout =
        Objects.requireNonNull(builder.connectTimeout, "connectTimeout is not set");
    this.socketTimeout = Objects.requireNonNull(builder.socketTimeout, "socketTimeout is not set");
    this.attemptTimeout =
        Objects.requireNonNull(builder.attemptTimeout, "attemptTimeout is not set");
    this.callTimeout = Objects.requireNonNull(builder.callTimeout, "callTimeout is not set");
    this.maxAttempts = builder.maxAttempts;
    this.backoffBase = Objects.requireNonNull(builder.backoffBase, "backoffBase is not set");
    this.backoffMax = Objects.requireNonNull(builder.backoffMax, "backoffMax is not set");
    this.throttlingBackoffBase =
        Objects.requireNonNull(builder.throttlingBackoffBase, "throttlingBackoffBase is not set");
    this.throttlingBackoffMax =
        Objects.requireNonNull(builder.throttlingBackoffMax, "throttlingBackoffMax is not set");
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

  /** A builder with nothing set; {@link Builder#build()} requires every setting. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this budget's settings. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.connectTimeout = connectTimeout;
    builder.socketTimeout = socketTimeout;
    builder.attemptTimeout = attemptTimeout;
    builder.callTimeout = callTimeout;
    builder.maxAttempts = maxAttempts;
    builder.backoffBase = backoffBase;
    builder.backoffMax = backoffMax;
    builder.throttlingBackoffBase = throttlingBackoffBase;
    builder.throttlingBackoffMax = throttlingBackoffMax;
    return builder;
  }

  /** How long to wait for a TCP connection to the endpoint. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long a connection may stay silent while a response is awaited. */
  public Duration socketTimeout() {
    return socketTimeout;
  }

  /** The longest one HTTP attempt may take, connect to last byte. */
  public Duration attemptTimeout() {
    return attemptTimeout;
  }

  /** The longest one API call may take, all attempts and back-off included. */
  public Duration callTimeout() {
    return callTimeout;
  }

  /** Attempts per API call, the first one included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** First back-off ceiling after a transient failure (5xx, timeout, I/O). */
  public Duration backoffBase() {
    return backoffBase;
  }

  /** Largest back-off ceiling after a transient failure. */
  public Duration backoffMax() {
    return backoffMax;
  }

  /** First back-off ceiling after a throttling answer. */
  public Duration throttlingBackoffBase() {
    return throttlingBackoffBase;
  }

  /** Largest back-off ceiling after a throttling answer. */
  public Duration throttlingBackoffMax() {
    return throttlingBackoffMax;
  }

  @Override
  public String toString() {
    return "AwsCallBudget[connect "
        + connectTimeout
        + ", socket "
        + socketTimeout
        + ", attempt "
        + attemptTimeout
        + ", call "
        + callTimeout
        + ", "
        + maxAttempts
        + " attempts, back-off "
        + backoffBase
        + " to "
        + backoffMax
        + ", throttled "
        + throttlingBackoffBase
        + " to "
        + throttlingBackoffMax
        + "]";
  }

  /** Names every setting of a budget at the call site. */
  public static final class Builder {
    private Duration connectTimeout;
    private Duration socketTimeout;
    private Duration attemptTimeout;
    private Duration callTimeout;
    private int maxAttempts;
    private Duration backoffBase;
    private Duration backoffMax;
    private Duration throttlingBackoffBase;
    private Duration throttlingBackoffMax;

    private Builder() {}

    /** How long to wait for a TCP connection to the endpoint. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** How long a connection may stay silent while a response is awaited. */
    public Builder socketTimeout(Duration socketTimeout) {
      this.socketTimeout = socketTimeout;
      return this;
    }

    /** The longest one HTTP attempt may take, connect to last byte. */
    public Builder attemptTimeout(Duration attemptTimeout) {
      this.attemptTimeout = attemptTimeout;
      return this;
    }

    /** The longest one API call may take, all attempts and back-off included. */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout;
      return this;
    }

    /** Attempts per API call, the first one included. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Back-off after a transient failure (5xx, timeout, I/O): full jitter under a ceiling that
     * starts at {@code base} and doubles up to {@code max}.
     */
    public Builder backoff(Duration base, Duration max) {
      this.backoffBase = base;
      this.backoffMax = max;
      return this;
    }

    /** Back-off after a throttling answer, as {@link #backoff} does. */
    public Builder throttlingBackoff(Duration base, Duration max) {
      this.throttlingBackoffBase = base;
      this.throttlingBackoffMax = max;
      return this;
    }

    /**
     * The budget.
     *
     * @throws NullPointerException when a setting is missing
     * @throws IllegalArgumentException when fewer than one attempt is allowed, or one attempt may
     *     take longer than the whole call
     */
    public AwsCallBudget build() {
      return new AwsCallBudget(this);
    }
  }
}
