package dev.dyndns53.infra;

import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awscdk.App;

/** Builds stacks the way the CDK CLI would: with the repository's cdk.json feature flags. */
final class TestStacks {
  private TestStacks() {}

  /** The repository root, found from surefire's working directory (infra/) or the root itself. */
  static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("cdk.json"))
          && Files.isRegularFile(dir.resolve("config/dyndns53.json"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no cdk.json with config/dyndns53.json above " + Path.of("").toAbsolutePath());
  }

  static Path exampleConfig() {
    return repositoryRoot().resolve("config/dyndns53.json");
  }

  /** A new app with cdk.json's context plus {@code extra}. */
  @SuppressWarnings("unchecked")
  static App app(Map<String, Object> extra) {
    Map<String, Object> cdkJson;
    try {
      cdkJson =
          (Map<String, Object>) Json.parse(Files.readString(repositoryRoot().resolve("cdk.json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> context = new HashMap<>((Map<String, Object>) cdkJson.get("context"));
    context.putAll(extra);
    return App.Builder.create().context(context).build();
  }

  /** Any bytes do as the function jar: assertions never look inside the asset. */
  static Path standInJar(Path dir) {
    return write(dir.resolve("stand-in-function.jar"), "not really a jar");
  }

  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A stack named Dyndns53 built from {@code configFile}, staged under {@code workDir}. */
  static Dyndns53Stack stack(Path configFile, Path workDir) {
    return stack(app(Map.of()), configFile, workDir);
  }

  static Dyndns53Stack stack(App app, Path configFile, Path workDir) {
    Dyndns53Config config = ConfigParser.load(configFile);
    return new Dyndns53Stack(
        app,
        Dyndns53Stack.DEFAULT_NAME,
        new Dyndns53StackProps(
            config,
            configFile,
            standInJar(workDir),
            workDir.resolve("asset"),
            FunctionSettings.DEFAULT));
  }
}
