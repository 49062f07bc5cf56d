package dev.dyndns53.infra;

import dev.dyndns53.json.Json;
import java.util.List;
import java.util.Map;

/**
 * Sizes IAM policy documents the way IAM limits them: characters of the JSON, whitespace not
 * counted, with every CloudFormation reference replaced by the longest value it can take at deploy
 * time. A template cannot be measured as written, because {@code {"Ref": "AWS::Region"}} is shorter
 * or longer than the region it becomes.
 *
 * <p>Limits from "IAM and AWS STS quotas" (IAM User Guide): a managed policy holds at most 6,144
 * characters; all inline policies of a role together at most 10,240, so splitting inline policies
 * gains nothing; a role takes 10 managed policies by default (20 after a quota increase).
 */
final class PolicySize {
  static final int MANAGED_POLICY_MAX_CHARS = 6_144;
  static final int ROLE_INLINE_MAX_CHARS = 10_240;
  static final int MANAGED_POLICIES_PER_ROLE = 10;

  /** Longer than any partition in use ({@code aws-us-gov} is the longest, with 10). */
  static final String WORST_PARTITION = "aws-xxxxxxxx";

  /** Longer than any region in use (the longest, such as {@code ap-southeast-5}, have 14). */
  static final String WORST_REGION = "xx-xxxxxxxxxxxxx-9";

  static final String WORST_ACCOUNT = "123456789012";
  static final String WORST_URL_SUFFIX = "amazonaws.com.xx";

  private PolicySize() {}

  /** The worst-case ARN of a secret: Secrets Manager appends '-' and six random characters. */
  static String worstSecretArn(String secretName) {
    return "arn:"
        + WORST_PARTITION
        + ":secretsmanager:"
        + WORST_REGION
        + ":"
        + WORST_ACCOUNT
        + ":secret:"
        + secretName
        + "-XXXXXX";
  }

  /**
   * The worst-case size of a resolved (CloudFormation) JSON value.
   *
   * @param references the longest value of each {@code Ref} to a resource, by logical id, and of
   *     each {@code Fn::GetAtt}, by {@code logicalId.attribute}
   * @throws IllegalArgumentException for a reference or function it cannot bound
   */
  static int worstCaseLength(Object cfnJson, Map<String, String> references) {
    StringBuilder out = new StringBuilder();
    render(cfnJson, references, out);
    return out.length();
  }

  private static void render(Object value, Map<String, String> references, StringBuilder out) {
    if (value instanceof Map<?, ?> map && isIntrinsic(map)) {
      Json.quote(out, scalar(value, references));
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        Json.quote(out, String.valueOf(entry.getKey())).append(':');
        render(entry.getValue(), references, out);
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        render(list.get(i), references, out);
      }
      out.append(']');
    } else if (value instanceof String s) {
      Json.quote(out, s);
    } else {
      out.append(value);
    }
  }

  private static boolean isIntrinsic(Map<?, ?> map) {
    if (map.size() != 1) {
      return false;
    }
    String key = String.valueOf(map.keySet().iterator().next());
    return key.equals("Ref") || key.startsWith("Fn::");
  }

  private static String scalar(Object value, Map<String, String> references) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Map<?, ?> map && isIntrinsic(map)) {
      Map.Entry<?, ?> fn = map.entrySet().iterator().next();
      String name = String.valueOf(fn.getKey());
      Object args = fn.getValue();
      switch (name) {
        case "Ref" -> {
          return reference(String.valueOf(args), references);
        }
        case "Fn::Join" -> {
          List<?> join = (List<?>) args;
          String separator = String.valueOf(join.get(0));
          StringBuilder joined = new StringBuilder();
          List<?> parts = (List<?>) join.get(1);
          for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
              joined.append(separator);
            }
            joined.append(scalar(parts.get(i), references));
          }
          return joined.toString();
        }
        case "Fn::GetAtt" -> {
          List<?> getAtt = (List<?>) args;
          return reference(getAtt.get(0) + "." + getAtt.get(1), references);
        }
        default -> throw new IllegalArgumentException("cannot bound the size of " + value);
      }
    }
    throw new IllegalArgumentException("cannot bound the size of " + value);
  }

  private static String reference(String name, Map<String, String> references) {
    return switch (name) {
      case "AWS::Partition" -> WORST_PARTITION;
      case "AWS::Region" -> WORST_REGION;
      case "AWS::AccountId" -> WORST_ACCOUNT;
      case "AWS::URLSuffix" -> WORST_URL_SUFFIX;
      default -> {
        String bound = references.get(name);
        if (bound == null) {
          throw new IllegalArgumentException("cannot bound the size of a reference to " + name);
        }
        yield bound;
      }
    };
  }
}
