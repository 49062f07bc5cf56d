package dev.dyndns53.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Keeps the users' passwords read from another store for a bounded time, so a router's every update
 * does not cost a Secrets Manager call, and a rotated password still applies within that time. The
 * whole set is kept as one entry: every request, whatever name it carries, finds it fresh or reads
 * it again, so the cache cannot tell an observer which names were asked for before.
 *
 * <p>A few lines instead of AWS's aws-secretsmanager-caching-java: that library brings its own SDK
 * client construction, a refresh thread model and tens of classes to every cold start, for a map
 * with an expiry. Failures are never cached: the next request asks the store again. Neither is a
 * set in which a secret could not be read for a passing reason (throttling, a timeout).
 */
public final class CachingCredentialStore implements CredentialStore {
  private record Entry(Set<String> users, UserPasswords passwords, Instant readAt) {}

  private final CredentialStore delegate;
  private final Duration ttl;
  private final Clock clock;
  private volatile Entry entry;

  public CachingCredentialStore(CredentialStore delegate, Duration ttl, Clock clock) {
    this.delegate = delegate;
    this.ttl = ttl;
    this.clock = clock;
  }

  @Override
  public UserPasswords passwords(Set<String> users) {
    Instant now = clock.instant();
    Entry cached = entry;
    if (cached != null && cached.users().equals(users) && now.isBefore(cached.readAt().plus(ttl))) {
      return cached.passwords();
    }
    UserPasswords read = delegate.passwords(users);
    if (!ttl.isZero() && !read.hasPassingProblem()) {
      entry = new Entry(Set.copyOf(users), read, now);
    }
    return read;
  }

  /** Forgets every cached password; after a SnapStart restore nothing read before may be reused. */
  public void clear() {
    entry = null;
  }
}
