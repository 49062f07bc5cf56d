package dev.dyndns53.local;

import java.time.Duration;

/**
 * What an operator may tune on the local endpoint, and the fixed size limits beside it. Build it
 * from {@link #DEFAULT} with the {@code with…} methods, so that each value is named where it is set
 * (two of them are durations that would be easy to swap in a positional call).
 *
 * @param maxConnections connections served at once; one more is answered {@code 503} with {@code
 *     Retry-After} and closed
 * @param idleTimeout the longest a client may stay silent before or in the middle of its request
 * @param requestTimeout the longest a client may take to send its whole request
 * @param trustedProxies the peers whose {@code X-Forwarded-For} is believed
 * @param headBytes the request line and header fields together, line ends included
 * @param bodyBytes the largest body accepted
 */
public record ServerSettings(
    int maxConnections,
    Duration idleTimeout,
    Duration requestTimeout,
    TrustedProxies trustedProxies,
    int headBytes,
    int bodyBytes) {

  /**
   * 256 connections: a home server's routers and ACME clients need a handful, and 256 idle ones
   * cost a few megabytes (one virtual thread and a 4 KB buffer each) and stay far below the usual
   * 1,024 descriptors. API Gateway (REST) accepts at most 10,240 bytes of request line and header
   * values together, so a router that works with the local endpoint works with the deployed one; a
   * dyndns2 form is a few hundred bytes. A router sends its request in one go: 10 s of silence or
   * 20 s in all (the Lambda timeout) is a client that is not coming. No proxy is trusted.
   */
  public static final ServerSettings DEFAULT =
      new ServerSettings(
          256,
          Duration.ofSeconds(10),
          Duration.ofSeconds(20),
          TrustedProxies.NONE,
          10 * 1024,
          16 * 1024);

  /** Checks the values, so a mistake is caught at start, not on the first request. */
  public ServerSettings {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("at least one connection must be allowed");
    }
    if (idleTimeout.toMillis() < 1 || requestTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (trustedProxies == null) {
      throw new IllegalArgumentException("trustedProxies is required (TrustedProxies.NONE)");
    }
  }

  public ServerSettings withMaxConnections(int count) {
    return new ServerSettings(
        count, idleTimeout, requestTimeout, trustedProxies, headBytes, bodyBytes);
  }

  public ServerSettings withIdleTimeout(Duration timeout) {
    return new ServerSettings(
        maxConnections, timeout, requestTimeout, trustedProxies, headBytes, bodyBytes);
  }

  public ServerSettings withRequestTimeout(Duration timeout) {
    return new ServerSettings(
        maxConnections, idleTimeout, timeout, trustedProxies, headBytes, bodyBytes);
  }

  public ServerSettings withTrustedProxies(TrustedProxies proxies) {
    return new ServerSettings(
        maxConnections, idleTimeout, requestTimeout, proxies, headBytes, bodyBytes);
  }

  /**
   * What a refused client is told to wait ({@code Retry-After}), in whole seconds: the idle
   * timeout, by which every connection that was silent when it was refused has been cut.
   */
  long retryAfterSeconds() {
    return Math.max(1, (idleTimeout.toMillis() + 999) / 1000);
  }
}
