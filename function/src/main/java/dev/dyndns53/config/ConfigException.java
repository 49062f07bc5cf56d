package dev.dyndns53.config;

import java.util.List;

/**
 * A configuration file that cannot be used. Each problem is one sentence naming the file, the key
 * and how to fix it.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public ConfigException(List<String> problems) {
    super(
        problems.size() == 1
            ? problems.get(0)
            : problems.size()
                + " problems in the configuration:\n  - "
                + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
