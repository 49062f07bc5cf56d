package dev.dyndns53.infra;

import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.notify.FilterPolicies;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Alias;
import software.amazon.awscdk.services.sns.SubscriptionFilter;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The notification topic (issue 17) and one email subscription per configured address, each with
 * the filter policy {@link FilterPolicies} computes, so each address hears only its hosts. A
 * configuration past SNS's quotas fails synth with a message naming the quota.
 */
final class Notifications extends Construct {
  private final Topic topic;

  Notifications(Construct scope, String id, String stackName, Dyndns53Config config) {
    super(scope, id);
    List<FilterPolicies.Subscription> subscriptions;
    try {
      subscriptions = FilterPolicies.of(config);
    } catch (FilterPolicies.QuotaException past) {
      throw new DeploymentLimitException(past.getMessage());
    }
    // Encrypted with the AWS-managed aws/sns key, which the function may use through SNS without a
    // key policy of its own (a customer-managed key would cost more than the service); email
    // delivery decrypts on SNS's side.
    topic =
        Topic.Builder.create(this, "Topic")
            .displayName("dyndns53 " + stackName)
            .enforceSsl(true)
            .masterKey(Alias.fromAliasName(this, "AwsSns", "alias/aws/sns"))
            .build();
    for (FilterPolicies.Subscription subscription : subscriptions) {
      topic.addSubscription(
          EmailSubscription.Builder.create(subscription.email())
              .filterPolicy(
                  Map.of(
                      FilterPolicies.HOST,
                      SubscriptionFilter.stringFilter(
                          software.amazon.awscdk.services.sns.StringConditions.builder()
                              .allowlist(subscription.hosts())
                              .build())))
              .build());
    }
  }

  /** The function's permission: publishing to this topic only. */
  PolicyStatement publishStatement() {
    return PolicyStatement.Builder.create()
        .sid("NotificationTopic")
        .actions(List.of("sns:Publish"))
        .resources(List.of(topic.getTopicArn()))
        .build();
  }

  Topic topic() {
    return topic;
  }
}
