package dev.dyndns53.records;

import dev.dyndns53.aws.AttemptCounter;
import dev.dyndns53.aws.AwsFailure;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;

/**
 * The two Route 53 calls dyndns53 makes, shared by its record stores: each counted (HTTP attempts,
 * retries included) in the store's total and in every request counter of this view, and each
 * failure mapped once to a {@link RecordStoreException}.
 *
 * <p>Calls are counted as HTTP attempts, retries included: Route 53's quota of five control-plane
 * requests per second per account counts every request that reaches it, so the number in the
 * request log should too.
 */
final class Route53Calls {
  /** Shown with each change in Route 53's change history and in CloudTrail. */
  private static final String CHANGE_COMMENT = "dyndns53 update";

  private final Route53Client route53;
  private final AtomicLong calls;
  private final List<CallCounter> requestCounters;

  Route53Calls(Route53Client route53) {
    this(Objects.requireNonNull(route53, "route53"), new AtomicLong(), List.of());
  }

  private Route53Calls(Route53Client route53, AtomicLong calls, List<CallCounter> requestCounters) {
    this.route53 = route53;
    this.calls = calls;
    this.requestCounters = requestCounters;
  }

  /** These calls, also counted in {@code counter}. */
  Route53Calls countingIn(CallCounter counter) {
    List<CallCounter> counters = new ArrayList<>(requestCounters);
    counters.add(Objects.requireNonNull(counter, "counter"));
    return new Route53Calls(route53, calls, List.copyOf(counters));
  }

  /** Calls made through this and every view of the same store. */
  long count() {
    return calls.get();
  }

  /** One page of {@code ListResourceRecordSets} from {@code start}. */
  ListResourceRecordSetsResponse listPage(
      String zoneId, Collection<String> open, ZoneListing.Start start, int pageSize) {
    return call(
        "ListResourceRecordSets",
        zoneId,
        open.size() == 1 ? open.iterator().next() : open.size() + " names from " + start.name(),
        attempts ->
            route53.listResourceRecordSets(
                r ->
                    r.hostedZoneId(zoneId)
                        .startRecordName(start.name())
                        .startRecordType(start.type())
                        .startRecordIdentifier(start.identifier())
                        .maxItems(Integer.toString(pageSize))
                        .overrideConfiguration(o -> o.addMetricPublisher(attempts))));
  }

  /**
   * Sends one atomic change batch. Returns once Route 53 has accepted it (status PENDING): waiting
   * for INSYNC with GetChange would cost more calls against the same quota and tell the client
   * nothing more.
   */
  void changeBatch(String zoneId, String subject, List<Change> batch) {
    call(
        "ChangeResourceRecordSets",
        zoneId,
        subject,
        attempts ->
            route53.changeResourceRecordSets(
                r ->
                    r.hostedZoneId(zoneId)
                        .changeBatch(b -> b.comment(CHANGE_COMMENT).changes(batch))
                        .overrideConfiguration(o -> o.addMetricPublisher(attempts))));
  }

  private <T> T call(
      String operation, String zoneId, String subject, Function<AttemptCounter, T> request) {
    AttemptCounter attempts = new AttemptCounter();
    try {
      return request.apply(attempts);
    } catch (SdkException failure) {
      AwsFailure reason = AwsFailure.of(failure);
      RecordStoreException.Kind kind =
          reason.kind() == AwsFailure.Kind.REJECTED
              ? RecordStoreException.Kind.REJECTED
              : RecordStoreException.Kind.UNAVAILABLE;
      throw new RecordStoreException(
          kind,
          reason.code(),
          "Route 53 "
              + operation
              + " for "
              + subject
              + " in hosted zone "
              + zoneId
              + " failed after "
              + plural(attempts.attempts(), "attempt")
              + ": "
              + reason.description(),
          failure);
    } finally {
      long made = attempts.attempts();
      calls.addAndGet(made);
      for (CallCounter counter : requestCounters) {
        counter.add(made);
      }
    }
  }

  static void requireBareZoneId(String zoneId) {
    if (zoneId == null || zoneId.isBlank() || zoneId.indexOf('/') >= 0) {
      // SDK v2 would send "/hostedzone/Z…" percent-encoded inside the path, and Route 53 would
      // not find the zone. The configuration parser strips the prefix; this is a programming
      // error.
      throw new IllegalArgumentException(
          "expected a bare hosted zone id such as Z0123456789ABCDEFGHIJ, got \"" + zoneId + "\"");
    }
  }

  private static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
