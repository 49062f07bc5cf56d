package dev.dyndns53.conformance;

import dev.dyndns53.json.Json;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local endpoint started exactly as docs/local-endpoint.md documents it, {@code java -jar
 * function/target/dyndns53-function.jar --config FILE --port 0}, in a child process whose stdout
 * and stderr go to one log file. The port is read from the "listening on" line it prints; the
 * request log lines (one JSON object per request) are read back from the same file.
 */
final class EndpointProcess implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("dyndns53: listening on http://[^/]+:(\\d+)/nic/update");
  private static final Duration STARTUP_LIMIT = Duration.ofSeconds(60);

  private final Process process;
  private final Path log;
  private final int port;

  private EndpointProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts the jar and waits until it listens.
   *
   * @param awsEnvironment the AWS variables it gets (region, keys, endpoint URLs); nothing else of
   *     the test JVM's AWS settings reaches it
   */
  static EndpointProcess start(
      Path jar, Path config, Map<String, String> awsEnvironment, Path log) {
    return start(jar, config, awsEnvironment, log, "127.0.0.1");
  }

  /** As {@link #start(Path, Path, Map, Path)}, listening on {@code bind} ({@code --bind}). */
  static EndpointProcess start(
      Path jar, Path config, Map<String, String> awsEnvironment, Path log, String bind) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "the function jar "
              + jar
              + " is missing; the conformance suite runs"
              + " after 'package' in './mvnw verify', which builds it");
    }
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            jar.toString(),
            "--config",
            config.toString(),
            "--port",
            "0",
            "--bind",
            bind);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("DYNDNS53_"));
    environment.putAll(awsEnvironment);
    Process process;
    try {
      Files.deleteIfExists(log);
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + String.join(" ", command), e);
    }
    long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
    while (true) {
      Matcher listening = LISTENING.matcher(read(log, 0));
      if (listening.find()) {
        EndpointProcess endpoint =
            new EndpointProcess(process, log, Integer.parseInt(listening.group(1)));
        Runtime.getRuntime()
            .addShutdownHook(new Thread(process::destroyForcibly, "endpoint-shutdown"));
        return endpoint;
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "the endpoint ("
                + String.join(" ", command)
                + ") "
                + (process.isAlive()
                    ? "did not print its 'listening on' line within "
                        + STARTUP_LIMIT.toSeconds()
                        + " s"
                    : "exited with status " + process.exitValue())
                + "; its output, from "
                + log
                + ":\n"
                + read(log, 0));
      }
      sleep();
    }
  }

  int port() {
    return port;
  }

  /** Where the log is now; pass it to {@link #linesSince} later. */
  long mark() {
    try {
      return Files.size(log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + log, e);
    }
  }

  /** The log lines written since {@code mark}. */
  List<String> linesSince(long mark) {
    return read(log, mark).lines().toList();
  }

  /** The request log entries (the JSON lines) written since {@code mark}. */
  List<Map<String, Object>> requestsSince(long mark) {
    List<Map<String, Object>> requests = new ArrayList<>();
    for (String line : linesSince(mark)) {
      if (line.startsWith("{")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = (Map<String, Object>) Json.parse(line);
        requests.add(entry);
      }
    }
    return requests;
  }

  /** Stops it with SIGTERM, as a service manager would; kills it if it does not stop in 10 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String read(Path file, long from) {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      if (length <= from) {
        return "";
      }
      byte[] bytes = new byte[(int) (length - from)];
      in.seek(from);
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (java.io.FileNotFoundException notYet) {
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the endpoint", e);
    }
  }
}
