package dev.dyndns53.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One conformance scenario's directory, {@code target/conformance/<client>/<test method>/}: the
 * client's configuration, its output, the endpoint's log lines and the records afterwards, so a red
 * build explains itself. {@link #explain()} is the assertion message that points there.
 */
public final class Scenario {
  private static final int TAIL_LINES = 25;

  private final String name;
  private final Path directory;
  private final Supplier<List<String>> endpointLines;
  private final List<String> summaries = new ArrayList<>();

  Scenario(String name, Path directory, Supplier<List<String>> endpointLines) {
    this.name = name;
    this.directory = directory;
    this.endpointLines = endpointLines;
    try {
      // A previous build's files would mislead whoever reads this directory after a failure.
      if (Files.exists(directory)) {
        try (Stream<Path> old = Files.walk(directory)) {
          for (Path file : old.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(file);
          }
        }
      }
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare " + directory, e);
    }
  }

  public String name() {
    return name;
  }

  public Path directory() {
    return directory;
  }

  /** A file in the scenario directory. */
  public Path file(String fileName) {
    return directory.resolve(fileName);
  }

  /** Writes (or replaces) a file in the scenario directory and returns its path. */
  public Path write(String fileName, String text) {
    Path file = file(fileName);
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
    return file;
  }

  /** Appends a line to a file in the scenario directory. */
  public void append(String fileName, String line) {
    Path file = file(fileName);
    try {
      Files.writeString(
          file,
          line + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /** Adds a block (a client run, a request and its answer) to what {@link #explain()} shows. */
  void summarize(String summary) {
    summaries.add(summary);
  }

  /** Saves the endpoint's log lines written during this scenario as {@code endpoint.log}. */
  void saveEndpointLog() {
    write("endpoint.log", String.join("\n", endpointLines.get()) + "\n");
  }

  /**
   * The assertion message: where the scenario's files are, then the tail of each client run and the
   * endpoint's log lines of this scenario.
   */
  public String explain() {
    saveEndpointLog();
    StringBuilder out =
        new StringBuilder()
            .append("conformance scenario ")
            .append(name)
            .append(": everything is in ")
            .append(directory)
            .append('\n');
    for (String summary : summaries) {
      out.append(summary).append('\n');
    }
    out.append("-- endpoint log during the scenario:\n");
    endpointLines.get().forEach(line -> out.append("   ").append(line).append('\n'));
    return out.toString();
  }

  static String tail(String text) {
    List<String> lines = text.lines().toList();
    List<String> kept = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
    StringBuilder out = new StringBuilder();
    if (kept.size() < lines.size()) {
      out.append("   … (").append(lines.size() - kept.size()).append(" lines before)\n");
    }
    kept.forEach(line -> out.append("   ").append(line).append('\n'));
    return out.toString();
  }
}
