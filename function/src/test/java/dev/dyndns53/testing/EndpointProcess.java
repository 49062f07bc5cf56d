package dev.dyndns53.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code java -jar dyndns53-function.jar} in a process of its own, as the README starts
 * it, for tests that look at it from outside (its memory, its descriptors, its log).
 */
public final class EndpointProcess implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("dyndns53: listening on http://127\\.0\\.0\\.1:(\\d+)/nic/update");

  private final Process process;
  private final Path output;
  private final int port;

  private EndpointProcess(Process process, Path output, int port) {
    this.process = process;
    this.output = output;
    this.port = port;
  }

  /**
   * Starts the endpoint on a free port with {@code options} after {@code --config}, the JVM options
   * {@code jvmOptions}, and AWS pointed at {@code awsEndpoint} (moto, or an address where nothing
   * listens when no call is expected).
   */
  public static EndpointProcess start(
      Path directory, Path config, String awsEndpoint, List<String> jvmOptions, String... options)
      throws IOException, InterruptedException {
    return start(directory, config, awsEndpoint, Map.of(), jvmOptions, options);
  }

  /** As above, with {@code extraEnvironment} (such as {@code DYNDNS53_HISTORY_TABLE}) set too. */
  public static EndpointProcess start(
      Path directory,
      Path config,
      String awsEndpoint,
      Map<String, String> extraEnvironment,
      List<String> jvmOptions,
      String... options)
      throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("basedir", "."), "target", "dyndns53-function.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing; this IT runs in 'mvn verify'");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString(), "--config", config.toString(), "--port", "0"));
    command.addAll(List.of(options));
    Path output = directory.resolve("endpoint.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("DYNDNS53_"));
    environment.put("AWS_REGION", MotoServer.REGION.id());
    environment.put("AWS_ACCESS_KEY_ID", TestCredentials.ACCESS_KEY_ID);
    environment.put("AWS_SECRET_ACCESS_KEY", TestCredentials.SECRET_ACCESS_KEY);
    environment.put("AWS_ENDPOINT_URL", awsEndpoint);
    environment.putAll(extraEnvironment);
    Process process = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      Matcher listening = LISTENING.matcher(read(output));
      if (listening.find()) {
        return new EndpointProcess(process, output, Integer.parseInt(listening.group(1)));
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("the endpoint did not start:\n" + read(output));
      }
      Thread.sleep(100);
    }
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** Everything it wrote, stdout and stderr together. */
  public String output() {
    return read(output);
  }

  /** Its resident set size in kB, from {@code /proc/<pid>/status}. */
  public long residentKilobytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/" + pid() + "/status");
  }

  /** Its open file descriptors, from {@code /proc/<pid>/fd}. */
  public long openDescriptors() throws IOException {
    try (var entries = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
      return entries.count();
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
