package dev.dyndns53.testing;

import dev.dyndns53.aws.AwsClients;
import dev.dyndns53.json.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A moto server (the AWS emulator) in a child process, for integration tests against real SDK
 * clients.
 *
 * <pre>{@code
 * @RegisterExtension static final MotoServer moto = new MotoServer();
 *
 * @Test
 * void readsWhatWasWritten() {
 *   String zoneId = moto.createHostedZone("example.com");
 *   var store = new Route53RecordStore(moto.route53());
 *   ...
 * }
 * }</pre>
 *
 * <p>Registered as a static {@code @RegisterExtension} field it starts once per test class (about
 * 1.5 s) and is reset ({@code POST /moto-api/reset}) before each test; as an instance field it
 * starts and stops around each test; outside JUnit, {@link #start()} and {@link #close()} it. It
 * runs {@code moto_server} from {@code PATH}, else {@code python3 -m moto.server}, and fails fast
 * with install instructions when neither is there. Its output goes to a file under {@code
 * target/moto/} ({@link #logFile()}), which a failing test can point to.
 *
 * <p>Where moto 5.2.1 differs from AWS, which tests must not rely on:
 *
 * <ul>
 *   <li>Secrets Manager answers {@code ResourceNotFoundException} with HTTP 404 (AWS: 400).
 *   <li>Route 53: DELETE of a missing or mismatched record set answers {@code InvalidInput} (AWS:
 *       {@code InvalidChangeBatch}); batches are not atomic; CREATE over an UPSERTed record set is
 *       accepted and lists it twice; ChangeInfo is always {@code INSYNC}; {@code
 *       StartRecordIdentifier} is ignored and {@code NextRecordIdentifier} never sent; DELETE
 *       removes every set of that name and type, whatever its set identifier.
 *   <li>No throttling and no 5xx: use {@link AwsWireStandIn} for retries and error bodies.
 * </ul>
 */
public final class MotoServer
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        AutoCloseable {

  /** The region of the clients; moto keeps Secrets Manager state per region. */
  public static final Region REGION = Region.US_EAST_1;

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final int START_ATTEMPTS = 3;

  private Process process;
  private int port;
  private Path logFile;
  private Route53Client route53;
  private SecretsManagerClient secretsManager;
  private Thread shutdownHook;
  private boolean startedPerTest;

  /** A server not started yet; JUnit starts it when it is registered as an extension. */
  public MotoServer() {}

  /** Starts a server outside JUnit's lifecycle; close it when done. */
  public static MotoServer start() {
    MotoServer moto = new MotoServer();
    moto.startProcess();
    return moto;
  }

  private synchronized void startProcess() {
    if (process != null) {
      return;
    }
    List<String> command = motoCommand();
    IllegalStateException lastFailure = null;
    // A free port can be taken between probing and moto binding it; try another then.
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        launch(command, freePort());
        return;
      } catch (IllegalStateException failure) {
        lastFailure = failure;
      }
    }
    throw lastFailure;
  }

  private void launch(List<String> baseCommand, int candidatePort) {
    List<String> command = new ArrayList<>(baseCommand);
    command.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(candidatePort)));
    Path log = logDirectory().resolve("moto-" + candidatePort + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // moto reads these for its default account and region; keep the developer's own AWS
    // settings out of the emulator.
    Map<String, String> environment = builder.environment();
    environment.put("AWS_ACCESS_KEY_ID", TestCredentials.ACCESS_KEY_ID);
    environment.put("AWS_SECRET_ACCESS_KEY", TestCredentials.SECRET_ACCESS_KEY);
    environment.put("AWS_DEFAULT_REGION", REGION.id());
    environment.remove("AWS_PROFILE");
    Process started;
    try {
      started = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "could not start moto (" + String.join(" ", command) + "): " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (!answers(candidatePort)) {
      if (!started.isAlive()) {
        throw new IllegalStateException(
            "moto exited with status "
                + started.exitValue()
                + " before answering on port "
                + candidatePort
                + "; its output is in "
                + log
                + ":\n"
                + tail(log));
      }
      if (System.nanoTime() > deadline) {
        stop(started);
        throw new IllegalStateException(
            "moto did not answer on port "
                + candidatePort
                + " within "
                + STARTUP_TIMEOUT.toSeconds()
                + " s; its output is in "
                + log
                + ":\n"
                + tail(log));
      }
      sleep(100);
    }
    process = started;
    port = candidatePort;
    logFile = log;
    shutdownHook = new Thread(() -> stop(started), "moto-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** The base URI of the emulator, such as {@code http://127.0.0.1:41234}. */
  public synchronized URI endpoint() {
    if (process == null) {
      throw new IllegalStateException(
          "moto is not running: register MotoServer with @RegisterExtension or call"
              + " MotoServer.start()");
    }
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Where moto's output goes; worth reading when a test fails oddly. */
  public synchronized Path logFile() {
    return logFile;
  }

  /** Drops every zone, record and secret (moto's {@code POST /moto-api/reset}). */
  public void reset() {
    URI reset = endpoint().resolve("/moto-api/reset");
    try {
      HttpURLConnection connection = (HttpURLConnection) reset.toURL().openConnection();
      connection.setRequestMethod("POST");
      connection.setConnectTimeout(5_000);
      connection.setReadTimeout(30_000);
      int status = connection.getResponseCode();
      connection.getInputStream().close();
      if (status != 200) {
        throw new IllegalStateException("moto answered " + status + " to " + reset);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not reset moto at " + reset + "; see " + logFile, e);
    }
  }

  /**
   * A Route 53 client configured like production ({@link AwsClients#configure} with {@link
   * TestBudgets#FAST_RETRIES}), pointed at moto, with {@link TestCredentials}.
   */
  public synchronized Route53Client route53() {
    if (route53 == null) {
      route53 =
          AwsClients.configure(Route53Client.builder(), TestBudgets.FAST_RETRIES)
              .region(Region.AWS_GLOBAL)
              .credentialsProvider(TestCredentials.provider())
              .endpointOverride(endpoint())
              .build();
    }
    return route53;
  }

  /** A Secrets Manager client like {@link #route53()}'s, in {@link #REGION}. */
  public synchronized SecretsManagerClient secretsManager() {
    if (secretsManager == null) {
      secretsManager =
          AwsClients.configure(SecretsManagerClient.builder(), TestBudgets.FAST_RETRIES)
              .region(REGION)
              .credentialsProvider(TestCredentials.provider())
              .endpointOverride(endpoint())
              .build();
    }
    return secretsManager;
  }

  /** Creates a public hosted zone and returns its bare id (without {@code /hostedzone/}). */
  public String createHostedZone(String zoneName) {
    String id =
        route53()
            .createHostedZone(r -> r.name(zoneName).callerReference(UUID.randomUUID().toString()))
            .hostedZone()
            .id();
    return id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
  }

  /** Creates or replaces a simple record set, outside the code under test. */
  public void upsertRecordSet(String zoneId, String name, String type, long ttl, String... values) {
    List<ResourceRecord> records = new ArrayList<>();
    for (String value : values) {
      records.add(ResourceRecord.builder().value(value).build());
    }
    changeRecordSet(
        zoneId,
        ChangeAction.UPSERT,
        ResourceRecordSet.builder()
            .name(name)
            .type(type)
            .ttl(ttl)
            .resourceRecords(records)
            .build());
  }

  /** Applies one change of any shape (weighted, alias, …), outside the code under test. */
  public void changeRecordSet(String zoneId, ChangeAction action, ResourceRecordSet recordSet) {
    route53()
        .changeResourceRecordSets(
            r ->
                r.hostedZoneId(zoneId)
                    .changeBatch(
                        b ->
                            b.changes(
                                Change.builder()
                                    .action(action)
                                    .resourceRecordSet(recordSet)
                                    .build())));
  }

  /** Every record set of exactly {@code name} (any type), as moto lists them. */
  public List<ResourceRecordSet> recordSets(String zoneId, String name) {
    String absolute = name.toLowerCase(Locale.ROOT).endsWith(".") ? name : name + ".";
    List<ResourceRecordSet> sets = new ArrayList<>();
    for (ResourceRecordSet set :
        route53()
            .listResourceRecordSets(
                r -> r.hostedZoneId(zoneId).startRecordName(absolute).maxItems("100"))
            .resourceRecordSets()) {
      String listed = set.name().endsWith(".") ? set.name() : set.name() + ".";
      if (listed.equalsIgnoreCase(absolute)) {
        sets.add(set);
      }
    }
    return sets;
  }

  /** Creates a secret holding {@code {"username": …, "password": …}}, as the stack does. */
  public void createSecret(String secretName, String username, String password) {
    String json =
        "{\"username\":" + Json.quote(username) + ",\"password\":" + Json.quote(password) + "}";
    createSecretString(secretName, json);
  }

  /** Creates a secret with any text, such as a malformed one. */
  public void createSecretString(String secretName, String secretString) {
    secretsManager().createSecret(r -> r.name(secretName).secretString(secretString));
  }

  @Override
  public synchronized void close() {
    if (route53 != null) {
      route53.close();
      route53 = null;
    }
    if (secretsManager != null) {
      secretsManager.close();
      secretsManager = null;
    }
    if (process != null) {
      stop(process);
      process = null;
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or about to; it stops the same process.
      }
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    startProcess();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    synchronized (this) {
      if (process == null) {
        startedPerTest = true;
        startProcess();
        return;
      }
    }
    reset();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (startedPerTest) {
      close();
      startedPerTest = false;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** {@code moto_server} from PATH, else {@code python3 -m moto.server} if moto is importable. */
  static List<String> motoCommand() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String directory : path.split(File.pathSeparator)) {
        if (directory.isEmpty()) {
          continue;
        }
        Path candidate = Path.of(directory, "moto_server");
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return List.of(candidate.toString());
        }
      }
    }
    String problem;
    try {
      Process probe =
          new ProcessBuilder("python3", "-c", "import moto.server")
              .redirectErrorStream(true)
              .start();
      String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!probe.waitFor(60, TimeUnit.SECONDS)) {
        probe.destroyForcibly();
        problem = "'python3 -c \"import moto.server\"' did not finish within 60 s";
      } else if (probe.exitValue() == 0) {
        return List.of("python3", "-m", "moto.server");
      } else {
        problem = "python3 cannot import moto.server: " + lastLine(output);
      }
    } catch (IOException e) {
      problem = "python3 could not be run: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problem = "interrupted while looking for moto";
    }
    throw new IllegalStateException(
        "moto is required for integration tests: no moto_server on PATH, and "
            + problem
            + ". Install it with 'python3 -m pip install \"moto[server]==5.2.1\"' (or put"
            + " moto_server on PATH), or skip the integration tests with -DskipITs.");
  }

  private static boolean answers(int candidatePort) {
    try {
      HttpURLConnection connection =
          (HttpURLConnection)
              URI.create("http://127.0.0.1:" + candidatePort + "/moto-api/")
                  .toURL()
                  .openConnection();
      connection.setConnectTimeout(500);
      connection.setReadTimeout(5_000);
      int status = connection.getResponseCode();
      connection.getInputStream().close();
      return status == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("could not find a free loopback port for moto", e);
    }
  }

  private static Path logDirectory() {
    // Surefire and failsafe set basedir to the module; the working directory is the fallback.
    Path directory =
        Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "moto");
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + directory, e);
    }
  }

  private static void stop(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(could not read " + log + ": " + e.getMessage() + ")";
    }
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1];
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for moto to start", e);
    }
  }
}
