package dev.dyndns53.infra;

import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;

/**
 * Records, on the construct itself, that a static-analysis finding (cdk-nag's AwsSolutions rules,
 * run by the infra tests) is accepted, and why. CDK's own acknowledgment metadata, so the main code
 * needs no cdk-nag dependency and the reason sits beside the resource it is about.
 */
final class AcceptedFindings {
  private AcceptedFindings() {}

  static void accept(IConstruct construct, String ruleId, String reason) {
    Validations.of(construct).acknowledge(Acknowledgment.builder().id(ruleId).reason(reason).build());
  }
}
