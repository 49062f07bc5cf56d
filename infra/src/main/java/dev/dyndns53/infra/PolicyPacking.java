package dev.dyndns53.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * Packs IAM statements into customer-managed policies: each statement's worst-case size as IAM
 * counts it ({@link PolicySize}), and first-fit packing within a managed policy's limit.
 */
final class PolicyPacking {
  /** {@code {"Version":"2012-10-17","Statement":[]}}, the frame around the statements. */
  static final int DOCUMENT_FRAME_CHARS = 40;

  private PolicyPacking() {}

  /** The size of a statement as IAM will count it after deployment, in the worst case. */
  static int size(Stack stack, PolicyStatement statement) {
    return PolicySize.worstCaseLength(stack.resolve(statement.toStatementJson()), Map.of());
  }

  static int statementBudget() {
    return PolicySize.MANAGED_POLICY_MAX_CHARS - DOCUMENT_FRAME_CHARS;
  }

  /**
   * First fit, in statement order: each statement goes into the first policy with room for it.
   * Deterministic, so the same configuration always packs the same way.
   *
   * @return for each policy, the indexes of its statements
   */
  static List<List<Integer>> pack(List<Integer> sizes) {
    List<List<Integer>> policies = new ArrayList<>();
    List<Integer> used = new ArrayList<>();
    for (int i = 0; i < sizes.size(); i++) {
      int size = sizes.get(i);
      int target = -1;
      for (int p = 0; p < policies.size() && target < 0; p++) {
        // One comma between statements.
        if (used.get(p) + 1 + size <= PolicySize.MANAGED_POLICY_MAX_CHARS) {
          target = p;
        }
      }
      if (target < 0) {
        policies.add(new ArrayList<>());
        used.add(DOCUMENT_FRAME_CHARS - 1);
        target = policies.size() - 1;
      }
      policies.get(target).add(i);
      used.set(target, used.get(target) + 1 + size);
    }
    return policies;
  }
}
