package dev.dyndns53.history;

import java.util.List;
import java.util.Optional;

/**
 * What the update and ACME paths report once their answer is decided, for the history and the
 * notifications (issue 17). Implementations never throw and never change the answer.
 */
public interface HostActivity {
  /** Records nothing: the behaviour before issue 17, and of tests that do not care. */
  HostActivity NONE =
      new HostActivity() {
        @Override
        public void afterUpdate(UpdateActivity activity) {}

        @Override
        public void afterAcme(AcmeActivity activity) {}
      };

  /** An authenticated update request was answered. */
  void afterUpdate(UpdateActivity activity);

  /** Route 53 accepted an ACME challenge value's presentation or removal. */
  void afterAcme(AcmeActivity activity);

  /**
   * One authenticated update request.
   *
   * @param requestStartedNanos {@link System#nanoTime()} when the request arrived
   * @param requestId the request's id
   * @param user the authenticated user
   * @param client the {@code User-Agent}, if sent
   * @param sourceAddress the request's source address, if known
   * @param hosts every requested host that is the user's, whatever its answer
   */
  record UpdateActivity(
      long requestStartedNanos,
      String requestId,
      String user,
      Optional<String> client,
      Optional<String> sourceAddress,
      List<HostResult> hosts) {
    public UpdateActivity {
      hosts = List.copyOf(hosts);
    }
  }

  /**
   * What became of one host.
   *
   * @param host the canonical name
   * @param changed whether Route 53 accepted a change of its address records
   * @param before its addresses before the change
   * @param after its addresses after it
   */
  record HostResult(String host, boolean changed, List<String> before, List<String> after) {
    public HostResult {
      before = List.copyOf(before);
      after = List.copyOf(after);
    }
  }

  /**
   * An accepted ACME change.
   *
   * @param present true for {@code /acme/present}, false for {@code /acme/cleanup}
   * @param value the challenge value
   */
  record AcmeActivity(
      long requestStartedNanos,
      String requestId,
      String user,
      Optional<String> client,
      Optional<String> sourceAddress,
      String host,
      boolean present,
      String value) {}
}
