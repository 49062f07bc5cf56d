package dev.dyndns53.activity;

import dev.dyndns53.aws.AwsCallBudget;
import dev.dyndns53.aws.AwsClients;
import dev.dyndns53.config.ActivityConfig;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.history.AskedTracker;
import dev.dyndns53.history.DynamoDbHistoryStore;
import dev.dyndns53.history.HistoryStore;
import dev.dyndns53.history.HostActivity;
import dev.dyndns53.notify.Notifier;
import dev.dyndns53.notify.SnsNotifier;
import dev.dyndns53.notify.WebhookNotifier;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Builds the history store and notifiers of one execution environment from the variables the stack
 * sets, once, like {@link AwsClients}: without {@value #HISTORY_TABLE_VARIABLE} there is no
 * history, without {@value #TOPIC_VARIABLE} no SNS notification.
 */
public final class ActivityClients {
  /** The history table's generated name. */
  public static final String HISTORY_TABLE_VARIABLE = "DYNDNS53_HISTORY_TABLE";

  /** The notification topic's ARN. */
  public static final String TOPIC_VARIABLE = "DYNDNS53_NOTIFY_TOPIC";

  /**
   * Every history and notification call's client budget: one attempt, and a call timeout equal to
   * the whole {@link SideCallBudget#LAMBDA} share (each call is given less, per request, as the
   * share runs out).
   */
  static final AwsCallBudget SIDE_CALLS =
      AwsCallBudget.builder()
          .connectTimeout(Duration.ofMillis(500))
          .socketTimeout(Duration.ofSeconds(1))
          .attemptTimeout(Duration.ofSeconds(1))
          .callTimeout(Duration.ofSeconds(1))
          .maxAttempts(1)
          .backoff(Duration.ofMillis(100), Duration.ofMillis(100))
          .throttlingBackoff(Duration.ofMillis(100), Duration.ofMillis(100))
          .build();

  private final Optional<HistoryStore> history;
  private final List<Notifier> notifiers;

  private ActivityClients(Optional<HistoryStore> history, List<Notifier> notifiers) {
    this.history = history;
    this.notifiers = notifiers;
  }

  /** Builds the clients the environment asks for; makes no network call. */
  public static ActivityClients create(Map<String, String> env, Dyndns53Config config) {
    ActivityConfig activity = config.activity();
    Optional<String> table = value(env, HISTORY_TABLE_VARIABLE);
    Optional<String> topic = value(env, TOPIC_VARIABLE);
    boolean webhooks = activity.users().values().stream().anyMatch(u -> u.webhook().isPresent());
    if (table.isEmpty() && topic.isEmpty() && !webhooks) {
      return new ActivityClients(Optional.empty(), List.of());
    }
    Region region = AwsClients.secretsManagerRegion(env);
    AwsCredentialsProvider credentials = AwsClients.credentialsProvider(env);
    Optional<HistoryStore> history =
        table.map(
            name ->
                new DynamoDbHistoryStore(
                    AwsClients.configure(DynamoDbClient.builder(), SIDE_CALLS)
                        .region(region)
                        .credentialsProvider(credentials)
                        .build(),
                    name,
                    Duration.ofDays(activity.historyDays())));
    List<Notifier> notifiers = new ArrayList<>();
    topic.ifPresent(
        arn ->
            notifiers.add(
                new SnsNotifier(
                    AwsClients.configure(SnsClient.builder(), SIDE_CALLS)
                        .region(region)
                        .credentialsProvider(credentials)
                        .build(),
                    arn)));
    WebhookNotifier webhooksNotifier = WebhookNotifier.of(config);
    if (!webhooksNotifier.isEmpty()) {
      notifiers.add(webhooksNotifier);
    }
    return new ActivityClients(history, notifiers);
  }

  /** The notifiers: SNS when the stack made a topic, then the users' webhooks. */
  public List<Notifier> notifiers() {
    return notifiers;
  }

  /** The history store, when the stack made a table. */
  public Optional<HistoryStore> history() {
    return history;
  }

  /** The recorder over these clients, or {@link HostActivity#NONE} when there is nothing to do. */
  public HostActivity recorder(
      Dyndns53Config config, AskedTracker asked, Clock clock, Consumer<String> log, String stack) {
    if (history.isEmpty() && notifiers.isEmpty()) {
      return HostActivity.NONE;
    }
    return new ActivityRecorder(
            config.activity(),
            history.orElse(HistoryStore.NONE),
            notifiers,
            asked,
            SideCallBudget.LAMBDA,
            clock,
            System::nanoTime,
            log,
            stack)
        .withHosts(config);
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }
}
