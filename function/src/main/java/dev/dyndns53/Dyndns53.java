package dev.dyndns53;

import dev.dyndns53.acme.AcmeService;
import dev.dyndns53.activity.ActivityClients;
import dev.dyndns53.aws.AwsCallBudget;
import dev.dyndns53.aws.AwsClients;
import dev.dyndns53.checkip.CheckIpService;
import dev.dyndns53.config.ConfigParser;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.credentials.Authenticator;
import dev.dyndns53.credentials.CachingCredentialStore;
import dev.dyndns53.credentials.CredentialStore;
import dev.dyndns53.credentials.SecretsManagerCredentialStore;
import dev.dyndns53.dyndns2.UpdateService;
import dev.dyndns53.envelope.Envelope;
import dev.dyndns53.envelope.Routes;
import dev.dyndns53.health.HealthCheck;
import dev.dyndns53.history.AskedTracker;
import dev.dyndns53.history.HistoryStore;
import dev.dyndns53.history.HostActivity;
import dev.dyndns53.metrics.EmbeddedMetrics;
import dev.dyndns53.metrics.RequestMetrics;
import dev.dyndns53.records.KnownRecords;
import dev.dyndns53.records.RecordStore;
import dev.dyndns53.records.Route53RecordStore;
import dev.dyndns53.records.TxtRecordStore;
import dev.dyndns53.status.StatusService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The composition root: one request envelope over every endpoint and the shared stores. Both entry
 * points (the Lambda handler and the local server) build exactly this, so they behave alike.
 */
public final class Dyndns53 {
  /**
   * Path of the configuration file; the stack ships it beside the jar in the deployment package.
   */
  public static final String CONFIG_VARIABLE = "DYNDNS53_CONFIG";

  /** Prefix of the users' secret names: the secret of user {@code u} is {@code PREFIX + u}. */
  public static final String SECRET_PREFIX_VARIABLE = "DYNDNS53_SECRET_PREFIX";

  /** The stack's default: {@code dyndns53/<stack name>/}. */
  public static final String DEFAULT_SECRET_PREFIX = "dyndns53/Dyndns53/";

  /**
   * The stack's name, set by the stack; the {@code Stack} dimension of every metric (default
   * {@value EmbeddedMetrics#DEFAULT_STACK_NAME}).
   */
  public static final String STACK_NAME_VARIABLE = "DYNDNS53_STACK_NAME";

  private final Dyndns53Config config;
  private final CachingCredentialStore credentials;
  private final KnownRecords knownRecords;
  private final HealthCheck healthCheck;
  private final StatusService status;
  private final Envelope envelope;

  Dyndns53(
      Dyndns53Config config,
      CredentialStore credentialStore,
      RecordStore recordStore,
      TxtRecordStore txtRecordStore,
      Clock clock,
      Consumer<String> log,
      String stackName,
      HostActivity activity,
      HistoryStore history) {
    this.config = config;
    this.credentials =
        new CachingCredentialStore(credentialStore, config.cache().passwordTtl(), clock);
    this.knownRecords = new KnownRecords(config.cache().recordStateTtl(), clock);
    Authenticator authenticator = new Authenticator(config.users().keySet(), credentials);
    // The stores themselves, not the caches: the check must see what AWS holds now.
    this.healthCheck =
        new HealthCheck(
            config, credentialStore, recordStore, stackName, clock, HealthCheck.SLEEP, log);
    if (activity instanceof HealthCheck.ExtraCheck extra) {
      healthCheck.alsoChecking(extra); // issue 17: history table, silent hosts
    }
    AcmeService acme = new AcmeService(config, activity);
    // Issue 17: the status page reads Route 53 through the store, not this environment's hints.
    this.status = new StatusService(config, history, clock);
    this.envelope =
        new Envelope(
            config,
            authenticator,
            recordStore,
            txtRecordStore,
            Map.of(
                Routes.UPDATE,
                new UpdateService(config, knownRecords, activity),
                Routes.ACME_PRESENT,
                acme.present(),
                Routes.ACME_CLEANUP,
                acme.cleanup(),
                Routes.CHECKIP,
                new CheckIpService(),
                Routes.STATUS,
                status),
            log,
            new RequestMetrics(stackName, clock));
  }

  /**
   * Assembles the service over the given stores; request log lines go to {@code log}, with metrics
   * for the stack name {@value EmbeddedMetrics#DEFAULT_STACK_NAME}.
   */
  public static <S extends RecordStore & TxtRecordStore> Dyndns53 of(
      Dyndns53Config config,
      CredentialStore credentialStore,
      S recordStore,
      Clock clock,
      Consumer<String> log) {
    return of(config, credentialStore, recordStore, clock, log, EmbeddedMetrics.DEFAULT_STACK_NAME);
  }

  /** As {@link #of(Dyndns53Config, CredentialStore, RecordStore, Clock, Consumer)}, for a stack. */
  public static <S extends RecordStore & TxtRecordStore> Dyndns53 of(
      Dyndns53Config config,
      CredentialStore credentialStore,
      S recordStore,
      Clock clock,
      Consumer<String> log,
      String stackName) {
    return of(
        config,
        credentialStore,
        recordStore,
        clock,
        log,
        stackName,
        HostActivity.NONE,
        HistoryStore.NONE);
  }

  /**
   * As {@link #of(Dyndns53Config, CredentialStore, RecordStore, Clock, Consumer, String)}, with
   * history and notifications (issue 17).
   */
  public static <S extends RecordStore & TxtRecordStore> Dyndns53 of(
      Dyndns53Config config,
      CredentialStore credentialStore,
      S recordStore,
      Clock clock,
      Consumer<String> log,
      String stackName,
      HostActivity activity,
      HistoryStore history) {
    return new Dyndns53(
        config,
        credentialStore,
        recordStore,
        recordStore,
        clock,
        log,
        stackName,
        activity,
        history);
  }

  /**
   * Assembles the service from the environment: the configuration file named by {@value
   * #CONFIG_VARIABLE} (default {@code $LAMBDA_TASK_ROOT/dyndns53.json}), Secrets Manager and Route
   * 53 through the standard AWS region, credential and endpoint settings, and stdout for the log.
   *
   * @throws dev.dyndns53.config.ConfigException when the configuration is unusable
   */
  public static Dyndns53 fromEnvironment(Map<String, String> env) {
    return fromEnvironment(env, configPath(env));
  }

  /** As {@link #fromEnvironment(Map)}, with the configuration file given explicitly. */
  public static Dyndns53 fromEnvironment(Map<String, String> env, Path configFile) {
    Dyndns53Config config = ConfigParser.load(configFile);
    String prefix = env.getOrDefault(SECRET_PREFIX_VARIABLE, DEFAULT_SECRET_PREFIX);
    AwsClients clients = AwsClients.create(env, AwsCallBudget.LAMBDA);
    Route53RecordStore records = new Route53RecordStore(clients.route53());
    // Issue 17: history and notifications, when the stack made a table or topic.
    ActivityClients activityClients = ActivityClients.create(env, config);
    HostActivity activity =
        activityClients.recorder(
            config, new AskedTracker(), Clock.systemUTC(), System.out::println, stackName(env));
    return new Dyndns53(
        config,
        new SecretsManagerCredentialStore(clients.secretsManager(), prefix),
        records,
        records,
        Clock.systemUTC(),
        System.out::println,
        stackName(env),
        activity,
        activityClients.history().orElse(HistoryStore.NONE));
  }

  /** The stack name the environment gives ({@value #STACK_NAME_VARIABLE}), else the default. */
  public static String stackName(Map<String, String> env) {
    String name = env.get(STACK_NAME_VARIABLE);
    return name == null || name.isBlank() ? EmbeddedMetrics.DEFAULT_STACK_NAME : name.strip();
  }

  /** The configuration file the environment names. */
  public static Path configPath(Map<String, String> env) {
    String configured = env.get(CONFIG_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(env.getOrDefault("LAMBDA_TASK_ROOT", "."), "dyndns53.json");
  }

  public Dyndns53Config config() {
    return config;
  }

  /** The health check over the same configuration and stores, logging to the same place. */
  public HealthCheck healthCheck() {
    return healthCheck;
  }

  /** The one way through for every request the entry points serve. */
  public Envelope envelope() {
    return envelope;
  }

  /**
   * Forgets everything read from AWS (passwords, record state). Called after a SnapStart restore: a
   * snapshot may be restored many times and long after it was taken.
   */
  public void forgetCachedState() {
    credentials.clear();
    knownRecords.clear();
    status.forgetCachedState();
  }
}
