package dev.dyndns53.provisioning;

import dev.dyndns53.json.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Makes sure a user's secret exists, and never deletes one: the core of the {@code
 * Custom::Dyndns53UserSecret} resource.
 *
 * <ul>
 *   <li>No secret of that name: one is created holding {@code {"username": ..., "password": ...}}
 *       with a password the store generates ({@link SecretVault#randomPassword}), so the password
 *       passes through no template, event, log or response.
 *   <li>A secret of that name: adopted as it is, so a redeployed, renamed or upgraded stack and a
 *       re-added user keep the password their routers hold.
 *   <li>A secret scheduled for deletion: restored, and adopted.
 *   <li>A name the store refuses for now (a forced delete is asynchronous: "If you delete a secret
 *       and then immediately create a secret with the same name, use appropriate back off and retry
 *       logic", DeleteSecret API reference): back off and try again from the start, until the
 *       deadline.
 * </ul>
 */
public final class UserSecretProvisioner {
  /** 40 letters and digits: about 238 bits, typeable on a router's web form, no quoting trouble. */
  public static final int PASSWORD_LENGTH = 40;

  /** What {@link #ensure} did. */
  public enum Action {
    CREATED,
    ADOPTED,
    RESTORED
  }

  /**
   * The result of {@link #ensure}.
   *
   * @param action what was done
   * @param waits how many times the store refused the name and the provisioner waited
   */
  public record Outcome(Action action, int waits) {}

  /** Sleeps; the tests' clock and the production one. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * How long to wait between attempts while the name is busy.
   *
   * @param first the first wait
   * @param max the longest wait (each wait doubles up to this)
   */
  public record Backoff(Duration first, Duration max) {
    /** 1 s, 2 s, 4 s, then every 8 s: a forced delete normally completes within seconds. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8));

    public Backoff {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(max, "max");
    }
  }

  private final SecretVault vault;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final LongSupplier nanoTime;

  public UserSecretProvisioner(
      SecretVault vault, Backoff backoff, Sleeper sleeper, LongSupplier nanoTime) {
    this.vault = Objects.requireNonNull(vault, "vault");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /** With real sleeps and the system clock. */
  public static UserSecretProvisioner of(SecretVault vault, Backoff backoff) {
    return new UserSecretProvisioner(
        vault, backoff, duration -> Thread.sleep(duration.toMillis()), System::nanoTime);
  }

  /**
   * Makes sure the secret {@code secretName} exists for {@code userName}.
   *
   * @param within how long the store may keep refusing the name before this gives up
   * @throws SecretVaultException when the store fails, or still refuses the name after {@code
   *     within}
   */
  public Outcome ensure(String secretName, String userName, Duration within) {
    long deadline = nanoTime.getAsLong() + within.toNanos();
    Duration wait = backoff.first();
    int waits = 0;
    while (true) {
      Action done = attempt(secretName, userName);
      if (done != null) {
        return new Outcome(done, waits);
      }
      if (nanoTime.getAsLong() + wait.toNanos() > deadline) {
        throw new SecretVaultException(
            "Secrets Manager still refuses the name "
                + secretName
                + " after "
                + waits
                + " waits ("
                + within.toSeconds()
                + " s): a secret of that name is being deleted. Deploy again in a minute; the"
                + " secret is created or adopted then.");
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new SecretVaultException("interrupted while waiting for " + secretName, interrupted);
      }
      waits++;
      wait =
          wait.multipliedBy(2).compareTo(backoff.max()) > 0 ? backoff.max() : wait.multipliedBy(2);
    }
  }

  /** One pass: the action taken, or null when the store refused the name for now. */
  private Action attempt(String secretName, String userName) {
    switch (vault.state(secretName)) {
      case PRESENT:
        return Action.ADOPTED;
      case SCHEDULED_FOR_DELETION:
        return vault.restore(secretName) == SecretVault.Change.DONE ? Action.RESTORED : null;
      case ABSENT:
      default:
        Map<String, Object> login = new LinkedHashMap<>();
        login.put("username", userName);
        login.put("password", vault.randomPassword(PASSWORD_LENGTH));
        SecretVault.Change created =
            vault.create(
                secretName,
                "dyndns53 login of '"
                    + userName
                    + "'; the password was generated by Secrets Manager. Never deleted by"
                    + " CloudFormation.",
                Json.write(login));
        return switch (created) {
          case DONE -> Action.CREATED;
          // Created by someone else between our look-up and our create: adopt it.
          case ALREADY_EXISTS -> Action.ADOPTED;
          case NAME_BUSY -> null;
        };
    }
  }
}
