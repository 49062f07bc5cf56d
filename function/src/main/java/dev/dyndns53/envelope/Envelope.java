package dev.dyndns53.envelope;

import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.config.UserConfig;
import dev.dyndns53.credentials.Authenticator;
import dev.dyndns53.credentials.BasicCredentials;
import dev.dyndns53.credentials.CredentialStoreException;
import dev.dyndns53.credentials.UserPasswords;
import dev.dyndns53.http.GatewayAnswer;
import dev.dyndns53.http.HttpAnswer;
import dev.dyndns53.http.HttpRequest;
import dev.dyndns53.log.RequestLog;
import dev.dyndns53.metrics.RequestMetrics;
import dev.dyndns53.records.CallCounter;
import dev.dyndns53.records.RecordStore;
import dev.dyndns53.records.TxtRecordStore;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one way through for every request, whichever endpoint it is for: chooses the endpoint by path
 * ({@link Routes}), refuses a method the route does not serve, checks Basic credentials for any
 * user name alike, gives the endpoint a record store that counts this request's Route 53 calls and
 * no other's, and writes exactly one bounded log line with the request's metrics. Never throws:
 * every failure becomes an answer and a log line. Knows nothing of Lambda, HTTP servers or the AWS
 * SDK.
 */
public final class Envelope {
  private final Dyndns53Config config;
  private final Authenticator authenticator;
  private final RecordStore store;
  private final TxtRecordStore txtStore;
  private final Consumer<String> log;
  private final RequestMetrics metrics;
  private final Map<Routes, Endpoint> endpoints;

  /**
   * @param store the address records, of which each request gets a view counting its calls
   * @param txtStore the ACME challenge records, likewise
   * @param endpoints the endpoint of every route
   * @param log receives one JSON line per request
   * @param metrics adds the request's metrics to that line
   */
  public Envelope(
      Dyndns53Config config,
      Authenticator authenticator,
      RecordStore store,
      TxtRecordStore txtStore,
      Map<Routes, Endpoint> endpoints,
      Consumer<String> log,
      RequestMetrics metrics) {
    this.config = config;
    this.authenticator = authenticator;
    this.store = store;
    this.txtStore = txtStore;
    this.endpoints = new EnumMap<>(endpoints);
    for (Routes route : Routes.values()) {
      if (!this.endpoints.containsKey(route)) {
        throw new IllegalArgumentException("no endpoint for " + route.path());
      }
    }
    this.log = log;
    this.metrics = metrics;
  }

  /** Answers one request. Never throws. */
  public HttpAnswer handle(HttpRequest request) {
    long started = System.nanoTime();
    Routes route = Routes.of(request.path());
    Endpoint endpoint = endpoints.get(route);
    CallCounter route53Calls = new CallCounter();
    RequestLog entry = new RequestLog();
    // Every value below comes from the client (or, for a direct invoke, whoever invoked the
    // function), so each is cut to a bound before it reaches the log.
    entry.putClientText("requestId", request.requestId());
    entry.put("endpoint", route.logName());
    entry.putClientText("method", request.method());
    entry.putClientText("source", request.sourceAddress());
    entry.putClientText("userAgent", request.header("User-Agent").orElse(null));
    request.translationNotes().forEach(entry::note);
    HttpAnswer answer;
    try {
      answer = answer(route, endpoint, request, entry, route53Calls);
    } catch (RuntimeException unexpected) {
      // A bug, not an AWS failure (those are mapped where they happen). The client may retry.
      entry.put("level", "ERROR");
      entry.put("error", unexpected.getClass().getName());
      entry.note("unexpected failure: " + where(unexpected));
      answer = endpoint.failed();
    }
    write(
        entry,
        route,
        endpoint,
        answer,
        route53Calls.count(),
        (System.nanoTime() - started) / 1_000_000);
    return answer;
  }

  /**
   * Answers a request the entry point could not even read, as a failure on our side (the client
   * retries), with one log line naming the failure.
   *
   * @param path the request's path when known, else null (answered as an update)
   */
  public HttpAnswer unreadable(String path, String requestId, RuntimeException failure) {
    Routes route = Routes.of(path);
    Endpoint endpoint = endpoints.get(route);
    RequestLog entry = new RequestLog();
    entry.putClientText("requestId", requestId);
    entry.put("endpoint", route.logName());
    entry.put("level", "ERROR");
    entry.put("error", failure.getClass().getName());
    entry.note("the entry point could not read the request: " + where(failure));
    HttpAnswer answer = endpoint.failed();
    write(entry, route, endpoint, answer, 0, 0);
    return answer;
  }

  private HttpAnswer answer(
      Routes route,
      Endpoint endpoint,
      HttpRequest request,
      RequestLog entry,
      CallCounter route53Calls) {
    if (!route.serves(request.method())) {
      entry.note(
          "method "
              + RequestLog.bounded(request.method())
              + " is not served at "
              + route.path()
              + "; use "
              + (route.serves("GET") ? (route.serves("POST") ? "GET or POST" : "GET") : "POST"));
      return HttpAnswer.of(GatewayAnswer.UNKNOWN_PATH);
    }
    UserConfig user = null;
    if (endpoint.authenticated()) {
      Authentication authentication = authenticate(request, entry);
      if (authentication.refusal() != null) {
        return endpoint.refused(authentication.refusal(), request);
      }
      user = authentication.user();
    }
    return endpoint.serve(
        new Exchange(
            request,
            user,
            entry,
            store.countingCallsIn(route53Calls),
            txtStore.countingTxtCallsIn(route53Calls)));
  }

  /** The user the credentials belong to, or why they were refused. */
  private record Authentication(UserConfig user, Refusal refusal) {
    static Authentication refused(Refusal refusal) {
      return new Authentication(null, refusal);
    }
  }

  /**
   * Checks the request's Basic credentials, for any user name alike, and logs the outcome: the user
   * when they are a configured user's current password, else why not.
   */
  private Authentication authenticate(HttpRequest request, RequestLog entry) {
    BasicCredentials.Parsed parsed =
        BasicCredentials.parse(request.header("Authorization").orElse(null));
    if (parsed.credentials().isEmpty()) {
      BasicCredentials.Problem problem = parsed.problem().orElseThrow();
      entry.put("auth", "rejected");
      entry.note("credentials missing or malformed (" + problem + ")");
      return Authentication.refused(
          problem == BasicCredentials.Problem.MISSING ? Refusal.MISSING : Refusal.MALFORMED);
    }
    BasicCredentials credentials = parsed.credentials().get();
    // Only configured names reach the log: an unknown "user" may be a password typed in the
    // wrong field.
    Optional<UserConfig> configured = config.user(credentials.user());
    entry.put("user", configured.isPresent() ? credentials.user() : "(not a configured user)");
    Authenticator.Verdict verdict;
    try {
      verdict = authenticator.check(credentials);
    } catch (CredentialStoreException unavailable) {
      // Every name reaches this point alike (all users' passwords are read together), so an
      // outage answers a configured and an unknown name alike.
      entry.put("level", "ERROR");
      entry.put("credentialStoreError", unavailable.errorCode());
      entry.note(
          "could not read the users' passwords ("
              + unavailable.errorCode()
              + "); answered so the client retries instead of treating it as a wrong password");
      return Authentication.refused(Refusal.UNAVAILABLE);
    }
    if (verdict.accepted()) {
      entry.put("auth", "ok");
      return new Authentication(configured.orElseThrow(), null);
    }
    entry.put("auth", "rejected");
    switch (verdict.result()) {
      case SECRET_UNAVAILABLE -> {
        // The client is answered as for an unknown name; only the operator learns why.
        UserPasswords.SecretProblem problem = verdict.secretProblem().orElseThrow();
        entry.put("level", "ERROR");
        entry.put("secretProblem", problem.code());
        entry.note(
            "this configured user's secret is missing or unreadable ("
                + problem.code()
                + ": "
                + problem.message()
                + "); answered as for an unknown user");
      }
      case UNKNOWN_USER -> entry.note("unknown user");
      default -> entry.note("wrong password");
    }
    return Authentication.refused(Refusal.REJECTED);
  }

  private void write(
      RequestLog entry,
      Routes route,
      Endpoint endpoint,
      HttpAnswer answer,
      long route53Calls,
      long latencyMs) {
    Endpoint.Summary summary = endpoint.summarize(answer);
    entry.put("status", answer.status());
    entry.put("answer", summary.logText());
    entry.put("route53Calls", route53Calls);
    entry.put("latencyMs", latencyMs);
    metrics
        .rootMembers(route.logName(), summary.token(), route53Calls, latencyMs)
        .forEach(entry::put);
    log.accept(entry.toJson());
  }

  private static String where(RuntimeException failure) {
    return failure.getClass().getSimpleName()
        + (failure.getStackTrace().length > 0 ? " at " + failure.getStackTrace()[0] : "");
  }
}
