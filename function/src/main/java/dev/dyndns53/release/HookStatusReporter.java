package dev.dyndns53.release;

/** Tells CodeDeploy how a lifecycle hook ended, which lets the deployment go on or fails it. */
public interface HookStatusReporter {

  /**
   * Reports the hook's outcome.
   *
   * @throws RuntimeException when CodeDeploy could not be told (it then fails the hook when the
   *     hook's hour runs out)
   */
  void report(HookExecution execution, boolean succeeded);

  /** The two ids of CodeDeploy's hook event, which name this run of the hook. */
  record HookExecution(String deploymentId, String lifecycleEventHookExecutionId) {}
}
