package dev.dyndns53.acme;

import dev.dyndns53.aws.AwsCallBudget;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.config.HostConfig;
import dev.dyndns53.config.UserConfig;
import dev.dyndns53.envelope.Endpoint;
import dev.dyndns53.envelope.Exchange;
import dev.dyndns53.envelope.Refusal;
import dev.dyndns53.history.HostActivity;
import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.http.HttpRequest;
import dev.dyndns53.json.Json;
import dev.dyndns53.json.JsonSyntaxException;
import dev.dyndns53.log.LogText;
import dev.dyndns53.log.RequestLog;
import dev.dyndns53.records.HostNames;
import dev.dyndns53.records.RecordStoreException;
import dev.dyndns53.records.TxtRecordSet;
import dev.dyndns53.records.TxtRecordStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ACME DNS-01 challenges for the configured hosts, in the HTTP protocol of lego's {@code httpreq}
 * DNS provider (which Traefik uses) and acme.sh's {@code dns_acmeproxy}: {@code present} adds a
 * value to the TXT record set at {@code _acme-challenge.<host>}, {@code cleanup} removes it; one
 * {@link Endpoint} each ({@link #present()}, {@link #cleanup()}), behind the envelope's
 * authentication and log line.
 *
 * <p>A user may write the challenge of a host only when the host is one of its hosts and its
 * configuration says {@code "acme": true}. Which TXT sets dyndns53 changes is decided by {@link
 * ChallengeRecords}. Knows nothing of Lambda, HTTP servers or the AWS SDK.
 */
public final class AcmeService {
  /** Bodies are about 100 bytes; anything much larger is not one of these clients. */
  static final int MAX_BODY_CHARS = 4096;

  /** The most of the request any answer or log reason repeats. */
  static final int MAX_ECHO_CHARS = 160;

  /** The two calls of lego's {@code httpreq} provider and acme.sh's {@code dns_acmeproxy}. */
  enum Action {
    /** Add the challenge value to the TXT record set. */
    PRESENT,
    /** Remove the challenge value; remove the record set when nothing is left. */
    CLEANUP
  }

  private final Dyndns53Config config;
  private final HostActivity activity;
  private final Endpoint present = new ChallengeEndpoint(Action.PRESENT);
  private final Endpoint cleanup = new ChallengeEndpoint(Action.CLEANUP);

  private final ConflictRetry conflictRetry;

  /** Retries lost races within {@link AwsCallBudget#LAMBDA}'s budget. */
  public AcmeService(Dyndns53Config config) {
    this(config, HostActivity.NONE, ConflictRetry.within(AwsCallBudget.LAMBDA));
  }

  /**
   * @param activity hears each challenge value Route 53 accepted (issue 17: the history)
   */
  public AcmeService(Dyndns53Config config, HostActivity activity) {
    this(config, activity, ConflictRetry.within(AwsCallBudget.LAMBDA));
  }

  /**
   * @param activity hears each challenge value Route 53 accepted (issue 17: the history)
   * @param conflictRetry how long and how a change that lost a race with another is retried
   */
  public AcmeService(Dyndns53Config config, HostActivity activity, ConflictRetry conflictRetry) {
    this.config = config;
    this.activity = activity;
    this.conflictRetry = conflictRetry;
  }

  /** {@code /acme/present}. */
  public Endpoint present() {
    return present;
  }

  /** {@code /acme/cleanup}. */
  public Endpoint cleanup() {
    return cleanup;
  }

  /** One of the two calls; everything but the action is shared. */
  private final class ChallengeEndpoint implements Endpoint {
    private final Action action;

    ChallengeEndpoint(Action action) {
      this.action = action;
    }

    @Override
    public boolean authenticated() {
      return true;
    }

    @Override
    public HttpAnswer serve(Exchange exchange) {
      return AcmeService.this.serve(action, exchange);
    }

    @Override
    public HttpAnswer refused(Refusal refusal, HttpRequest request) {
      return switch (refusal) {
        case MISSING, MALFORMED ->
            AcmeAnswer.error(401, "credentials missing; send HTTP Basic auth with a dyndns53 user");
        case REJECTED -> AcmeAnswer.error(401, "wrong user name or password");
        case UNAVAILABLE ->
            AcmeAnswer.error(503, "credentials cannot be checked right now; try again later");
      };
    }

    @Override
    public HttpAnswer failed() {
      return AcmeAnswer.error(500, "server error; try again later");
    }

    @Override
    public Summary summarize(HttpAnswer answer) {
      return new Summary(AcmeAnswer.token(answer.status()), null);
    }
  }

  private HttpAnswer serve(Action action, Exchange exchange) {
    long started = System.nanoTime();
    RequestLog entry = exchange.log();
    UserConfig user = exchange.requireUser();
    Challenge challenge;
    try {
      challenge = Challenge.parse(exchange.request().body());
    } catch (IllegalArgumentException malformed) {
      entry.put("reason", malformed.getMessage());
      return AcmeAnswer.error(400, malformed.getMessage());
    }
    entry.put("fqdn", RequestLog.bounded(challenge.fqdn()));
    HostNames.Checked checked = ChallengeRecords.hostOf(challenge.fqdn());
    Optional<String> hostName = Optional.ofNullable(checked.canonical());
    if (hostName.isEmpty()) {
      String reason =
          "fqdn must be "
              + ChallengeRecords.PREFIX
              + "<host>. for one of this user's hosts; "
              + checked.refusal();
      entry.put("reason", reason);
      return AcmeAnswer.error(400, reason);
    }
    Optional<HostConfig> host = config.host(hostName.get());
    if (host.isEmpty() || !user.mayUpdate(hostName.get()) || !host.get().acme()) {
      String reason =
          host.isPresent() && user.mayUpdate(hostName.get())
              ? hostName.get()
                  + " does not allow ACME challenges; set \"acme\": true for it in the configuration"
              : hostName.get() + " is not one of this user's hosts";
      entry.put("reason", reason);
      return AcmeAnswer.error(403, reason);
    }
    HttpRequest request = exchange.request();
    // Issue 17 hook: the history keeps each challenge value Route 53 accepted.
    Runnable accepted =
        () ->
            activity.afterAcme(
                new HostActivity.AcmeActivity(
                    started,
                    request.requestId(),
                    user.name(),
                    request.header("User-Agent"),
                    Optional.ofNullable(request.sourceAddress()),
                    host.get().name(),
                    action == Action.PRESENT,
                    challenge.value()));
    return change(action, host.get(), challenge, exchange.txtRecords(), entry, accepted);
  }

  /**
   * Reads the set and writes the changed one. When another request changed the set in between,
   * Route 53 refuses the batch (the DELETE no longer matches, or the CREATE finds a set), and the
   * change is planned again from a fresh read after a jittered back-off ({@link ConflictRetry}):
   * lego presents a wildcard's and an apex's values one after the other, but several certificates
   * for one name may be ordered at the same time, and an ACME client fails on any non-2xx answer.
   */
  private HttpAnswer change(
      Action action,
      HostConfig host,
      Challenge challenge,
      TxtRecordStore store,
      RequestLog entry,
      Runnable accepted) {
    String name = ChallengeRecords.PREFIX + host.name();
    String wanted = TxtRecordSet.quoted(challenge.value());
    ConflictRetry.Tries tries = conflictRetry.start();
    while (true) {
      Optional<TxtRecordSet> current;
      try {
        current = store.readTxt(host.zoneId(), name);
      } catch (RecordStoreException failed) {
        return failed(failed, "reading", entry);
      }
      if (current.isPresent() && current.get().cnameTarget() != null) {
        String reason =
            name
                + " is a CNAME (to "
                + LogText.bounded(current.get().cnameTarget(), MAX_ECHO_CHARS)
                + "), so no TXT record can be written there; left alone. Write the challenge"
                + " where the CNAME points, or delete the CNAME in Route 53";
        entry.put("reason", reason);
        return AcmeAnswer.error(409, reason);
      }
      if (current.isPresent() && !ChallengeRecords.ours(current.get())) {
        String reason =
            "the TXT record set "
                + name
                + " was not created by dyndns53; left alone."
                + " Delete it in Route 53 to let dyndns53 manage this name";
        entry.put("reason", reason);
        return AcmeAnswer.error(409, reason);
      }
      List<String> values = new ArrayList<>(ChallengeRecords.values(current));
      boolean changed =
          action == Action.PRESENT
              ? !values.contains(wanted) && values.add(wanted)
              : values.remove(wanted);
      if (!changed) {
        entry.put(
            "reason",
            action == Action.PRESENT
                ? "the value is already present"
                : "the value was not present");
        return AcmeAnswer.done(challenge.fqdn(), challenge.value());
      }
      if (values.size() > ChallengeRecords.MAX_VALUES) {
        String reason =
            name
                + " already holds "
                + ChallengeRecords.MAX_VALUES
                + " challenge values;"
                + " clean up finished challenges first";
        entry.put("reason", reason);
        return AcmeAnswer.error(409, reason);
      }
      try {
        store.replaceTxt(host.zoneId(), name, current, ChallengeRecords.withValues(values));
      } catch (RecordStoreException failed) {
        if (!changedMeanwhile(failed)) {
          return failed(failed, "writing", entry);
        }
        if (tries.backOff()) {
          entry.put("retries", tries.failures());
          continue;
        }
        entry.put("level", "ERROR");
        entry.put("route53Error", failed.errorCode());
        entry.put("retries", tries.failures() - 1);
        entry.put(
            "reason",
            "other requests kept changing "
                + name
                + "; gave up after "
                + tries.failures()
                + " refused write(s), at the end of the request's AWS budget ("
                + failed.errorCode()
                + ")");
        return AcmeAnswer.error(
            503, "other changes to " + name + " kept conflicting with this one; try again");
      }
      entry.put(
          "reason",
          (action == Action.PRESENT ? "added; " : "removed; ")
              + values.size()
              + " challenge value(s) left");
      accepted.run();
      return AcmeAnswer.done(challenge.fqdn(), challenge.value());
    }
  }

  /**
   * Whether Route 53 refused a write because the set changed after it was read: the DELETE no
   * longer matches, or the CREATE finds a set ({@code InvalidChangeBatch}; moto answers {@code
   * InvalidInput} for the first). Anything else is not a concurrent change.
   */
  private static boolean changedMeanwhile(RecordStoreException failed) {
    return failed.kind() == RecordStoreException.Kind.REJECTED
        && (failed.errorCode().equals("InvalidChangeBatch")
            || failed.errorCode().equals("InvalidInput"));
  }

  private static HttpAnswer failed(RecordStoreException failed, String doing, RequestLog entry) {
    entry.put("level", "ERROR");
    entry.put("route53Error", failed.errorCode());
    entry.put(
        "reason",
        "Route 53 failed while "
            + doing
            + ": "
            + failed.errorCode()
            + " ("
            + failed.getMessage()
            + ")");
    return failed.kind() == RecordStoreException.Kind.REJECTED
        ? AcmeAnswer.error(500, "Route 53 refused the change (" + failed.errorCode() + ")")
        : AcmeAnswer.error(503, "Route 53 is unavailable; try again later");
  }

  /** The two fields of lego's default (not RAW) mode. */
  record Challenge(String fqdn, String value) {
    static Challenge parse(String body) {
      if (body == null || body.isBlank()) {
        throw new IllegalArgumentException(
            "the body must be JSON: {\"fqdn\": \"_acme-challenge.<host>.\", \"value\": \"…\"}");
      }
      if (body.length() > MAX_BODY_CHARS) {
        throw new IllegalArgumentException(
            "the body is larger than " + MAX_BODY_CHARS + " characters");
      }
      Object document;
      try {
        document = Json.parse(body);
      } catch (JsonSyntaxException notJson) {
        // The reader's message may quote the body (a duplicate key, in full): cut it, as it goes
        // into both the answer and the log line.
        throw new IllegalArgumentException(
            "the body is not JSON: " + LogText.bounded(notJson.getMessage(), MAX_ECHO_CHARS));
      }
      if (!(document instanceof Map<?, ?> fields)) {
        throw new IllegalArgumentException(
            "the body must be a JSON object with \"fqdn\" and \"value\"");
      }
      if (!(fields.get("fqdn") instanceof String fqdn)
          || !(fields.get("value") instanceof String value)) {
        throw new IllegalArgumentException(
            "the body needs the strings \"fqdn\" and \"value\" (lego's"
                + " httpreq in its default mode; its RAW mode is not supported)");
      }
      if (!ChallengeRecords.isValue(value)) {
        throw new IllegalArgumentException(
            "value must be a DNS-01 challenge value: 1 to 255 base64url"
                + " characters (A-Z a-z 0-9 - _)");
      }
      if (ChallengeRecords.isMarker(value)) {
        throw new IllegalArgumentException(
            "value is the marker dyndns53 keeps in its challenge record sets, not a challenge value");
      }
      if (fqdn.length() > 300) {
        throw new IllegalArgumentException("fqdn is longer than any DNS name");
      }
      return new Challenge(fqdn, value);
    }
  }
}
