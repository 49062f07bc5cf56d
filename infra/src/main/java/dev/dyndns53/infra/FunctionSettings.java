package dev.dyndns53.infra;

import java.util.Optional;
import software.amazon.awscdk.services.lambda.Runtime;

/**
 * The function's runtime knobs, kept together so comparing Java 21 with Java 25, or another memory
 * size or JVM flags, is a one-line change here (or a different value passed to the stack).
 *
 * @param runtime a SnapStart-capable Java runtime ({@code JAVA_21} or {@code JAVA_25})
 * @param memoryMb memory in MB; Lambda scales CPU with it, so it also sets init and request speed
 * @param javaToolOptions extra JVM flags for {@code JAVA_TOOL_OPTIONS}, if any
 */
public record FunctionSettings(Runtime runtime, int memoryMb, Optional<String> javaToolOptions) {

  /** Java 21 and 512 MB, no extra JVM flags, until the runtime comparison says otherwise. */
  public static final FunctionSettings DEFAULT =
      new FunctionSettings(Runtime.JAVA_21, 512, Optional.empty());

  public FunctionSettings {
    if (memoryMb < 128 || memoryMb > 10_240) {
      throw new IllegalArgumentException("Lambda memory must be 128 to 10240 MB, not " + memoryMb);
    }
  }
}
