package dev.dyndns53.bench;

import dev.dyndns53.activity.ActivityClients;
import dev.dyndns53.docs.BenchFigures;
import dev.dyndns53.lambda.RequestPathPriming;
import dev.dyndns53.testing.MotoActivity;
import dev.dyndns53.testing.MotoServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The cold-start, priming and warm-latency benchmark of the function jar: {@code npm run bench}
 * (which runs {@code scripts/bench.sh}). Not a test: it measures and prints a Markdown table, and
 * writes it into the page {@code BENCH_DOCS_PAGE} names (docs/performance.md) between its {@link
 * BenchFigures} markers, every figure marked with its name so that prose can quote it checked.
 *
 * <p>It starts moto, seeds a zone and a user's secret, writes a configuration file, and then runs
 * the real function jar ({@code target/dyndns53-function.jar}) in fresh JVMs through {@link
 * FunctionProcess}, which constructs the handler as the Lambda runtime does. Every timing is shown
 * beside a reference measured in the same run (a hello-world JVM for cold starts, the warm latency
 * of the same request shape for the primed first request), so the table reads as ratios and
 * survives a noisy machine better than absolute numbers. Runs of different variants are interleaved
 * for the same reason.
 *
 * <p>Settings (environment variables): {@code BENCH_RUNS} cold runs per variant (default 7), {@code
 * BENCH_PRIMED_RUNS} primed runs per variant (default 5), {@code BENCH_WARM_UPDATES} updates per
 * warm series (default 2000), {@code BENCH_RESTORED_SAMPLES} (default 200), {@code
 * BENCH_VARIANTS=shipped} to measure only the shipped configuration, {@code BENCH_PRIMING_ROUNDS}
 * other priming lengths to compare with the default (comma-separated, default 30).
 */
public final class Benchmark {

  /** The JVM flags Lambda's Java runtimes use for an on-demand cold start (Java 17 to 25). */
  static final List<String> LAMBDA_ON_DEMAND =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /** java25 with SnapStart: Lambda keeps the JVM's default (full) tiered compilation. */
  static final List<String> LAMBDA_JAVA25_SNAPSTART = List.of("-XX:+UseSerialGC");

  /** The SnapStart configuration the stack ships (docs/performance.md says why). */
  static final Variant SNAPSTART_SHIPPED =
      new Variant(
          "shipped",
          "shipped: SnapStart, C1 only (java21's default; java25 with JAVA_TOOL_OPTIONS=-XX:TieredStopAtLevel=1)",
          LAMBDA_ON_DEMAND,
          false,
          false);

  /** The other JIT configuration Lambda can run a SnapStart function with. */
  static final Variant SNAPSTART_OTHER =
      new Variant(
          "other",
          "other: SnapStart, full tiered (java25's default)",
          LAMBDA_JAVA25_SNAPSTART,
          false,
          false);

  private static final Pattern REQUEST_LOG =
      Pattern.compile("\"requestId\":\"(bench-[^\"]+)\".*\"route53Calls\":(\\d+)");

  private final Path jar;
  private final Path harness;
  private final Path work;
  private final String javaCommand;
  private final Map<String, String> childEnvironment = new LinkedHashMap<>();
  private final int coldRuns = setting("BENCH_RUNS", 7);
  private final int primedRuns = setting("BENCH_PRIMED_RUNS", 5);
  private final int warmUpdates = setting("BENCH_WARM_UPDATES", 2000);
  private final int restoredSamples = setting("BENCH_RESTORED_SAMPLES", 200);
  private final String primingRounds = System.getenv().getOrDefault("BENCH_PRIMING_ROUNDS", "30");
  private final boolean shippedOnly = "shipped".equals(System.getenv("BENCH_VARIANTS"));
  private int addressCounter;

  private Benchmark(Path jar, Path harness, Path work) {
    this.jar = jar;
    this.harness = harness;
    this.work = work;
    this.javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : "target/dyndns53-function.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      System.err.println(
          "benchmark: " + jar + " does not exist; build it first (npm run bench does)");
      System.exit(2);
    }
    Path testClasses =
        Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path work = jar.getParent().resolve("bench");
    Files.createDirectories(work);
    new Benchmark(jar, harnessJar(testClasses, work), work).run();
  }

  /**
   * The classes the child JVMs run besides the function jar, in a jar of their own: the JDK's AOT
   * cache refuses a class path with a non-empty directory, and the children see nothing else of the
   * tests.
   */
  private static Path harnessJar(Path testClasses, Path work) throws IOException {
    Path harness = work.resolve("bench-harness.jar");
    Path dir = testClasses.resolve("dev/dyndns53/bench");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(harness));
        Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith("FunctionProcess")
            || name.startsWith("HelloWorld")
            || name.startsWith("ProcStats")) {
          out.putNextEntry(new JarEntry("dev/dyndns53/bench/" + name));
          Files.copy(file, out);
          out.closeEntry();
        }
      }
    }
    return harness;
  }

  private static int setting(String name, int defaultValue) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.strip());
  }

  /**
   * A way of starting the function: JVM flags, class path layout, CPU pinning. {@code id} names its
   * row's figures in docs/performance.md ({@code cold.shipped.median}), which prose quotes.
   */
  record Variant(String id, String name, List<String> flags, boolean extracted, boolean oneCpu) {}

  private void run() throws Exception {
    long benchStarted = System.nanoTime();
    String loadBefore = loadAverage();
    List<String> rows = new ArrayList<>();
    try (MotoServer moto = MotoServer.start()) {
      seed(moto);
      Path task = extract();

      List<Variant> cold = new ArrayList<>();
      Variant shipped =
          new Variant(
              "cold.shipped",
              "shipped: Lambda on-demand flags (C1 only, Serial GC)",
              LAMBDA_ON_DEMAND,
              false,
              false);
      cold.add(shipped);
      if (!shippedOnly) {
        cold.add(
            new Variant(
                "cold.extracted",
                "same, classes extracted as Lambda does into /var/task",
                LAMBDA_ON_DEMAND,
                true,
                false));
        cold.add(
            new Variant(
                "cold.defaults", "JVM defaults (G1, full tiered)", List.of(), false, false));
        cold.add(
            new Variant(
                "cold.java25",
                "java25 SnapStart flags without a snapshot (full tiered)",
                LAMBDA_JAVA25_SNAPSTART,
                false,
                false));
        cold.add(
            new Variant(
                "cold.noperfdata",
                "shipped flags + -XX:-UsePerfData",
                concat(LAMBDA_ON_DEMAND, List.of("-XX:-UsePerfData")),
                false,
                false));
        cold.add(
            new Variant(
                "cold.nocds",
                "shipped flags, CDS off (-Xshare:off)",
                concat(LAMBDA_ON_DEMAND, List.of("-Xshare:off")),
                false,
                false));
        Path aot = trainAotCache();
        if (aot != null) {
          cold.add(
              new Variant(
                  "cold.aot",
                  "shipped flags + JDK AOT cache trained here (not shippable, see notes)",
                  concat(LAMBDA_ON_DEMAND, List.of("-XX:AOTCache=" + aot)),
                  false,
                  false));
        }
        if (hasTaskset()) {
          cold.add(
              new Variant(
                  "cold.onecpu",
                  "shipped, pinned to 1 CPU (taskset), about Lambda at 1,769 MB",
                  LAMBDA_ON_DEMAND,
                  false,
                  true));
        }
      }
      Variant hello =
          new Variant(
              "floor.shipped", "hello-world JVM, shipped flags", LAMBDA_ON_DEMAND, false, false);
      Variant helloDefaults =
          new Variant("floor.defaults", "hello-world JVM, JVM defaults", List.of(), false, false);

      // Cold starts, interleaved: run r of every variant before run r+1 of any.
      Map<Variant, List<ChildResult>> coldResults = new LinkedHashMap<>();
      List<ChildResult> floor = new ArrayList<>();
      List<ChildResult> floorDefaults = new ArrayList<>();
      progress(
          "cold starts: "
              + coldRuns
              + " runs of "
              + cold.size()
              + " variants and 2 hello-world floors");
      for (int r = 0; r < coldRuns; r++) {
        floor.add(runChild(hello, task, List.of(HelloWorld.class.getName())));
        floorDefaults.add(runChild(helloDefaults, task, List.of(HelloWorld.class.getName())));
        for (Variant variant : cold) {
          ChildResult result = runChild(variant, task, functionArgs("cold", nextAddress()));
          result.requireAnswer("good");
          coldResults.computeIfAbsent(variant, v -> new ArrayList<>()).add(result);
        }
      }
      progress("class counts");
      ClassCounts helloClasses = classCounts(hello, task, List.of(HelloWorld.class.getName()));
      ClassCounts coldClasses = classCounts(shipped, task, functionArgs("cold", nextAddress()));

      // First request after priming, as after a SnapStart restore, in both JIT configurations
      // Lambda can run with SnapStart; every other priming variant uses the shipped one.
      List<Variant> configs = List.of(SNAPSTART_SHIPPED, SNAPSTART_OTHER);
      List<Variant> primedVariants = new ArrayList<>();
      Map<Variant, String> priming = new LinkedHashMap<>();
      Map<Variant, Variant> configOf = new LinkedHashMap<>();
      for (Variant config : configs) {
        Variant primed =
            new Variant(
                "primed." + config.id(),
                config.name() + ", primed by the hook",
                config.flags(),
                false,
                false);
        primedVariants.add(primed);
        priming.put(primed, "hook");
        configOf.put(primed, config);
      }
      Variant unprimed =
          new Variant(
              "primed.unprimed",
              SNAPSTART_SHIPPED.name() + ", not primed",
              SNAPSTART_SHIPPED.flags(),
              false,
              false);
      primedVariants.add(unprimed);
      priming.put(unprimed, "0");
      configOf.put(unprimed, SNAPSTART_SHIPPED);
      // The first request to the other endpoints after a restore, primed and not, in the shipped
      // configuration: priming walks every endpoint, so each should be as close to its warm p50
      // as the update is.
      Map<Variant, String> firstEndpoint = new LinkedHashMap<>();
      for (String endpoint : List.of("acme", "checkip")) {
        for (String rounds : List.of("hook", "0")) {
          // The name tells the variants apart: they are map keys, and records with equal
          // components are equal.
          Variant other =
              new Variant(
                  "primed." + endpoint + (rounds.equals("hook") ? ".primed" : ".unprimed"),
                  SNAPSTART_SHIPPED.name()
                      + (rounds.equals("hook") ? ", primed by the hook" : ", not primed")
                      + " — first "
                      + (endpoint.equals("acme") ? "ACME present" : "checkip"),
                  SNAPSTART_SHIPPED.flags(),
                  false,
                  false);
          primedVariants.add(other);
          priming.put(other, rounds);
          configOf.put(other, SNAPSTART_SHIPPED);
          firstEndpoint.put(other, endpoint);
        }
      }
      if (!shippedOnly) {
        for (String rounds : primingRounds.split(",")) {
          if (!rounds.isBlank()) {
            Variant other =
                new Variant(
                    "primed.rounds" + rounds.strip(),
                    SNAPSTART_SHIPPED.name()
                        + ", primed "
                        + rounds.strip()
                        + " rounds instead of "
                        + RequestPathPriming.DEFAULT_ROUNDS,
                    SNAPSTART_SHIPPED.flags(),
                    false,
                    false);
            primedVariants.add(other);
            priming.put(other, rounds.strip());
            configOf.put(other, SNAPSTART_SHIPPED);
          }
        }
      }
      progress(
          "primed first requests: "
              + primedRuns
              + " runs of "
              + primedVariants.size()
              + " variants");
      Map<Variant, List<ChildResult>> primedResults = new LinkedHashMap<>();
      for (int r = 0; r < primedRuns; r++) {
        for (Variant variant : primedVariants) {
          ChildResult result =
              runChild(
                  variant,
                  task,
                  functionArgs(
                      "primed",
                      priming.get(variant),
                      nextAddress(),
                      firstEndpoint.getOrDefault(variant, "update")));
          result.requireAnswer("good");
          primedResults.computeIfAbsent(variant, v -> new ArrayList<>()).add(result);
        }
      }
      ClassCounts primedClasses =
          classCounts(primedVariants.get(0), task, functionArgs("primed", "hook", nextAddress()));
      ClassCounts unprimedClasses =
          classCounts(unprimed, task, functionArgs("primed", "0", nextAddress()));

      Map<Variant, ChildResult> warmResults = new LinkedHashMap<>();
      for (Variant config : configs) {
        progress(
            "warm, " + config.name() + ": " + warmUpdates + " updates of each shape in one JVM");
        warmResults.put(
            config,
            runChild(
                config,
                task,
                functionArgs(
                    "warm", Integer.toString(warmUpdates), Integer.toString(restoredSamples))));
      }
      ChildResult warm = warmResults.get(SNAPSTART_SHIPPED);

      // History (issue 17): the same steady loops in two fresh JVMs with the shipped flags, back to
      // back, without and with a history table, so the cost of history reads as a ratio.
      String historyTable;
      try (DynamoDbClient dynamoDb = MotoActivity.dynamoDb(moto, null)) {
        historyTable = MotoActivity.createHistoryTable(dynamoDb, "dyndns53-bench-history");
      }
      progress("warm, history off and on: " + warmUpdates + " updates of each shape in one JVM");
      ChildResult historyOff =
          runChild(SNAPSTART_SHIPPED, task, functionArgs("steady", Integer.toString(warmUpdates)));
      ChildResult historyOn =
          runChild(
              SNAPSTART_SHIPPED,
              task,
              functionArgs("steady", Integer.toString(warmUpdates)),
              Map.of(ActivityClients.HISTORY_TABLE_VARIABLE, historyTable));
      int historyItems;
      try (DynamoDbClient dynamoDb = MotoActivity.dynamoDb(moto, null)) {
        historyItems = MotoActivity.items(dynamoDb, historyTable).size();
      }
      if (historyItems < warmUpdates) {
        // Fewer items than changes: the writes failed (each has a one-second budget) and the
        // "with history" figures would measure failures, not history.
        throw new IllegalStateException(
            "the history run left "
                + historyItems
                + " items in its table for "
                + warmUpdates
                + " changes; see the function's log lines");
      }

      // The table.
      Stats floorMs = Stats.of(floor, r -> r.wallMs);
      Stats floorDefaultsMs = Stats.of(floorDefaults, r -> r.wallMs);
      rows.add("| **Reference** | | | | |");
      rows.add(
          row(
              hello.id(),
              "hello-world JVM start, shipped flags (the floor)",
              floorMs,
              "1.00×",
              "peak RSS "
                  + mark(
                      hello.id() + ".rss", mb(Stats.of(floor, r -> r.number("peakRssKb")).median))
                  + " MB, "
                  + mark(hello.id() + ".classes", Integer.toString(helloClasses.total))
                  + " classes"));
      rows.add(
          row(
              helloDefaults.id(),
              "hello-world JVM start, JVM defaults",
              floorDefaultsMs,
              ratio(floorDefaultsMs.median, floorMs.median),
              ""));
      rows.add(
          "| **Cold: fresh JVM → handler constructed as Lambda does → first `good`** | | | | |");
      for (Map.Entry<Variant, List<ChildResult>> entry : coldResults.entrySet()) {
        Stats wall = Stats.of(entry.getValue(), r -> r.wallMs);
        Stats init = Stats.of(entry.getValue(), r -> r.number("initMs"));
        Stats invoke = Stats.of(entry.getValue(), r -> r.number("invokeMs"));
        Stats cpu = Stats.of(entry.getValue(), r -> r.number("cpuMs"));
        Stats rss = Stats.of(entry.getValue(), r -> r.number("peakRssKb"));
        String id = entry.getKey().id();
        String notes =
            "init "
                + mark(id + ".init", fmt(init.median))
                + " + first invoke "
                + mark(id + ".invoke", fmt(invoke.median))
                + " ms; CPU "
                + mark(id + ".cpu", fmt(cpu.median))
                + " ms; peak RSS "
                + mark(id + ".rss", mb(rss.median))
                + " MB";
        if (entry.getKey() == shipped) {
          notes +=
              "; "
                  + mark(id + ".classes", Integer.toString(coldClasses.total))
                  + " classes ("
                  + mark(id + ".init-classes", Integer.toString(coldClasses.beforeMark))
                  + " to the end of init, "
                  + mark(id + ".invoke-classes", Integer.toString(coldClasses.afterMark))
                  + " in the first invoke; "
                  + mark(id + ".jar-classes", Integer.toString(coldClasses.application))
                  + " from the jar)";
        }
        rows.add(row(id, entry.getKey().name(), wall, ratio(wall.median, floorMs.median), notes));
      }

      rows.add(
          "| **Primed: first request after init + priming + afterRestore (what a SnapStart restore gives); × warm p50 of the same request in the same configuration** | | | | |");
      for (Map.Entry<Variant, List<ChildResult>> entry : primedResults.entrySet()) {
        ChildResult configWarm = warmResults.get(configOf.get(entry.getKey()));
        String endpoint = firstEndpoint.getOrDefault(entry.getKey(), "update");
        String warmShape =
            switch (endpoint) {
              case "acme" -> "warm-acme-restored";
              case "checkip" -> "warm-checkip";
              default -> "warm-restored";
            };
        String shape =
            switch (endpoint) {
              case "acme" -> " (secret + TXT read + write)";
              case "checkip" -> " (no AWS call)";
              default -> " (secret + read + write)";
            };
        Stats first = Stats.of(entry.getValue(), r -> r.number("firstMs"));
        Stats primingMs = Stats.of(entry.getValue(), r -> r.number("primingMs"));
        Stats firstCpu = Stats.of(entry.getValue(), r -> r.number("firstCpuMs"));
        String id = entry.getKey().id();
        String notes =
            (endpoint.equals("update")
                    ? mark(
                            id + ".vs-good",
                            ratio(first.median, configWarm.percentiles("warm-good").median))
                        + " the steady `good` p50; "
                    : "")
                + "CPU "
                + mark(id + ".cpu", fmt(firstCpu.median))
                + " ms; priming took "
                + mark(id + ".priming", fmt(primingMs.median))
                + " ms before the snapshot";
        if (entry.getKey() == primedVariants.get(0)) {
          notes +=
              "; first request loads "
                  + mark(id + ".first-classes", Integer.toString(primedClasses.afterMark))
                  + " classes";
        } else if (entry.getKey() == unprimed) {
          notes +=
              "; first request loads "
                  + mark(id + ".first-classes", Integer.toString(unprimedClasses.afterMark))
                  + " classes";
        }
        rows.add(
            row(
                id,
                entry.getKey().name() + shape,
                first,
                ratio(first.median, configWarm.percentiles(warmShape).median),
                notes));
      }
      rows.add("| **Warm: one JVM after priming; p50 (min–max) · p99** | | | | |");
      for (Map.Entry<Variant, ChildResult> entry : warmResults.entrySet()) {
        String config = entry.getKey().id();
        ChildResult result = entry.getValue();
        rows.add(
            warmRow(
                "warm." + config + ".restored",
                config
                    + ": update with caches forgotten (secret + read + write, the shape of a first request)",
                result.percentiles("warm-restored")));
        rows.add(
            warmRow(
                "warm." + config + ".good",
                config + ": `good`, steady state (one ChangeResourceRecordSets)",
                result.percentiles("warm-good")));
        rows.add(
            warmRow(
                "warm." + config + ".nochg",
                config + ": `nochg`, steady state (one ListResourceRecordSets)",
                result.percentiles("warm-nochg")));
      }
      rows.add(
          "| **Warm with history (issue 17): the same steady loops in two fresh JVMs, shipped flags, without and with a history table; × the run without** | | | | |");
      for (String shape : List.of("good", "nochg")) {
        Stats off = historyOff.percentiles("warm-" + shape);
        rows.add(
            warmRow(
                "warm.history-off." + shape,
                "shipped: `" + shape + "`, steady state, no history table",
                off,
                "1.00×"));
        rows.add(
            warmRow(
                "warm.history." + shape,
                "shipped: `"
                    + shape
                    + "`, steady state, history table ("
                    + (shape.equals("good")
                        ? "+ one TransactWriteItems: the event and the host's summary"
                        : "+ the last-asked time, written at most hourly")
                    + ")",
                historyOn.percentiles("warm-" + shape),
                ratio(historyOn.percentiles("warm-" + shape).median, off.median)));
      }
      // Issue 9: a first probe must not tell a configured name from an unknown one.
      rows.add(
          warmRow(
              "warm.probe-configured",
              "shipped: first probe of a configured name, wrong password, caches forgotten (`badauth`)",
              warm.percentiles("probe-configured")));
      rows.add(
          warmRow(
              "warm.probe-unknown",
              "shipped: first probe of an unknown name, caches forgotten (`badauth`; same calls)",
              warm.percentiles("probe-unknown")));
      rows.add(
          warmRow(
              "warm.acme-restored",
              "shipped: ACME present or cleanup, caches forgotten (secret + TXT read + write)",
              warm.percentiles("warm-acme-restored")));
      rows.add(
          warmRow(
              "warm.checkip", "shipped: checkip (no AWS call)", warm.percentiles("warm-checkip")));

      Map<String, Integer> calls = warm.route53Calls;
      rows.add(
          "| **Route 53 API calls per request, N hosts of one zone (the request log's `route53Calls`; cold = caches empty, warm = right after a request for the same hosts)** | | | | |");
      for (int hosts : FunctionProcess.CALL_COUNT_HOSTS) {
        String what = hosts + (hosts == 1 ? " host" : " hosts") + ", ";
        String id = "calls." + hosts + ".";
        rows.add(
            callsRow(
                id + "cold-good",
                what + "cold `good`",
                calls.get("bench-calls-" + hosts + "-cold-good"),
                "2 (1 read of the zone + 1 write)"));
        rows.add(
            callsRow(
                id + "cold-nochg",
                what + "cold `nochg`",
                calls.get("bench-calls-" + hosts + "-cold-nochg"),
                "1 (1 read: nochg only from a read)"));
        rows.add(
            callsRow(
                id + "warm-good",
                what + "warm `good`",
                calls.get("bench-calls-" + hosts + "-warm-good"),
                "1 (the write; the cache says the records differ, so the read is skipped)"));
        rows.add(
            callsRow(
                id + "warm-nochg",
                what + "warm `nochg`",
                calls.get("bench-calls-" + hosts + "-warm-nochg"),
                "1 (1 read)"));
      }

      long jarBytes = Files.size(jar);
      int[] entries = jarEntries();
      rows.add("| **Function jar** | | | | |");
      rows.add(
          "| `dyndns53-function.jar` | "
              + mark("jar.bytes", String.format(Locale.ROOT, "%,d", jarBytes))
              + " bytes ("
              + mark("jar.mb", String.format(Locale.ROOT, "%.2f", jarBytes / 1e6))
              + " MB) | | | "
              + mark("jar.classes", Integer.toString(entries[0]))
              + " classes, "
              + mark("jar.files", Integer.toString(entries[1]))
              + " other files |");
    }
    double minutes = (System.nanoTime() - benchStarted) / 6e10;
    printTable(rows, loadBefore, minutes);
  }

  private void printTable(List<String> rows, String loadBefore, double minutes) throws IOException {
    StringBuilder out = new StringBuilder();
    out.append("Generated by `npm run bench` on ")
        .append(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                .format(ZonedDateTime.now(ZoneOffset.UTC)))
        .append(" from commit ")
        .append(commit())
        .append(shippedOnly ? ", shipped configuration only (BENCH_VARIANTS=shipped)" : "")
        .append(".\n");
    out.append("\n| | median | min–max | × reference | notes |\n|---|---:|---:|---:|---|\n");
    rows.forEach(r -> out.append(r).append('\n'));
    out.append('\n')
        .append(machine())
        .append("; load average ")
        .append(loadBefore)
        .append(" at the start, ")
        .append(loadAverage())
        .append(" at the end; ")
        .append(
            String.format(
                Locale.ROOT,
                "%d cold runs, %d primed runs per variant, %d warm updates per series, %.1f"
                    + " minutes.",
                coldRuns,
                primedRuns,
                warmUpdates,
                minutes))
        .append(" Times in ms.\n");
    System.out.print(out);
    Files.writeString(work.resolve("latest.md"), out);
    System.out.println("(also written to " + work.resolve("latest.md") + ")");
    String page = System.getenv("BENCH_DOCS_PAGE");
    if (page != null && !page.isBlank()) {
      // Prose elsewhere quotes these figures by name; BenchFiguresTest fails on every quote the
      // new table contradicts, which is the point: the prose is updated in the same commit.
      Path docs = Path.of(page);
      Files.writeString(
          docs, BenchFigures.replaceGenerated(Files.readString(docs), out.toString()));
      System.out.println(
          "(and into "
              + docs
              + " between its bench markers; run the documentation test before committing it)");
    }
  }

  /**
   * The commit the benchmark ran on, from {@code BENCH_COMMIT} (scripts/bench.sh sets it from git),
   * so the table says which code it measured.
   */
  private static String commit() {
    String commit = System.getenv("BENCH_COMMIT");
    if (commit == null || commit.isBlank()) {
      return "(unknown)";
    }
    String[] hashAndRest = commit.strip().split(" ", 2);
    return "`" + hashAndRest[0] + "`" + (hashAndRest.length > 1 ? " " + hashAndRest[1] : "");
  }

  private static String row(String id, String what, Stats stats, String ratio, String notes) {
    return "| "
        + what
        + " | "
        + mark(id + ".median", fmt(stats.median))
        + " | "
        + mark(id + ".min", fmt(stats.min))
        + "–"
        + mark(id + ".max", fmt(stats.max))
        + " | "
        + mark(id + ".ratio", ratio)
        + " | "
        + notes
        + " |";
  }

  private static String warmRow(String id, String what, Stats stats) {
    return warmRow(id, what, stats, "");
  }

  private static String warmRow(String id, String what, Stats stats, String ratio) {
    return "| "
        + what
        + " | "
        + mark(id + ".median", fmt(stats.median))
        + " | "
        + mark(id + ".min", fmt(stats.min))
        + "–"
        + mark(id + ".max", fmt(stats.max))
        + " | "
        + (ratio.isEmpty() ? "" : mark(id + ".ratio", ratio))
        + " | p99 "
        + mark(id + ".p99", fmt(stats.p99))
        + " ms over "
        + stats.count
        + " updates |";
  }

  private static String callsRow(String id, String what, Integer measured, String designed) {
    return "| "
        + what
        + " | "
        + (measured == null ? "?" : mark(id, Integer.toString(measured)))
        + " | | | designed: "
        + designed
        + " |";
  }

  private void seed(MotoServer moto) throws IOException {
    String zoneId = moto.createHostedZone("example.com");
    String password = UUID.randomUUID().toString();
    String prefix = "dyndns53/Bench/";
    moto.createSecret(prefix + FunctionProcess.USER, FunctionProcess.USER, password);
    StringBuilder hosts = new StringBuilder();
    List<String> all = new ArrayList<>();
    all.add(FunctionProcess.HOST);
    all.addAll(FunctionProcess.ZONE_HOSTS);
    for (String host : all) {
      hosts
          .append(hosts.isEmpty() ? "" : ",\n    ")
          .append("\"")
          .append(host)
          .append("\": {\"zoneId\": \"")
          .append(zoneId)
          .append(host.equals(FunctionProcess.HOST) ? "\", \"acme\": true}" : "\"}");
    }
    String users = String.join(", ", all.stream().map(h -> "\"" + h + "\"").toList());
    Path config = work.resolve("dyndns53.json");
    Files.writeString(
        config,
        "{\"hosts\": {\n    "
            + hosts
            + "},\n \"users\": {\""
            + FunctionProcess.USER
            + "\": {\"hosts\": ["
            + users
            + "]}}}\n");
    childEnvironment.put("AWS_REGION", MotoServer.REGION.id());
    childEnvironment.put("AWS_ACCESS_KEY_ID", "testing");
    childEnvironment.put("AWS_SECRET_ACCESS_KEY", "testing");
    childEnvironment.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
    childEnvironment.put("DYNDNS53_CONFIG", config.toString());
    childEnvironment.put("DYNDNS53_SECRET_PREFIX", prefix);
    childEnvironment.put("BENCH_PASSWORD", password);
  }

  /** The jar unpacked into a directory, as Lambda unpacks a deployment package into /var/task. */
  private Path extract() throws IOException {
    Path task = work.resolve("task");
    if (Files.exists(task)) {
      try (Stream<Path> walk = Files.walk(task)) {
        walk.sorted((a, b) -> b.getNameCount() - a.getNameCount())
            .forEach(p -> p.toFile().delete());
      }
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        Path target = task.resolve(entry.getName()).normalize();
        if (!target.startsWith(task)) {
          continue;
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
    return task;
  }

  /** A JDK 24+ AOT cache from one training run of the cold path, or null where the JDK has none. */
  private Path trainAotCache() throws IOException {
    if (Runtime.version().feature() < 25) {
      return null;
    }
    Path aot = work.resolve("function.aot");
    Files.deleteIfExists(aot);
    progress("training an AOT cache (one cold run with -XX:AOTCacheOutput)");
    Variant training =
        new Variant(
            "aot-training",
            "AOT training",
            concat(LAMBDA_ON_DEMAND, List.of("-XX:AOTCacheOutput=" + aot)),
            false,
            false);
    ChildResult result = runChild(training, null, functionArgs("cold", nextAddress()));
    result.requireAnswer("good");
    return Files.isRegularFile(aot) ? aot : null;
  }

  private List<String> functionArgs(String... args) {
    List<String> out = new ArrayList<>();
    out.add(FunctionProcess.class.getName());
    out.addAll(Arrays.asList(args));
    return out;
  }

  /** A different public address each run, so every first update is a real change ({@code good}). */
  private String nextAddress() {
    addressCounter++;
    return "203.0.113." + (1 + addressCounter % 150);
  }

  private ChildResult runChild(Variant variant, Path task, List<String> mainAndArgs) {
    return runChild(variant, task, mainAndArgs, Map.of());
  }

  /** {@code extraEnvironment} adds to the seeded environment, as the stack adds variables. */
  private ChildResult runChild(
      Variant variant, Path task, List<String> mainAndArgs, Map<String, String> extraEnvironment) {
    List<String> command = new ArrayList<>();
    if (variant.oneCpu()) {
      command.addAll(List.of("taskset", "-c", "0"));
    }
    command.add(javaCommand);
    command.addAll(variant.flags());
    command.add("-cp");
    command.add((variant.extracted() ? task : jar) + File.pathSeparator + harness);
    command.addAll(mainAndArgs);
    Map<String, String> environment = new LinkedHashMap<>(childEnvironment);
    environment.putAll(extraEnvironment);
    return ChildResult.run(command, environment);
  }

  /**
   * Classes loaded in one run: in all, before and after the {@code init-done} or {@code primed}
   * mark.
   */
  record ClassCounts(int total, int beforeMark, int afterMark, int application) {}

  private ClassCounts classCounts(Variant variant, Path task, List<String> mainAndArgs) {
    List<String> flags = concat(variant.flags(), List.of("-Xlog:class+load=info:stdout"));
    ChildResult result =
        runChild(
            new Variant(variant.id(), variant.name(), flags, variant.extracted(), false),
            task,
            mainAndArgs);
    int total = 0;
    int before = 0;
    int application = 0;
    boolean marked = false;
    for (String line : result.lines) {
      if (line.startsWith("BENCH mark=init-done") && mainAndArgs.contains("cold")) {
        marked = true;
      } else if (line.startsWith("BENCH mark=primed")) {
        marked = true;
      } else if (line.startsWith("BENCH mark=answered")) {
        break;
      } else if (line.contains("[class,load]")) {
        total++;
        if (!marked) {
          before++;
        }
        if (line.contains("source: file:")) {
          application++;
        }
      }
    }
    return new ClassCounts(total, before, total - before, application);
  }

  private int[] jarEntries() throws IOException {
    int classes = 0;
    int other = 0;
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        if (entry.isDirectory()) {
          continue;
        }
        if (entry.getName().endsWith(".class")) {
          classes++;
        } else {
          other++;
        }
      }
    }
    return new int[] {classes, other};
  }

  private static boolean hasTaskset() {
    try {
      Process probe =
          new ProcessBuilder("taskset", "-c", "0", "true").redirectErrorStream(true).start();
      probe.getInputStream().readAllBytes();
      return probe.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String machine() {
    String cpu = "?";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .findFirst()
              .map(l -> l.substring(l.indexOf(':') + 1).strip())
              .orElse("?");
    } catch (IOException | UncheckedIOException e) {
      // Not Linux.
    }
    return "Machine: "
        + Runtime.getRuntime().availableProcessors()
        + " CPUs ("
        + cpu
        + "), "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + ", "
        + System.getProperty("java.vm.vendor")
        + " "
        + System.getProperty("java.runtime.version");
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static void progress(String message) {
    System.err.println("bench: " + message);
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static String fmt(double ms) {
    if (Double.isNaN(ms)) {
      return "?";
    }
    return ms >= 100
        ? String.format(Locale.ROOT, "%.0f", ms)
        : ms >= 10
            ? String.format(Locale.ROOT, "%.1f", ms)
            : String.format(Locale.ROOT, "%.2f", ms);
  }

  /** Kibibytes as whole mebibytes, without the unit (the unit stays outside a figure's marker). */
  private static String mb(double kb) {
    return String.format(Locale.ROOT, "%.0f", kb / 1024);
  }

  /**
   * A figure named for the documentation ({@link BenchFigures#mark}); a figure that did not come
   * out as a number ("?") stays unmarked, so a quote of it fails the documentation test.
   */
  private static String mark(String name, String value) {
    return value.matches("[0-9][0-9,.]*×?") ? BenchFigures.mark(name, value) : value;
  }

  private static String ratio(double value, double reference) {
    return String.format(Locale.ROOT, "%.2f×", value / reference);
  }

  /** Median, range and p99 of a series of milliseconds. */
  record Stats(double median, double min, double max, double p99, int count) {
    static Stats of(List<ChildResult> results, ToDoubleFunction<ChildResult> value) {
      double[] values = results.stream().mapToDouble(value).sorted().toArray();
      int n = values.length;
      double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
      return new Stats(median, values[0], values[n - 1], values[FunctionProcess.rank(n, 0.99)], n);
    }
  }

  /** What one child JVM printed, and how long it took to print its answer. */
  static final class ChildResult {
    final double wallMs;
    final List<String> lines;
    final Map<String, String> fields = new LinkedHashMap<>();
    final Map<String, Integer> route53Calls = new LinkedHashMap<>();

    private ChildResult(double wallMs, List<String> lines) {
      this.wallMs = wallMs;
      this.lines = lines;
      for (String line : lines) {
        if (line.startsWith("BENCH ")) {
          String prefix = "";
          for (String token : line.substring(6).split(" ")) {
            int eq = token.indexOf('=');
            if (eq < 0) {
              prefix = token + ".";
            } else {
              fields.put(prefix + token.substring(0, eq), token.substring(eq + 1));
            }
          }
        } else {
          Matcher m = REQUEST_LOG.matcher(line);
          if (m.find()) {
            route53Calls.put(m.group(1), Integer.parseInt(m.group(2)));
          }
        }
      }
    }

    /** Starts the command and times it from just before the fork to its {@code answered} line. */
    static ChildResult run(List<String> command, Map<String, String> environment) {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      env.keySet()
          .removeIf(
              k ->
                  k.startsWith("AWS_")
                      || k.equals("JAVA_TOOL_OPTIONS")
                      || k.equals("_JAVA_OPTIONS")
                      || k.equals("JDK_JAVA_OPTIONS"));
      env.putAll(environment);
      List<String> lines = new ArrayList<>();
      double wall = Double.NaN;
      int status;
      try {
        long started = System.nanoTime();
        Process process = builder.start();
        try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = out.readLine()) != null) {
            if (Double.isNaN(wall) && line.startsWith("BENCH mark=answered")) {
              wall = (System.nanoTime() - started) / 1e6;
            }
            lines.add(line);
          }
        }
        status = process.waitFor();
      } catch (IOException e) {
        throw new UncheckedIOException("could not run " + String.join(" ", command), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      if (status != 0) {
        throw new IllegalStateException(
            "exit status "
                + status
                + " from "
                + String.join(" ", command)
                + ":\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
      }
      return new ChildResult(wall, lines);
    }

    double number(String key) {
      String value = fields.get(key);
      return value == null ? Double.NaN : Double.parseDouble(value);
    }

    Stats percentiles(String series) {
      return new Stats(
          number(series + ".p50Us") / 1000,
          number(series + ".minUs") / 1000,
          number(series + ".maxUs") / 1000,
          number(series + ".p99Us") / 1000,
          (int) number(series + ".n"));
    }

    void requireAnswer(String word) {
      String answer = fields.get("answer");
      if (!word.equals(answer)) {
        throw new IllegalStateException(
            "expected "
                + word
                + " but the function answered "
                + answer
                + ":\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
      }
    }
  }
}
