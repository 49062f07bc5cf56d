package dev.dyndns53.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.config.ChangePartition;
import dev.dyndns53.config.ChangePartitions;
import dev.dyndns53.records.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

/**
 * {@link ChangePartitions#NAME_LIST_CHARS}, which the function module fixes, against the statement
 * this module writes around those names.
 */
class PartitionStatementSizeTest {
  /** The parser accepts zone ids up to 32 characters. */
  static final String LONGEST_ZONE_ID = "Z".repeat(32);

  static Stack stack;

  @BeforeAll
  static void stack() {
    stack = new Stack(new App(), "Sizes");
  }

  /** Names of {@code length} characters whose costs add up to exactly {@code chars}. */
  static List<String> namesCosting(int chars) {
    List<String> names = new ArrayList<>();
    int left = chars;
    for (int i = 0; left > 0; i++) {
      // A name costs its length + 3 (two quotes, a comma); the last one takes what is left.
      int length = left - 3 >= 2 * 60 ? 60 : left - 3;
      String name = PermissionCapacity.syntheticName(i, length);
      if (ChangePartitions.nameCost(name) != length + 3) {
        throw new IllegalStateException(name);
      }
      names.add(name);
      left -= length + 3;
    }
    return names;
  }

  @Test
  void fullPartition_inTheWorstCase_fillsOneManagedPolicyWithoutSpillingOver() {
    List<String> names = namesCosting(ChangePartitions.NAME_LIST_CHARS);
    ChangePartition full =
        new ChangePartition(LONGEST_ZONE_ID, Set.of(RecordType.A, RecordType.AAAA), 999, names);

    int size = PolicyPacking.size(stack, PermissionStatements.changeRecords(stack, full));

    int room = PolicyPacking.statementBudget();
    assertTrue(size <= room, "a full partition takes " + size + " of " + room + " characters");
    // And the budget wastes little of the policy: no more than one short name's worth.
    assertTrue(room - size < 40, "a full partition leaves " + (room - size) + " characters unused");
  }

  @Test
  void sizes_countTheLongestPartitionAndRegionNames() {
    ChangePartition one =
        new ChangePartition("Z1", Set.of(RecordType.A), 1, List.of("a.example.com"));
    String statement = "{\"Action\":\"route53:ChangeResourceRecordSets\"";

    int size = PolicyPacking.size(stack, PermissionStatements.changeRecords(stack, one));

    // The zone ARN is arn:<partition>:route53:::hostedzone/Z1, counted with the worst partition.
    assertTrue(
        size
            > ("arn:" + PolicySize.WORST_PARTITION + ":route53:::hostedzone/Z1").length()
                + statement.length());
    int secrets =
        PolicyPacking.size(stack, PermissionStatements.readSecrets(stack, "dyndns53/Dyndns53/"));
    String arn =
        "arn:"
            + PolicySize.WORST_PARTITION
            + ":secretsmanager:"
            + PolicySize.WORST_REGION
            + ":"
            + PolicySize.WORST_ACCOUNT
            + ":secret:dyndns53/Dyndns53/*";
    assertEquals(
        ("{\"Action\":\"secretsmanager:GetSecretValue\",\"Effect\":\"Allow\",\"Resource\":\""
                + arn
                + "\",\"Sid\":\"ReadThisStacksUserSecrets\"}")
            .length(),
        secrets);
  }
}
