package dev.dyndns53.infra;

import dev.dyndns53.config.UserConfig;
import dev.dyndns53.provisioning.UserSecretProvisioner;
import dev.dyndns53.provisioning.UserSecretResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.RemovalPolicy;
import software.constructs.Construct;

/**
 * One Secrets Manager secret per user, named {@code <prefix><user>} and holding {@code {"username":
 * ..., "password": ...}}, each made sure of by a {@value #RESOURCE_TYPE} custom resource ({@link
 * SecretProvisioner}): it creates the secret with a password Secrets Manager generates, or adopts
 * the secret of that name that is already there (restoring it if it is scheduled for deletion), and
 * never deletes one. So a failed first deployment, a destroyed and redeployed stack, a stack
 * upgraded from plain {@code AWS::SecretsManager::Secret} resources, a re-added user and a renamed
 * stack that keeps its namespace all end with the passwords the routers hold (docs/lifecycle.md).
 * The password never passes through the template, CloudFormation's events or a log. Nothing refers
 * to a secret by its ARN: the function reads it by name, and its role may read the prefix.
 *
 * <p>CloudFormation declares at most 500 resources per template, and the rest of the stack needs
 * some. So the first {@value #SECRETS_PER_TEMPLATE} users (in configuration order) have their
 * secrets in this stack, and each further {@value #SECRETS_PER_TEMPLATE} in a nested stack of their
 * own ({@code UserSecrets/Part2}, {@code UserSecrets/Part3}, ...).
 */
final class UserSecrets extends Construct {
  /** The custom resource type of one user's secret. */
  static final String RESOURCE_TYPE = "Custom::Dyndns53UserSecret";

  /** 40 letters and digits: about 238 bits, typeable on a router's web form, no quoting trouble. */
  static final int PASSWORD_LENGTH = UserSecretProvisioner.PASSWORD_LENGTH;

  /** Leaves 100 of a template's 500 resources for the rest of the stack (it has about 35 today). */
  static final int SECRETS_PER_TEMPLATE = 400;

  private final List<NestedStack> nestedStacks = new ArrayList<>();

  UserSecrets(
      Construct scope, String id, String serviceToken, String namePrefix, List<UserConfig> users) {
    super(scope, id);
    for (int first = 0; first < users.size(); first += SECRETS_PER_TEMPLATE) {
      List<UserConfig> group =
          users.subList(first, Math.min(users.size(), first + SECRETS_PER_TEMPLATE));
      Construct parent = this;
      if (first > 0) {
        NestedStack nested =
            NestedStack.Builder.create(this, "Part" + (first / SECRETS_PER_TEMPLATE + 1))
                .description(
                    "dyndns53 user secrets " + (first + 1) + " to " + (first + group.size()))
                .build();
        nestedStacks.add(nested);
        parent = nested;
      }
      for (UserConfig user : group) {
        secret(parent, serviceToken, namePrefix, user);
      }
    }
  }

  private static void secret(
      Construct parent, String serviceToken, String namePrefix, UserConfig user) {
    CustomResource.Builder.create(parent, user.name())
        .resourceType(RESOURCE_TYPE)
        .serviceToken(serviceToken)
        .properties(
            Map.of(
                UserSecretResource.SECRET_NAME,
                namePrefix + user.name(),
                UserSecretResource.USER_NAME,
                user.name()))
        // Retain: CloudFormation never asks the handler to delete (and the handler would not);
        // both also for the old name when a new namespace replaces the resource.
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
  }

  /**
   * The nested stacks holding the secrets of users past the first {@value #SECRETS_PER_TEMPLATE}.
   */
  List<NestedStack> nestedStacks() {
    return List.copyOf(nestedStacks);
  }
}
