package dev.dyndns53.aws;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The Route 53 and Secrets Manager clients of one execution environment.
 *
 * <p>Create one instance per execution environment, from the handler's static initialiser, so that
 * with SnapStart the built clients are part of the snapshot. Building makes no network call and
 * resolves no credentials; the first API call does both, after restore.
 *
 * <p>Every client gets an explicit region, credentials provider, HTTP client, timeouts and retry
 * strategy (see {@link AwsCallBudget}), so nothing is discovered by probing at cold start. The
 * endpoint is deliberately left to the SDK: the standard {@code AWS_ENDPOINT_URL}, {@code
 * AWS_ENDPOINT_URL_ROUTE_53} and {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} variables (and their
 * {@code aws.endpointUrl*} system properties) keep working, so the local runner can point the same
 * code at an emulator.
 */
public final class AwsClients implements SdkAutoCloseable {

  private static final SecureRandom JITTER = new SecureRandom();

  private final AwsCredentialsProvider credentials;
  private final Route53Client route53;
  private final SecretsManagerClient secretsManager;

  private AwsClients(
      AwsCredentialsProvider credentials,
      Route53Client route53,
      SecretsManagerClient secretsManager) {
    this.credentials = credentials;
    this.route53 = route53;
    this.secretsManager = secretsManager;
  }

  /**
   * Builds the clients from the process environment with the {@link AwsCallBudget#LAMBDA} budget.
   */
  public static AwsClients fromEnvironment() {
    return create(System.getenv(), AwsCallBudget.LAMBDA);
  }

  /**
   * Builds the clients.
   *
   * @param environment the process environment (normally {@link System#getenv()}); decides the
   *     Secrets Manager region, Route 53's partition and which credentials provider is used
   * @param budget timeouts and retries of every call
   * @throws IllegalStateException when the environment names no region
   */
  public static AwsClients create(Map<String, String> environment, AwsCallBudget budget) {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(budget, "budget");
    Region secretsRegion = secretsManagerRegion(environment);
    Region route53Region = route53Region(secretsRegion);
    AwsCredentialsProvider credentials = credentialsProvider(environment);
    Route53Client route53 =
        configure(Route53Client.builder(), budget)
            .region(route53Region)
            .credentialsProvider(credentials)
            .build();
    SecretsManagerClient secretsManager =
        configure(SecretsManagerClient.builder(), budget)
            .region(secretsRegion)
            .credentialsProvider(credentials)
            .build();
    return new AwsClients(credentials, route53, secretsManager);
  }

  public Route53Client route53() {
    return route53;
  }

  public SecretsManagerClient secretsManager() {
    return secretsManager;
  }

  /**
   * Applies what every dyndns53 client shares: the URL-connection HTTP client with the budget's
   * connect and socket timeouts, the attempt and call timeouts, and the retry strategy. Region,
   * credentials and (in tests only) an endpoint override are left to the caller.
   */
  public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> B configure(
      B builder, AwsCallBudget budget) {
    // The JDK's HttpURLConnection: no connection-pool threads and the fewest classes to load of
    // the SDK's HTTP clients (the pom excludes the Apache and Netty ones). A Lambda environment
    // serves one request at a time, so pooling would buy nothing.
    builder.httpClientBuilder(
        UrlConnectionHttpClient.builder()
            .connectionTimeout(budget.connectTimeout())
            .socketTimeout(budget.socketTimeout()));
    builder.overrideConfiguration(
        ClientOverrideConfiguration.builder()
            .apiCallAttemptTimeout(budget.attemptTimeout())
            .apiCallTimeout(budget.callTimeout())
            .retryStrategy(retryStrategy(budget))
            .build());
    return builder;
  }

  /**
   * The SDK's standard AWS retry strategy, which retries exactly what is worth retrying (5xx, I/O
   * errors, attempt timeouts, and the throttling codes, among them Route 53's {@code Throttling}
   * and {@code PriorRequestNotComplete} and Secrets Manager's {@code ThrottlingException}), with
   * this budget's attempts and back-off. Its circuit breaker stays on: once many retries in a row
   * have failed, further calls fail on their first error instead of adding load to a service in
   * trouble, and successes re-open it.
   */
  static RetryStrategy retryStrategy(AwsCallBudget budget) {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(budget.maxAttempts())
        .backoffStrategy(exponentialFullJitter(budget.backoffBase(), budget.backoffMax()))
        .throttlingBackoffStrategy(
            exponentialFullJitter(budget.throttlingBackoffBase(), budget.throttlingBackoffMax()))
        .build();
  }

  /**
   * Exponential back-off with full jitter: after the n-th failed attempt, a delay drawn uniformly
   * from zero to {@code min(cap, base × 2^(n-1))}, as the SDK's {@code
   * BackoffStrategy.exponentialDelay} computes it, but drawn from {@link SecureRandom} instead of
   * {@code ThreadLocalRandom}. With SnapStart every execution environment restored from one
   * snapshot would inherit the same {@code ThreadLocalRandom} seed and so the same "random" delays,
   * retrying in lockstep against Route 53's per-account quota; the JDK's default SecureRandom on
   * Linux mixes fresh bytes from the kernel into every draw, so it stays unpredictable after a
   * restore (Lambda Developer Guide, "Handling uniqueness with Lambda SnapStart").
   */
  static BackoffStrategy exponentialFullJitter(Duration base, Duration cap) {
    long baseMillis = Math.max(1, base.toMillis());
    long capMillis = Math.max(baseMillis, cap.toMillis());
    return attempt -> {
      int doublings = Math.min(Math.max(attempt, 1) - 1, 30);
      long ceiling = Math.min(capMillis, baseMillis << doublings);
      return Duration.ofMillis(JITTER.nextLong(ceiling + 1));
    };
  }

  /**
   * The region of the Secrets Manager client: {@code AWS_REGION} (which Lambda sets), else {@code
   * AWS_DEFAULT_REGION} (which many local set-ups use).
   *
   * @throws IllegalStateException when neither is set
   */
  public static Region secretsManagerRegion(Map<String, String> environment) {
    for (String variable : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        return Region.of(value.strip());
      }
    }
    throw new IllegalStateException(
        "No AWS region is set, so the Secrets Manager client cannot be built. Lambda sets"
            + " AWS_REGION itself; when running elsewhere, set AWS_REGION (or AWS_DEFAULT_REGION)"
            + " to the region that holds the dyndns53 secrets, for example AWS_REGION=eu-west-1.");
  }

  /**
   * The region of the Route 53 client: the global pseudo-region of the function's partition. Route
   * 53 is one global service per partition, and the SDK picks its endpoint and signing region
   * (route53.amazonaws.com and us-east-1 for {@code aws-global}; route53.amazonaws.com.cn and
   * cn-northwest-1 for {@code aws-cn-global}; us-gov-west-1 for {@code aws-us-gov-global}) only
   * from these pseudo-regions. A client in the wrong partition signs with credentials its endpoint
   * does not know and every call fails. The partitions are recognised by their region name
   * prefixes, as the SDK's partition table does; anything else is the commercial partition.
   */
  public static Region route53Region(Region functionRegion) {
    String id = functionRegion.id();
    if (id.startsWith("cn-")) {
      return Region.AWS_CN_GLOBAL;
    }
    if (id.startsWith("us-gov-")) {
      return Region.AWS_US_GOV_GLOBAL;
    }
    // Longest prefix first: us-isob- and us-isof- also start with us-iso.
    if (id.startsWith("us-isob-")) {
      return Region.AWS_ISO_B_GLOBAL;
    }
    if (id.startsWith("us-isof-")) {
      return Region.AWS_ISO_F_GLOBAL;
    }
    if (id.startsWith("us-iso-")) {
      return Region.AWS_ISO_GLOBAL;
    }
    if (id.startsWith("eu-isoe-")) {
      return Region.AWS_ISO_E_GLOBAL;
    }
    return Region.AWS_GLOBAL;
  }

  /**
   * Chooses the credentials provider from what the environment offers, in the standard chain's
   * order but without probing the sources that cannot apply:
   *
   * <ol>
   *   <li>{@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} set: the environment
   *       variables. Lambda without SnapStart puts the execution role's credentials there, and they
   *       stay valid for the life of the execution environment.
   *   <li>{@code AWS_CONTAINER_CREDENTIALS_FULL_URI} (or {@code _RELATIVE_URI}) set: the container
   *       credentials endpoint. With SnapStart, Lambda does not set the key variables (a snapshot
   *       must not carry credentials); the runtime serves the role's credentials from this endpoint
   *       instead (Lambda Developer Guide, "Activating and managing Lambda SnapStart", section on
   *       the AWS SDKs). The provider fetches them on first use, after restore, and refreshes them
   *       before they expire. A provider that only reads the key variables fails there with "Unable
   *       to load credentials from system settings".
   *   <li>otherwise: the SDK's default chain (system properties, profiles, SSO, web identity,
   *       instance metadata), for the local runner and developers' machines.
   * </ol>
   */
  public static AwsCredentialsProvider credentialsProvider(Map<String, String> environment) {
    if (isSet(environment, "AWS_ACCESS_KEY_ID") && isSet(environment, "AWS_SECRET_ACCESS_KEY")) {
      return EnvironmentVariableCredentialsProvider.create();
    }
    if (isSet(environment, "AWS_CONTAINER_CREDENTIALS_FULL_URI")
        || isSet(environment, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
      return ContainerCredentialsProvider.builder().build();
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private static boolean isSet(Map<String, String> environment, String variable) {
    String value = environment.get(variable);
    return value != null && !value.isBlank();
  }

  /** Closes both clients and the credentials provider. */
  @Override
  public void close() {
    route53.close();
    secretsManager.close();
    if (credentials instanceof SdkAutoCloseable closeable) {
      closeable.close();
    }
  }
}
