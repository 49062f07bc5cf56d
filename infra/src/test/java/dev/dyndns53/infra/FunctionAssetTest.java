package dev.dyndns53.infra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class FunctionAssetTest {
  @TempDir Path work;

  @Test
  void stage_putsTheJarUnderLibAndTheConfigBesideItByteForByte() throws IOException {
    byte[] jarBytes = {0x50, 0x4b, 0x03, 0x04, 0, (byte) 0xff, 0x0a, 0x0d};
    Path jar = Files.write(work.resolve("in.jar"), jarBytes);
    Path config =
        TestStacks.write(work.resolve("my-config.json"), "// comments stay\n{\"hosts\": {}}\r\n");

    Path staged = FunctionAsset.stage(jar, config, work.resolve("asset"));

    assertArrayEquals(jarBytes, Files.readAllBytes(staged.resolve("lib/dyndns53-function.jar")));
    assertArrayEquals(
        Files.readAllBytes(config), Files.readAllBytes(staged.resolve("dyndns53.json")));
  }

  @Test
  void stage_makesTheFilesReadableByTheUserLambdaRunsAs() throws IOException {
    Path jar = TestStacks.standInJar(work);
    Path config = TestStacks.write(work.resolve("private.json"), "{}");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));

    Path staged = FunctionAsset.stage(jar, config, work.resolve("asset"));

    assertEquals(
        "rw-r--r--",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(staged.resolve("dyndns53.json"))));
    assertEquals(
        "rwxr-xr-x",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(staged.resolve("lib"))));
  }

  @Test
  void stage_replacesAnOldStagedJar() throws IOException {
    Path asset = work.resolve("asset");
    TestStacks.write(asset.resolve("lib/dyndns53-function-old.jar"), "old");

    FunctionAsset.stage(
        TestStacks.standInJar(work), TestStacks.write(work.resolve("c.json"), "{}"), asset);

    try (var files = Files.list(asset.resolve("lib"))) {
      assertEquals(List.of(asset.resolve("lib/dyndns53-function.jar")), files.toList());
    }
  }

  @Test
  void stage_refusesADirectoryHoldingOtherFiles() {
    Path notAnAsset = work.resolve("somewhere");
    TestStacks.write(notAnAsset.resolve("notes.txt"), "keep me");

    assertThrows(
        IllegalArgumentException.class,
        () ->
            FunctionAsset.stage(
                TestStacks.standInJar(work),
                TestStacks.write(work.resolve("c.json"), "{}"),
                notAnAsset));
    assertFalse(Files.exists(notAnAsset.resolve("lib/dyndns53-function.jar")));
  }

  @Test
  void assetHash_isTheSameForTheSameJarAndConfigStagedAnywhere() {
    Path config = TestStacks.exampleConfig();
    String first = codeKey(TestStacks.stack(TestStacks.app(Map.of()), config, work.resolve("one")));
    String second =
        codeKey(TestStacks.stack(TestStacks.app(Map.of()), config, work.resolve("two")));

    assertEquals(first, second);
  }

  @Test
  void assetHash_changesWhenTheConfigChanges() throws IOException {
    Path config = Files.copy(TestStacks.exampleConfig(), work.resolve("config.json"));
    String before =
        codeKey(TestStacks.stack(TestStacks.app(Map.of()), config, work.resolve("one")));
    Files.writeString(config, Files.readString(config).replace("\"ttl\": 60", "\"ttl\": 120"));
    String after = codeKey(TestStacks.stack(TestStacks.app(Map.of()), config, work.resolve("two")));

    assertFalse(before.equals(after), "a new configuration must publish a new version");
  }

  private static String codeKey(Dyndns53Stack stack) {
    Capture key = new Capture();
    Template.fromStack(stack)
        .hasResourceProperties(
            "AWS::Lambda::Function",
            Match.objectLike(Map.of("Code", Match.objectLike(Map.of("S3Key", key)))));
    return key.asString();
  }
}
