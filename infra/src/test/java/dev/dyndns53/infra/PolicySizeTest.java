package dev.dyndns53.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicySizeTest {
  @Test
  void references_countAsTheLongestValueTheyCanTake() {
    Object arn =
        Map.of(
            "Fn::Join",
            List.of(
                "",
                List.of(
                    "arn:",
                    Map.of("Ref", "AWS::Partition"),
                    ":x:",
                    Map.of("Ref", "AWS::Region"),
                    ":",
                    Map.of("Ref", "AWS::AccountId"),
                    ":y")));
    String expected =
        "\"arn:"
            + PolicySize.WORST_PARTITION
            + ":x:"
            + PolicySize.WORST_REGION
            + ":"
            + PolicySize.WORST_ACCOUNT
            + ":y\"";

    assertEquals(expected.length(), PolicySize.worstCaseLength(arn, Map.of()));
  }

  @Test
  void documents_countWithoutWhitespaceAndWithEscapes() {
    Object document =
        Map.of("Statement", List.of(Map.of("Resource", List.of("a\\b", Map.of("Ref", "Secret1")))));

    assertEquals(
        "{\"Statement\":[{\"Resource\":[\"a\\\\b\",\"long-arn\"]}]}".length(),
        PolicySize.worstCaseLength(document, Map.of("Secret1", "long-arn")));
  }

  @Test
  void unknownReferences_areRefusedRatherThanGuessed() {
    assertThrows(
        IllegalArgumentException.class,
        () -> PolicySize.worstCaseLength(Map.of("Ref", "SomethingElse"), Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> PolicySize.worstCaseLength(Map.of("Fn::Select", List.of(0, List.of("a"))), Map.of()));
  }

  @Test
  void worstCaseValues_exceedEveryRealOne() {
    for (String partition :
        List.of(
            "aws",
            "aws-cn",
            "aws-us-gov",
            "aws-iso",
            "aws-iso-b",
            "aws-iso-e",
            "aws-iso-f",
            "aws-eusc")) {
      assertEquals(true, partition.length() < PolicySize.WORST_PARTITION.length(), partition);
    }
    for (String region :
        List.of(
            "ap-southeast-5",
            "ap-southeast-6",
            "ap-southeast-7",
            "ap-northeast-3",
            "mx-central-1",
            "us-gov-west-1",
            "us-isob-east-1",
            "us-isof-south-1",
            "eu-isoe-west-1",
            "eusc-de-east-1",
            "cn-northwest-1")) {
      assertEquals(true, region.length() < PolicySize.WORST_REGION.length(), region);
    }
  }
}
