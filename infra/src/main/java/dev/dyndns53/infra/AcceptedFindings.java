package dev.dyndns53.infra;

import java.util.Map;
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

  /**
   * Accepts {@code ruleId} (such as {@code AwsSolutions-SMG4}, or a granular {@code
   * AwsSolutions-IAM5[Resource::arn:...]}) on {@code construct} and everything below it.
   */
  static void accept(IConstruct construct, String ruleId, String reason) {
    if (ruleId.contains("::")) {
      // Validations.acknowledge refuses ids with more than one "::" (it reads "prefix::Rule"), yet
      // cdk-nag names granular IAM findings by their ARN,
      // "AwsSolutions-IAM5[Resource::arn:<AWS::...",
      // and matches them only exactly. So write the metadata entry acknowledge would have written
      // (key Validations.ACKNOWLEDGED_RULES_METADATA_KEY, "Annotation::<id>" to the reason).
      construct
          .getNode()
          .addMetadata(
              Validations.ACKNOWLEDGED_RULES_METADATA_KEY, Map.of("Annotation::" + ruleId, reason));
    } else {
      Validations.of(construct)
          .acknowledge(Acknowledgment.builder().id(ruleId).reason(reason).build());
    }
  }
}
