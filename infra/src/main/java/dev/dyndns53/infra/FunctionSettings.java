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

  /**
   * What the cold-start benchmark (npm run bench; table in docs/performance.md) chose:
   *
   * <ul>
   *   <li>java25: SnapStart-capable, and its runtime ships an AOT cache for Lambda's own runtime
   *       client. A cache of our own cannot be shipped: it is tied to the exact JVM build, and AWS
   *       advises against it on managed runtimes.
   *   <li>C1 only ({@code -XX:TieredStopAtLevel=1}): on java25 with SnapStart Lambda keeps full
   *       tiered compilation, and code C2 compiled during priming deoptimised on the first real
   *       request (14-18 deoptimisations; primed request 3.5x warm p50 against 2.5x with C1 only;
   *       warm times equal).
   *   <li>1769 MB, one full vCPU: cold start, restore and TLS handshakes are single-threaded CPU
   *       work (about 1.4 s CPU for an on-demand cold start: ~4.8 s at 512 MB, ~1.4 s at 1769 MB),
   *       and at a household's ~90,000 requests a month even 1769 MB stays inside Lambda's free
   *       tier (about 15,000 GB-s of 400,000), so the faster answer costs nothing measurable.
   * </ul>
   */
  public static final FunctionSettings DEFAULT =
      new FunctionSettings(Runtime.JAVA_25, 1769, Optional.of("-XX:TieredStopAtLevel=1"));

  public FunctionSettings {
    if (memoryMb < 128 || memoryMb > 10_240) {
      throw new IllegalArgumentException("Lambda memory must be 128 to 10240 MB, not " + memoryMb);
    }
  }
}
