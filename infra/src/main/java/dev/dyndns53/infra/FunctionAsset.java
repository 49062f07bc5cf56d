package dev.dyndns53.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Stages the Lambda code directory: the function jar under {@code lib/} and the operator's
 * configuration file beside it. The Java runtime puts {@code /var/task/lib/*.jar} and {@code
 * /var/task} on the classpath, so the function reads its configuration from {@link
 * #CONFIG_PATH_IN_LAMBDA}: a file in the package has no size limit, where environment variables
 * stop at 4 KB, and a changed configuration changes the asset hash and so publishes a new version.
 */
final class FunctionAsset {
  static final String JAR_NAME = "dyndns53-function.jar";
  static final String CONFIG_NAME = "dyndns53.json";
  static final String CONFIG_PATH_IN_LAMBDA = "/var/task/" + CONFIG_NAME;

  private FunctionAsset() {}

  /**
   * Copies the jar and the configuration, byte for byte, into {@code directory} and returns it.
   * Refuses a directory holding anything else, so a wrong path never loses files.
   */
  static Path stage(Path functionJar, Path configFile, Path directory) {
    try {
      Path lib = directory.resolve("lib");
      Files.createDirectories(lib);
      refuseForeignContent(directory, lib);
      try (Stream<Path> old = Files.list(lib)) {
        for (Path file : old.toList()) {
          Files.delete(file);
        }
      }
      Path jar = lib.resolve(JAR_NAME);
      Path config = directory.resolve(CONFIG_NAME);
      Files.copy(functionJar, jar, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(configFile, config, StandardCopyOption.REPLACE_EXISTING);
      // Lambda runs the code as a user that owns none of these files, and the asset zip keeps the
      // modes it finds: a configuration file written under umask 077 would be unreadable there.
      readableByAll(List.of(directory, lib), "rwxr-xr-x");
      readableByAll(List.of(jar, config), "rw-r--r--");
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stage the function code in " + directory, e);
    }
  }

  private static void refuseForeignContent(Path directory, Path lib) throws IOException {
    Set<Path> ours = Set.of(lib, directory.resolve(CONFIG_NAME));
    try (Stream<Path> entries = Files.list(directory)) {
      List<Path> foreign = entries.filter(p -> !ours.contains(p)).toList();
      if (!foreign.isEmpty()) {
        throw new IllegalArgumentException(
            directory
                + " holds files that are not a staged function ("
                + foreign
                + "); stage into an empty or dedicated directory");
      }
    }
    try (Stream<Path> entries = Files.list(lib)) {
      List<Path> foreign =
          entries.filter(p -> !p.getFileName().toString().endsWith(".jar")).toList();
      if (!foreign.isEmpty()) {
        throw new IllegalArgumentException(
            lib
                + " holds files that are not jars ("
                + foreign
                + "); stage into an empty or dedicated directory");
      }
    }
  }

  private static void readableByAll(List<Path> paths, String mode) throws IOException {
    for (Path path : paths) {
      if (Files.getFileAttributeView(path, PosixFileAttributeView.class) != null) {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
      }
    }
  }
}
