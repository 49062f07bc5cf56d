package dev.dyndns53.config;

import java.util.ArrayList;
import java.util.List;

/** Every problem found in one file, each one sentence that names the file, the key and the fix. */
final class ConfigProblems {
  private final String source;
  private final List<String> problems = new ArrayList<>();

  ConfigProblems(String source) {
    this.source = source;
  }

  void add(String path, String what) {
    problems.add(source + ": " + path + " " + what);
  }

  /** Throws them all at once, so an operator fixes the file in one pass. */
  void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
