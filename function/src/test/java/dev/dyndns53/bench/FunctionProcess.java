package dev.dyndns53.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.dyndns53.lambda.RequestPathPriming;
import dev.dyndns53.lambda.UpdateHandler;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One function process of the benchmark, started by {@link Benchmark} in a fresh JVM with only the
 * function jar and this class on the class path, and its environment set as Lambda would set it
 * (region, key variables, config path; {@code AWS_ENDPOINT_URL} points at moto).
 *
 * <p>It loads the handler by name and calls its no-argument constructor, as the Lambda runtime
 * does, then sends API Gateway proxy events. It prints {@code BENCH key=value ...} lines for the
 * orchestrator; the function's own request log lines (with {@code route53Calls}) go to stdout as
 * they would in Lambda.
 *
 * <pre>
 * cold IP                  init + first update, as an on-demand cold start
 * primed ROUNDS IP [FIRST] init, priming (ROUNDS, or "hook" for beforeCheckpoint), afterRestore,
 *                          then the first request, as the first after a SnapStart restore: an
 *                          update, or with FIRST "acme" an ACME present, or "checkip" a checkip
 *                          (their answer is printed as "good" when it is a 200)
 * warm UPDATES SAMPLES     primed, then UPDATES steady updates (one write each), UPDATES repeats
 *                          (nochg), SAMPLES updates with caches forgotten (the shape of a first
 *                          request after restore), SAMPLES first probes of a configured and of an
 *                          unknown user name, the Route 53 call counts of each shape, SAMPLES
 *                          ACME presents and cleanups with caches forgotten, SAMPLES checkips
 * steady UPDATES           primed, then only the steady updates and repeats of warm; the benchmark
 *                          runs it without and with a history table (DYNDNS53_HISTORY_TABLE)
 * </pre>
 */
public final class FunctionProcess {
  static final String HANDLER = "dev.dyndns53.lambda.UpdateHandler";
  static final String USER = "bench";
  static final String HOST = "home.example.com";

  /**
   * Hosts of the zone, besides {@link #HOST}; the Route 53 call counts use the first 1, 5 and 20.
   */
  static final List<String> ZONE_HOSTS =
      java.util.stream.IntStream.rangeClosed(1, 20)
          .mapToObj(i -> "h%02d.example.com".formatted(i))
          .toList();

  /** How many hosts of one zone the Route 53 call counts are taken for. */
  static final List<Integer> CALL_COUNT_HOSTS = List.of(1, 5, 20);

  private FunctionProcess() {}

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    String mode = args[0];
    String password = System.getenv("BENCH_PASSWORD");
    UpdateHandler handler = (UpdateHandler) Class.forName(HANDLER).getConstructor().newInstance();
    long constructed = System.nanoTime();
    System.out.println("BENCH mark=init-done");
    switch (mode) {
      case "cold" -> {
        long before = System.nanoTime();
        String answer = send(handler, password, "bench-cold-first", List.of(HOST), args[1]);
        long after = System.nanoTime();
        System.out.println("BENCH mark=answered answer=" + word(answer));
        System.out.println(
            "BENCH initMs="
                + ms(constructed - started)
                + " invokeMs="
                + ms(after - before)
                + " cpuMs="
                + ProcStats.cpuMillis()
                + " peakRssKb="
                + ProcStats.peakRssKb());
      }
      case "primed" -> {
        long before = System.nanoTime();
        prime(handler, args[1]);
        long primedAt = System.nanoTime();
        System.out.println("BENCH mark=primed");
        long cpuBefore = ProcStats.cpuMillis();
        String answer =
            switch (args.length > 3 ? args[3] : "update") {
              case "acme" -> statusWord(acme(handler, password, "present", "bench-primed-first"));
              case "checkip" -> statusWord(checkIp(handler, "bench-primed-first"));
              default -> send(handler, password, "bench-primed-first", List.of(HOST), args[2]);
            };
        long after = System.nanoTime();
        long cpuAfter = ProcStats.cpuMillis();
        System.out.println("BENCH mark=answered answer=" + word(answer));
        System.out.println(
            "BENCH primingMs="
                + ms(primedAt - before)
                + " firstMs="
                + ms(after - primedAt)
                + " firstCpuMs="
                + (cpuAfter - cpuBefore)
                + " peakRssKb="
                + ProcStats.peakRssKb());
      }
      case "warm" -> warm(handler, password, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      case "steady" -> {
        steady(handler, password, Integer.parseInt(args[1]));
        System.out.println("BENCH mark=done");
      }
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    }
  }

  private static void prime(UpdateHandler handler, String rounds) {
    if (rounds.equals("hook")) {
      handler.beforeCheckpoint(null);
    } else if (!rounds.equals("0")) {
      RequestPathPriming.run(System.getenv(), Integer.parseInt(rounds));
    }
    handler.afterRestore(null);
  }

  /**
   * Priming, a first update, then UPDATES updates that each change the address ({@code good}) and
   * UPDATES repeats of the last one ({@code nochg}): the steady state of a warm environment.
   */
  private static void steady(UpdateHandler handler, String password, int updates) {
    prime(handler, "hook");
    long before = System.nanoTime();
    String first = send(handler, password, "bench-warm-first", List.of(HOST), "203.0.113.200");
    System.out.println(
        "BENCH primedFirstUs=" + (System.nanoTime() - before) / 1000 + " answer=" + word(first));

    long[] good = new long[updates];
    for (int i = 0; i < updates; i++) {
      String address = (i % 2 == 0) ? "203.0.113.201" : "203.0.113.202";
      long t = System.nanoTime();
      String answer = send(handler, password, "bench-warm-good-" + i, List.of(HOST), address);
      good[i] = System.nanoTime() - t;
      require(answer, "good");
    }
    long[] nochg = new long[updates];
    for (int i = 0; i < updates; i++) {
      long t = System.nanoTime();
      String answer =
          send(handler, password, "bench-warm-nochg-" + i, List.of(HOST), "203.0.113.202");
      nochg[i] = System.nanoTime() - t;
      require(answer, "nochg");
    }
    System.out.println("BENCH warm-good " + percentiles(good));
    System.out.println("BENCH warm-nochg " + percentiles(nochg));
  }

  private static void warm(UpdateHandler handler, String password, int updates, int samples) {
    steady(handler, password, updates);
    long[] restored = new long[samples];
    for (int i = 0; i < samples; i++) {
      handler.afterRestore(null);
      String address = (i % 2 == 0) ? "203.0.113.203" : "203.0.113.204";
      long t = System.nanoTime();
      String answer = send(handler, password, "bench-warm-restored-" + i, List.of(HOST), address);
      restored[i] = System.nanoTime() - t;
      require(answer, "good");
    }
    System.out.println("BENCH warm-restored " + percentiles(restored));

    // Route 53 calls per request shape; the request log lines carry the counts. "Cold" is right
    // after a restore (empty caches), "warm" right after a request for the same hosts.
    int shape = 0;
    for (int hosts : CALL_COUNT_HOSTS) {
      List<String> names = ZONE_HOSTS.subList(0, hosts);
      String one = "203.0.113." + (210 + 2 * shape);
      String other = "203.0.113." + (211 + 2 * shape);
      shape++;
      handler.afterRestore(null);
      require(send(handler, password, "bench-calls-" + hosts + "-cold-good", names, one), "good");
      handler.afterRestore(null);
      require(send(handler, password, "bench-calls-" + hosts + "-cold-nochg", names, one), "nochg");
      require(send(handler, password, "bench-calls-" + hosts + "-warm-good", names, other), "good");
      require(
          send(handler, password, "bench-calls-" + hosts + "-warm-nochg", names, other), "nochg");
    }
    // The first probe of a user name after a restore (wrong password): a configured and an
    // unknown name, alternated, each with the caches forgotten. Issue 9 measured 15 ms against
    // 0.9 ms when only a configured name caused a Secrets Manager read. Last, because forgetting
    // the caches also forgets the record state the call counts above rely on.
    long[] probeConfigured = new long[samples];
    long[] probeUnknown = new long[samples];
    for (int i = 0; i < samples; i++) {
      for (boolean configured :
          i % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
        handler.afterRestore(null);
        long t = System.nanoTime();
        String answer =
            send(
                handler,
                configured ? USER : "nobody" + i,
                "not-the-password",
                "bench-probe-" + (configured ? "configured-" : "unknown-") + i,
                List.of(HOST),
                "203.0.113.209");
        (configured ? probeConfigured : probeUnknown)[i] = System.nanoTime() - t;
        require(answer, "badauth");
      }
    }
    System.out.println("BENCH probe-configured " + percentiles(probeConfigured));
    System.out.println("BENCH probe-unknown " + percentiles(probeUnknown));

    // The other endpoints: an ACME present or cleanup (alternately, so each writes) with the
    // caches forgotten, the shape of a first request after restore; checkip, which calls nothing.
    long[] acmeRestored = new long[samples];
    for (int i = 0; i < samples; i++) {
      handler.afterRestore(null);
      long t = System.nanoTime();
      int status =
          acme(handler, password, i % 2 == 0 ? "present" : "cleanup", "bench-warm-acme-" + i);
      acmeRestored[i] = System.nanoTime() - t;
      require(statusWord(status), "good");
    }
    long[] checkIps = new long[samples];
    for (int i = 0; i < samples; i++) {
      long t = System.nanoTime();
      int status = checkIp(handler, "bench-warm-checkip-" + i);
      checkIps[i] = System.nanoTime() - t;
      require(statusWord(status), "good");
    }
    System.out.println("BENCH warm-acme-restored " + percentiles(acmeRestored));
    System.out.println("BENCH warm-checkip " + percentiles(checkIps));
    System.out.println("BENCH mark=done");
  }

  private static void require(String answer, String word) {
    if (!answer.startsWith(word)) {
      throw new IllegalStateException(
          "expected " + word + " but the function answered " + answer.strip());
    }
  }

  static String send(
      UpdateHandler handler, String password, String requestId, List<String> hosts, String myip) {
    return send(handler, USER, password, requestId, hosts, myip);
  }

  static String send(
      UpdateHandler handler,
      String user,
      String password,
      String requestId,
      List<String> hosts,
      String myip) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    headers.put("User-Agent", "ddclient/3.11.2");
    Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
    headers.forEach((k, v) -> multiHeaders.put(k, List.of(v)));
    Map<String, String> query = Map.of("hostname", String.join(",", hosts), "myip", myip);
    Map<String, List<String>> multiQuery = new LinkedHashMap<>();
    query.forEach((k, v) -> multiQuery.put(k, List.of(v)));
    APIGatewayProxyRequestEvent event =
        new APIGatewayProxyRequestEvent()
            .withResource("/nic/update")
            .withPath("/nic/update")
            .withHttpMethod("GET")
            .withHeaders(headers)
            .withMultiValueHeaders(multiHeaders)
            .withQueryStringParameters(query)
            .withMultiValueQueryStringParameters(multiQuery)
            .withIsBase64Encoded(false)
            .withRequestContext(
                new APIGatewayProxyRequestEvent.ProxyRequestContext()
                    .withRequestId(requestId)
                    .withStage("v1")
                    .withHttpMethod("GET")
                    .withIdentity(
                        new APIGatewayProxyRequestEvent.RequestIdentity()
                            .withSourceIp("198.51.100.1")));
    APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
    return response.getBody();
  }

  /** An ACME call (lego's httpreq body) for {@link #HOST}; its HTTP status. */
  static int acme(UpdateHandler handler, String password, String action, String requestId) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8)));
    headers.put("User-Agent", "lego-cli/4.25.2");
    headers.put("Content-Type", "application/json");
    return handler
        .handleRequest(
            event("POST", "/acme/" + action, headers, requestId)
                .withBody(
                    "{\"fqdn\":\"_acme-challenge."
                        + HOST
                        + ".\",\"value\":\"LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0\"}"),
            null)
        .getStatusCode();
  }

  /** A checkip call; its HTTP status. */
  static int checkIp(UpdateHandler handler, String requestId) {
    return handler
        .handleRequest(
            event("GET", "/checkip", Map.of("User-Agent", "ddclient/3.11.2"), requestId), null)
        .getStatusCode();
  }

  private static APIGatewayProxyRequestEvent event(
      String method, String path, Map<String, String> headers, String requestId) {
    Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
    headers.forEach((k, v) -> multiHeaders.put(k, List.of(v)));
    return new APIGatewayProxyRequestEvent()
        .withResource(path)
        .withPath(path)
        .withHttpMethod(method)
        .withHeaders(headers)
        .withMultiValueHeaders(multiHeaders)
        .withIsBase64Encoded(false)
        .withRequestContext(
            new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId(requestId)
                .withStage("v1")
                .withHttpMethod(method)
                .withIdentity(
                    new APIGatewayProxyRequestEvent.RequestIdentity()
                        .withSourceIp("198.51.100.1")));
  }

  /** "good" for a 200, as the orchestrator checks every first request's answer word. */
  private static String statusWord(int status) {
    return status == 200 ? "good" : "status-" + status;
  }

  private static String word(String answer) {
    return answer.strip().split("[ \n]", 2)[0];
  }

  private static String percentiles(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return "n="
        + sorted.length
        + " p50Us="
        + sorted[rank(sorted.length, 0.50)] / 1000
        + " p99Us="
        + sorted[rank(sorted.length, 0.99)] / 1000
        + " minUs="
        + sorted[0] / 1000
        + " maxUs="
        + sorted[sorted.length - 1] / 1000;
  }

  /** Nearest-rank percentile index. */
  static int rank(int size, double quantile) {
    return Math.max(0, (int) Math.ceil(quantile * size) - 1);
  }

  private static String ms(long nanos) {
    return String.format("%.1f", nanos / 1e6);
  }
}
