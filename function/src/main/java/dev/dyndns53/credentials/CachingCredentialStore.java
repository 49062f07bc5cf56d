package dev.dyndns53.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps passwords read from another store for a bounded time, so a router's every update does not
 * cost a Secrets Manager call, and a rotated password still applies within that time.
 *
 * <p>A few lines instead of AWS's aws-secretsmanager-caching-java: that library brings its own
 * SDK client construction, a refresh thread model and tens of classes to every cold start, for a
 * map with an expiry. Failures are never cached: the next request asks the store again.
 */
public final class CachingCredentialStore implements CredentialStore {
  private record Entry(Optional<String> password, Instant readAt) {}

  private final CredentialStore delegate;
  private final Duration ttl;
  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  public CachingCredentialStore(CredentialStore delegate, Duration ttl, Clock clock) {
    this.delegate = delegate;
    this.ttl = ttl;
    this.clock = clock;
  }

  @Override
  public Optional<String> password(String user) {
    Instant now = clock.instant();
    Entry entry = entries.get(user);
    if (entry != null && now.isBefore(entry.readAt().plus(ttl))) {
      return entry.password();
    }
    Optional<String> password = delegate.password(user);
    if (!ttl.isZero()) {
      entries.put(user, new Entry(password, now));
    }
    return password;
  }

  /** Forgets every cached password; after a SnapStart restore nothing read before may be reused. */
  public void clear() {
    entries.clear();
  }
}
