package dev.dyndns53.release;

/**
 * Invokes the release under test (a published version of the update function, never the alias
 * routers use) with one event and returns what came back.
 */
public interface ReleaseProbe {

  /**
   * Invokes the release synchronously.
   *
   * @param eventJson the invocation's event
   * @throws RuntimeException when the invocation could not be made at all (denied, unreachable)
   */
  Invocation invoke(String eventJson);

  /**
   * What Lambda answered.
   *
   * @param functionError Lambda's {@code X-Amz-Function-Error} ({@code Unhandled} for a crash, a
   *     timeout or running out of memory), or null when the function returned normally
   * @param payload the function's answer (or Lambda's error object)
   */
  record Invocation(String functionError, String payload) {}
}
