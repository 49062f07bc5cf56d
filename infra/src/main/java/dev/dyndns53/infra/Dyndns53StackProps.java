package dev.dyndns53.infra;

import dev.dyndns53.config.Dyndns53Config;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the stack is built from. Only {@link Dyndns53App} reads files, context and environment; the
 * stack gets the results.
 *
 * @param config the validated configuration
 * @param configFile the configuration file itself, shipped to the function verbatim
 * @param functionJar the function's shaded jar
 * @param assetDirectory a dedicated directory where the function code is staged
 * @param function runtime, memory and JVM flags of the function
 * @param secretNamespace the middle part of the secrets' names ({@code
 *     dyndns53/<namespace>/<user>}) when it is not the stack's name: a renamed stack names its old
 *     name here to keep its routers' passwords
 */
public record Dyndns53StackProps(
    Dyndns53Config config,
    Path configFile,
    Path functionJar,
    Path assetDirectory,
    FunctionSettings function,
    Optional<String> secretNamespace) {

  /** The stack's name as the secret namespace. */
  public Dyndns53StackProps(
      Dyndns53Config config,
      Path configFile,
      Path functionJar,
      Path assetDirectory,
      FunctionSettings function) {
    this(config, configFile, functionJar, assetDirectory, function, Optional.empty());
  }

  public Dyndns53StackProps {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(functionJar, "functionJar");
    Objects.requireNonNull(assetDirectory, "assetDirectory");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(secretNamespace, "secretNamespace");
  }

  /** Default function settings. */
  public static Dyndns53StackProps of(
      Dyndns53Config config, Path configFile, Path functionJar, Path assetDirectory) {
    return new Dyndns53StackProps(
        config, configFile, functionJar, assetDirectory, FunctionSettings.DEFAULT);
  }
}
