package dev.dyndns53.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real client run to completion (or stopped) as a child process, its output in the scenario
 * directory as {@code <label>.stdout.txt} and {@code <label>.stderr.txt}, with its command line and
 * exit status in {@code <label>.run.txt}. Every run is bounded in time.
 *
 * @param label the file name prefix in the scenario directory, such as {@code ddclient}
 * @param exitCode the exit status, or -1 when the run was stopped
 * @param timedOut whether the run outlived its time limit and was killed
 * @param stoppedWhileRunning whether it was stopped, still running, once the awaited output
 *     appeared
 */
public record ClientRun(
    String label,
    List<String> command,
    int exitCode,
    boolean timedOut,
    boolean stoppedWhileRunning,
    String stdout,
    String stderr) {

  /** Both streams, stdout first. */
  public String output() {
    return stdout + stderr;
  }

  /** The lines of both streams that start with {@code prefix}, such as {@code "SUCCESS:"}. */
  public List<String> linesStartingWith(String prefix) {
    return output().lines().filter(line -> line.startsWith(prefix)).toList();
  }

  /** Runs {@code command} to its end, killing it after {@code limit}. */
  static ClientRun run(Scenario scenario, String label, List<String> command, Duration limit) {
    return run(scenario, label, command, limit, null);
  }

  /**
   * Runs {@code command} until it ends or until its output contains {@code stopWhenOutputContains}
   * (then it is stopped with SIGTERM and {@link #stoppedWhileRunning} is true), killing it after
   * {@code limit}.
   */
  static ClientRun run(
      Scenario scenario,
      String label,
      List<String> command,
      Duration limit,
      String stopWhenOutputContains) {
    return run(scenario, label, command, Map.of(), limit, stopWhenOutputContains);
  }

  /**
   * As {@link #run(Scenario, String, List, Duration, String)}, with these environment variables
   * added.
   */
  static ClientRun run(
      Scenario scenario,
      String label,
      List<String> command,
      Map<String, String> extraEnvironment,
      Duration limit,
      String stopWhenOutputContains) {
    Path stdoutFile = scenario.file(label + ".stdout.txt");
    Path stderrFile = scenario.file(label + ".stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(scenario.directory().toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(stdoutFile.toFile())
            .redirectError(stderrFile.toFile());
    // A small, fixed environment: the clients need nothing of the test JVM's.
    Map<String, String> environment = builder.environment();
    String path = environment.getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    environment.clear();
    environment.put("PATH", path + ":/usr/sbin:/sbin");
    environment.put("HOME", scenario.directory().toString());
    environment.put("LANG", "C");
    environment.put("TZ", "UTC");
    environment.putAll(extraEnvironment);

    long started = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start "
              + String.join(" ", command)
              + " (is it installed? 'apt-get install ddclient inadyn'; .ci/run does)",
          e);
    }
    boolean timedOut = false;
    boolean stoppedWhileRunning = false;
    long deadline = started + limit.toNanos();
    try {
      while (true) {
        if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
          break;
        }
        if (stopWhenOutputContains != null
            && (read(stdoutFile) + read(stderrFile)).contains(stopWhenOutputContains)) {
          stoppedWhileRunning = true;
          stop(process);
          break;
        }
        if (System.nanoTime() > deadline) {
          timedOut = true;
          stop(process);
          break;
        }
      }
    } catch (InterruptedException interrupted) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, interrupted);
    }
    int exitCode = stoppedWhileRunning || timedOut ? -1 : process.exitValue();
    long millis = (System.nanoTime() - started) / 1_000_000;
    ClientRun run =
        new ClientRun(
            label,
            List.copyOf(command),
            exitCode,
            timedOut,
            stoppedWhileRunning,
            read(stdoutFile),
            read(stderrFile));
    String status =
        timedOut
            ? "KILLED after the " + limit.toSeconds() + " s limit"
            : stoppedWhileRunning
                ? "still running after "
                    + millis
                    + " ms; stopped once its output contained '"
                    + stopWhenOutputContains
                    + "'"
                : "exit status " + exitCode + " after " + millis + " ms";
    scenario.write(label + ".run.txt", String.join(" ", command) + "\n" + status + "\n");
    scenario.summarize(
        "-- "
            + label
            + ": "
            + String.join(" ", command)
            + "\n   "
            + status
            + "\n   stdout ("
            + stdoutFile.getFileName()
            + "):\n"
            + Scenario.tail(run.stdout)
            + "   stderr ("
            + stderrFile.getFileName()
            + "):\n"
            + Scenario.tail(run.stderr));
    return run;
  }

  private static void stop(Process process) throws InterruptedException {
    List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }
}
