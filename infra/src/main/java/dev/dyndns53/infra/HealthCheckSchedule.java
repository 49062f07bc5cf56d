package dev.dyndns53.infra;

import dev.dyndns53.health.HealthCheck;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.constructs.Construct;

/**
 * Runs the function's health check every four hours: EventBridge Scheduler invokes the alias
 * {@value UpdateFunction#ALIAS} with {@link #EVENT}, through a role that may invoke that alias and
 * nothing else. Running often, it also keeps the SnapStart version from going inactive (Lambda
 * deactivates a SnapStart version not invoked for 14 days, and the next invoke then fails), which a
 * router that updates only on change could otherwise hit.
 */
final class HealthCheckSchedule extends Construct {
  /**
   * The {@code resource} the function recognises as a health check. API Gateway always sets {@code
   * resource} to a path starting with {@code /}, so no HTTP request can look like this. It is the
   * function's own constant, so the two cannot drift apart.
   */
  static final String EVENT_RESOURCE = HealthCheck.EVENT_RESOURCE;

  static final String EVENT = "{\"resource\":\"" + EVENT_RESOURCE + "\"}";

  /**
   * Every {@link HealthCheck#RUN_INTERVAL} on the hour, UTC. At fixed times and with no flexible
   * window, so consecutive runs fall in consecutive time slots and the function's zone rotation
   * gives each the next share of the zones (a rate schedule starts at creation time, within its
   * flexible window, and drifts across slots).
   */
  static final String SCHEDULE = "cron(0 0/" + HealthCheck.RUN_INTERVAL.toHours() + " * * ? *)";

  private final CfnSchedule schedule;
  private final Role role;

  HealthCheckSchedule(Construct scope, String id, Alias target) {
    super(scope, id);
    // aws:SourceAccount keeps another account's schedule from using this role (confused deputy).
    role =
        Role.Builder.create(this, "Role")
            .assumedBy(
                new ServicePrincipal("scheduler.amazonaws.com")
                    .withConditions(
                        Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID))))
            .description(
                "dyndns53 daily health check: invoke the update function's alias "
                    + UpdateFunction.ALIAS)
            .inlinePolicies(
                Map.of(
                    "InvokeLiveAlias",
                    PolicyDocument.Builder.create()
                        .statements(
                            List.of(
                                PolicyStatement.Builder.create()
                                    .sid("InvokeLiveAlias")
                                    .actions(List.of("lambda:InvokeFunction"))
                                    .resources(List.of(target.getFunctionArn()))
                                    .build()))
                        .build()))
            .build();
    schedule =
        CfnSchedule.Builder.create(this, "Schedule")
            .description(
                "dyndns53: health check of the update function every "
                    + HealthCheck.RUN_INTERVAL.toHours()
                    + " hours (alias "
                    + UpdateFunction.ALIAS
                    + ")")
            .scheduleExpression(SCHEDULE)
            .scheduleExpressionTimezone("UTC")
            .flexibleTimeWindow(
                CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
            .state("ENABLED")
            .target(
                CfnSchedule.TargetProperty.builder()
                    .arn(target.getFunctionArn())
                    .roleArn(role.getRoleArn())
                    .input(EVENT)
                    // A failed invoke (a SnapStart version being re-initialised, a throttle) is
                    // retried
                    // within the hour; a check that still fails shows as HealthCheckNotRunning.
                    // Retries of a run belong to its slot: the rotation gives them its share.
                    .retryPolicy(
                        CfnSchedule.RetryPolicyProperty.builder()
                            .maximumRetryAttempts(3)
                            .maximumEventAgeInSeconds(3600)
                            .build())
                    .build())
            .build();
  }

  CfnSchedule schedule() {
    return schedule;
  }

  Role role() {
    return role;
  }
}
