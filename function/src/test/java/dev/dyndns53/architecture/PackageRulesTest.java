package dev.dyndns53.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.dyndns53.Dyndns53;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The function's package rules, checked on the compiled classes: no package cycle, no entry point
 * imported from below, and each package importing only what {@link #ALLOWED} lists. The list is the
 * architecture: a new import that it does not name fails here, and is either a mistake or a change
 * of design that belongs in this list (and in docs/architecture.md) first.
 */
class PackageRulesTest {
  private static final String ROOT = "dev.dyndns53";

  /** The entry points, with the only packages that may import each. */
  private static final Map<String, Set<String>> ENTRY_POINTS =
      Map.of(
          p("lambda"),
          Set.of(),
          p("local"),
          Set.of(),
          p("provisioning"),
          Set.of(),
          p("release"),
          Set.of(),
          ROOT,
          Set.of(p("lambda"), p("local")));

  /**
   * What each package may import, bottom up. A package not listed may import nothing. Some edges
   * are allowed before any class uses them (an endpoint or an entry point reading addresses or log
   * text), since they keep to the layering; an edge upward or sideways between endpoints is not.
   */
  static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          // Leaves: shared vocabulary, no project imports.
          allow("address"),
          allow("http"),
          allow("json"),
          allow("aws"),
          allow("metrics"),
          allow("log", "json"),
          // Stores and configuration.
          allow("records", "address", "aws"),
          allow("credentials", "aws", "json"),
          allow("config", "address", "json", "records"),
          // Issue 17: the history port (and what the endpoints report to it), the notifiers.
          allow("history"),
          allow("notify", "config", "json"),
          // The one way through for every request: routing, authentication, log line, metrics.
          allow("envelope", "config", "credentials", "http", "log", "metrics", "records"),
          // The endpoints, each plugged into the envelope; the health check beside them.
          allow(
              "dyndns2",
              "address",
              "config",
              "envelope",
              "history",
              "http",
              "log",
              "metrics",
              "records"),
          // acme reads the AWS call budget (plain durations, no SDK type) to bound its retries of
          // lost races (ConflictRetry), so a retried change still ends within the request's time.
          allow(
              "acme",
              "address",
              "aws",
              "config",
              "envelope",
              "history",
              "http",
              "json",
              "log",
              "records"),
          allow("checkip", "address", "envelope", "http", "log"),
          allow("status", "config", "envelope", "history", "http", "json", "log", "records"),
          allow("health", "address", "config", "credentials", "json", "log", "metrics", "records"),
          // Issue 17: history and notifications behind the endpoints' reports and the health
          // check's runs; only the wiring knows it.
          allow("activity", "aws", "config", "health", "history", "json", "metrics", "notify"),
          // API Gateway proxy events to and from the envelope, for both entry points.
          allow("gateway", "envelope", "http"),
          // The deploy-time entry point that creates or adopts users' secrets (its own function).
          allow("provisioning", "aws", "json"),
          // The deploy-time entry point that checks a new version before alias live moves to it.
          allow("release", "aws", "json"),
          // The wiring and the entry points.
          Map.entry(
              ROOT,
              packages(
                  "acme",
                  "activity",
                  "aws",
                  "checkip",
                  "config",
                  "credentials",
                  "dyndns2",
                  "envelope",
                  "health",
                  "history",
                  "metrics",
                  "records",
                  "status")),
          allow(
              "lambda",
              "",
              "address",
              "aws",
              "config",
              "credentials",
              "envelope",
              "gateway",
              "health",
              "http",
              "json",
              "log",
              "metrics",
              "records"),
          allow(
              "local",
              "",
              "address",
              "config",
              "envelope",
              "gateway",
              "http",
              "json",
              "log",
              "metrics"));

  @Test
  void functionPackages_formNoCycle() {
    assertEquals(List.of(), mainGraph().cycles());
  }

  @Test
  void entryPoints_areImportedOnlyByEntryPoints() {
    assertEquals(List.of(), mainGraph().entryPointImports(ENTRY_POINTS));
  }

  @Test
  void everyPackage_importsOnlyWhatTheArchitectureAllows() {
    assertEquals(List.of(), mainGraph().importsBeyond(ALLOWED));
  }

  @Test
  void graph_seesTheKnownImports() {
    // Guards the checks above against a jdeps run that silently finds nothing.
    assertEquals(Set.of(p("json")), mainGraph().imports().get(p("log")));
    assertFalse(mainGraph().importersOf(p("address")).isEmpty());
  }

  @Test
  void cycleCheck_findsTheFixturesCycle() {
    PackageGraph fixture =
        PackageGraph.read(testClasses(), "dev.dyndns53.architecture.fixture.cycle");
    assertEquals(
        List.of(
            Set.of(
                "dev.dyndns53.architecture.fixture.cycle.a",
                "dev.dyndns53.architecture.fixture.cycle.b")),
        fixture.cycles());
  }

  @Test
  void entryPointCheck_findsTheFixturesImportFromBelow() {
    PackageGraph fixture =
        PackageGraph.read(testClasses(), "dev.dyndns53.architecture.fixture.entry");
    assertEquals(
        List.of(
            "dev.dyndns53.architecture.fixture.entry.core"
                + " -> dev.dyndns53.architecture.fixture.entry.main"),
        fixture.entryPointImports(
            Map.of("dev.dyndns53.architecture.fixture.entry.main", Set.of())));
    assertEquals(
        List.of(
            "dev.dyndns53.architecture.fixture.entry.core"
                + " -> dev.dyndns53.architecture.fixture.entry.main"),
        fixture.importsBeyond(Map.of()));
  }

  private static PackageGraph mainGraph() {
    return PackageGraph.read(classesOf(Dyndns53.class), ROOT);
  }

  private static Path testClasses() {
    return classesOf(PackageRulesTest.class);
  }

  private static Path classesOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static String p(String name) {
    return name.isEmpty() ? ROOT : ROOT + "." + name;
  }

  private static Set<String> packages(String... names) {
    return Set.of(java.util.Arrays.stream(names).map(PackageRulesTest::p).toArray(String[]::new));
  }

  private static Map.Entry<String, Set<String>> allow(String name, String... imports) {
    return Map.entry(p(name), packages(imports));
  }
}
