package dev.dyndns53.acme;

import dev.dyndns53.activity.HostActivity;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.config.HostConfig;
import dev.dyndns53.credentials.Authenticator;
import dev.dyndns53.credentials.BasicCredentials;
import dev.dyndns53.credentials.CredentialStoreException;
import dev.dyndns53.json.Json;
import dev.dyndns53.json.JsonSyntaxException;
import dev.dyndns53.records.HostNames;
import dev.dyndns53.records.RecordStore;
import dev.dyndns53.records.RecordStoreException;
import dev.dyndns53.records.TxtRecordSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * ACME DNS-01 challenges for the configured hosts, in the HTTP protocol of lego's {@code httpreq}
 * DNS provider (which Traefik uses) and acme.sh's {@code dns_acmeproxy}: {@code present} adds a
 * value to the TXT record set at {@code _acme-challenge.<host>}, {@code cleanup} removes it.
 *
 * <p>A user may write the challenge of a host only when the host is one of its hosts and its
 * configuration says {@code "acme": true}. Which TXT sets dyndns53 changes is decided by {@link
 * ChallengeRecords}. Knows nothing of Lambda, HTTP servers or the AWS SDK.
 */
public final class AcmeService {
  /** Bodies are about 100 bytes; anything much larger is not one of these clients. */
  static final int MAX_BODY_CHARS = 4096;

  private final Dyndns53Config config;
  private final Authenticator authenticator;
  private final RecordStore store;
  private final Consumer<String> log;
  private final HostActivity activity;

  /**
   * @param log receives one JSON line per request
   */
  public AcmeService(
      Dyndns53Config config, Authenticator authenticator, RecordStore store, Consumer<String> log) {
    this(config, authenticator, store, log, HostActivity.NONE);
  }

  /**
   * @param activity hears each challenge value Route 53 accepted (issue 17: the history)
   */
  public AcmeService(
      Dyndns53Config config,
      Authenticator authenticator,
      RecordStore store,
      Consumer<String> log,
      HostActivity activity) {
    this.activity = activity;
    this.config = config;
    this.authenticator = authenticator;
    this.store = store;
    this.log = log;
  }

  /** Handles one request. Never throws: every failure becomes an answer and a log line. */
  public AcmeAnswer handle(AcmeRequest request) {
    long started = System.nanoTime();
    long callsBefore = store.callCount();
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("requestId", request.requestId());
    entry.put("endpoint", request.action().path());
    entry.put("source", request.sourceAddress());
    entry.put("userAgent", request.header("User-Agent").orElse(null));
    AcmeAnswer answer;
    try {
      answer = process(request, entry, started);
    } catch (RuntimeException unexpected) {
      entry.put("level", "ERROR");
      entry.put("error", unexpected.getClass().getName());
      entry.put(
          "reason",
          "unexpected failure: "
              + unexpected.getClass().getSimpleName()
              + (unexpected.getStackTrace().length > 0
                  ? " at " + unexpected.getStackTrace()[0]
                  : ""));
      answer = AcmeAnswer.error(500, "server error; try again later");
    }
    entry.put("status", answer.status());
    entry.put("route53Calls", store.callCount() - callsBefore);
    entry.put("latencyMs", (System.nanoTime() - started) / 1_000_000);
    log.accept(toJson(entry));
    return answer;
  }

  private AcmeAnswer process(AcmeRequest request, Map<String, Object> entry, long started) {
    BasicCredentials.Parsed parsed =
        BasicCredentials.parse(request.header("Authorization").orElse(null));
    if (parsed.credentials().isEmpty()) {
      entry.put("auth", "rejected");
      entry.put(
          "reason", "credentials missing or malformed (" + parsed.problem().orElseThrow() + ")");
      return AcmeAnswer.error(
          401, "credentials missing; send HTTP Basic auth with a dyndns53 user");
    }
    BasicCredentials credentials = parsed.credentials().get();
    Optional<dev.dyndns53.config.UserConfig> user = config.user(credentials.user());
    // Only configured names reach the log: an unknown "user" may be a password in the wrong field.
    entry.put("user", user.isPresent() ? credentials.user() : "(not a configured user)");
    Authenticator.Verdict verdict;
    try {
      verdict = authenticate(credentials);
    } catch (CredentialStoreException unavailable) {
      entry.put("level", "ERROR");
      entry.put("credentialStoreError", unavailable.errorCode());
      entry.put("reason", "could not read the users' passwords (" + unavailable.errorCode() + ")");
      return AcmeAnswer.error(503, "credentials cannot be checked right now; try again later");
    }
    if (!verdict.accepted()) {
      entry.put("auth", "rejected");
      entry.put(
          "reason",
          switch (verdict.result()) {
            case WRONG_PASSWORD -> "wrong password";
            case SECRET_UNAVAILABLE ->
                "the user's secret is missing or unreadable ("
                    + verdict.secretProblem().map(p -> p.code()).orElse("no detail")
                    + ")";
            default -> "unknown user";
          });
      return AcmeAnswer.error(401, "wrong user name or password");
    }
    entry.put("auth", "ok");

    Challenge challenge;
    try {
      challenge = Challenge.parse(request.body());
    } catch (IllegalArgumentException malformed) {
      entry.put("reason", malformed.getMessage());
      return AcmeAnswer.error(400, malformed.getMessage());
    }
    entry.put("fqdn", challenge.fqdn());
    Optional<String> hostName = hostOf(challenge.fqdn());
    if (hostName.isEmpty()) {
      String reason =
          "fqdn must be " + ChallengeRecords.PREFIX + "<host>. for one of this user's hosts";
      entry.put("reason", reason);
      return AcmeAnswer.error(400, reason);
    }
    Optional<HostConfig> host = config.host(hostName.get());
    if (host.isEmpty() || !user.orElseThrow().mayUpdate(hostName.get()) || !host.get().acme()) {
      String reason =
          host.isPresent() && user.get().mayUpdate(hostName.get())
              ? hostName.get()
                  + " does not allow ACME challenges; set \"acme\": true for it in the configuration"
              : hostName.get() + " is not one of this user's hosts";
      entry.put("reason", reason);
      return AcmeAnswer.error(403, reason);
    }
    return change(request, host.get(), challenge, entry, started);
  }

  /**
   * The one place this endpoint checks a password, so the credential path can change in one line.
   */
  private Authenticator.Verdict authenticate(BasicCredentials credentials) {
    return authenticator.check(credentials);
  }

  /**
   * Reads the set and writes the changed one. When another request changed the set in between,
   * Route 53 refuses the batch (the DELETE no longer matches, or the CREATE finds a set), and the
   * change is planned once more from a fresh read: lego presents a wildcard's and an apex's values
   * one after the other, but two certificates for one name may be ordered at the same time.
   */
  private AcmeAnswer change(
      AcmeRequest request,
      HostConfig host,
      Challenge challenge,
      Map<String, Object> entry,
      long started) {
    AcmeRequest.Action action = request.action();
    String name = ChallengeRecords.PREFIX + host.name();
    String wanted = TxtRecordSet.quoted(challenge.value());
    for (int attempt = 1; ; attempt++) {
      Optional<TxtRecordSet> current;
      try {
        current = store.readTxt(host.zoneId(), name);
      } catch (RecordStoreException failed) {
        return failed(failed, "reading", entry);
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
          action == AcmeRequest.Action.PRESENT
              ? !values.contains(wanted) && values.add(wanted)
              : values.remove(wanted);
      if (!changed) {
        entry.put(
            "reason",
            action == AcmeRequest.Action.PRESENT
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
        // Route 53 answers InvalidChangeBatch when the DELETE no longer matches or the CREATE
        // finds a set; moto answers InvalidInput. Anything else is not a concurrent change.
        boolean changedMeanwhile =
            failed.kind() == RecordStoreException.Kind.REJECTED
                && (failed.errorCode().equals("InvalidChangeBatch")
                    || failed.errorCode().equals("InvalidInput"));
        if (attempt == 1 && changedMeanwhile) {
          entry.put("retried", failed.errorCode());
          continue;
        }
        return failed(failed, "writing", entry);
      }
      entry.put(
          "reason",
          (action == AcmeRequest.Action.PRESENT ? "added; " : "removed; ")
              + values.size()
              + " challenge value(s) left");
      // Issue 17 hook: the history keeps each challenge value Route 53 accepted.
      activity.afterAcme(
          new HostActivity.AcmeActivity(
              started,
              request.requestId(),
              String.valueOf(entry.get("user")),
              request.header("User-Agent"),
              Optional.ofNullable(request.sourceAddress()),
              host.name(),
              action == AcmeRequest.Action.PRESENT,
              challenge.value()));
      return AcmeAnswer.done(challenge.fqdn(), challenge.value());
    }
  }

  private static AcmeAnswer failed(
      RecordStoreException failed, String doing, Map<String, Object> entry) {
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

  /** The host of a challenge name, {@code _acme-challenge.<host>} with an optional trailing dot. */
  static Optional<String> hostOf(String fqdn) {
    String lower = fqdn.strip().toLowerCase(Locale.ROOT);
    if (!lower.startsWith(ChallengeRecords.PREFIX)) {
      return Optional.empty();
    }
    return HostNames.canonical(lower.substring(ChallengeRecords.PREFIX.length()));
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
        throw new IllegalArgumentException("the body is not JSON: " + notJson.getMessage());
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
      if (fqdn.length() > 300) {
        throw new IllegalArgumentException("fqdn is longer than any DNS name");
      }
      return new Challenge(fqdn, value);
    }
  }

  private static String toJson(Map<String, Object> entry) {
    StringBuilder out = new StringBuilder(256).append('{');
    for (Map.Entry<String, Object> field : entry.entrySet()) {
      if (field.getValue() == null) {
        continue;
      }
      if (out.length() > 1) {
        out.append(',');
      }
      Json.quote(out, field.getKey()).append(':');
      if (field.getValue() instanceof Number || field.getValue() instanceof Boolean) {
        out.append(field.getValue());
      } else {
        Json.quote(out, String.valueOf(field.getValue()));
      }
    }
    return out.append('}').toString();
  }
}
