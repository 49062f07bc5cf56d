package dev.dyndns53.conformance;

import dev.dyndns53.json.Json;
import dev.dyndns53.testing.AwsWireStandIn;
import dev.dyndns53.testing.AwsWireStandIn.Operation;
import dev.dyndns53.testing.AwsWireStandIn.Reply;
import dev.dyndns53.testing.MotoServer;
import dev.dyndns53.testing.TestCredentials;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * What a client conformance test class runs against: moto with one hosted zone and two users'
 * secrets, a configuration file, and the real function jar serving it on loopback; on demand a
 * second endpoint whose Route 53 is an {@link AwsWireStandIn} that answers {@code Throttling} to
 * every call. Each test gets a {@link Scenario} parameter, its own directory under {@code
 * target/conformance/<client>/}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ConformanceEnvironment env =
 *     ConformanceEnvironment.forClient("ddclient").hosts("dd-one.example.com");
 * }</pre>
 *
 * <p>Before anything starts it makes sure this JVM is inside the private network namespace the
 * failsafe execution {@code client-conformance} creates (see {@code src/test/netns/bin/java}), and
 * fails the class with the reason otherwise: the real clients must never reach the network.
 *
 * <p>moto is not reset between tests and the endpoint keeps its caches, as a deployed one would;
 * each scenario uses host names of its own instead.
 */
public final class ConformanceEnvironment
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  public static final String ZONE = "example.com";

  /** The login every scenario's client uses; it may update every host the class declares. */
  public static final String USER = "router";

  /** A second user, the only one granted {@link #NOT_GRANTED_HOST}. */
  public static final String OTHER_USER = "office";

  /** A configured host that {@link #USER} may not update. */
  public static final String NOT_GRANTED_HOST = "not-granted.example.com";

  /** What the wrapper JVM launcher sets when it could not create the namespace. */
  static final String NETNS_UNAVAILABLE_PROPERTY = "dyndns53.netns.unavailable";

  private final String client;
  private final List<String> hosts = new ArrayList<>();
  private final List<String> nonPublicHosts = new ArrayList<>();
  private final List<String> acmeHosts = new ArrayList<>();
  private String publicLoopbackAddress;
  private final Map<String, String> lanHosts = new LinkedHashMap<>();

  private Path directory;
  private MotoServer moto;
  private String zoneId;
  private String password;
  private Path config;
  private EndpointProcess endpoint;
  private AwsWireStandIn standIn;
  private EndpointProcess throttledEndpoint;
  private final Map<EndpointProcess, Long> marks = new LinkedHashMap<>();
  private Scenario scenario;

  private ConformanceEnvironment(String client) {
    this.client = client;
  }

  /** An environment whose scenarios live under {@code target/conformance/<client>/}. */
  public static ConformanceEnvironment forClient(String client) {
    return new ConformanceEnvironment(client);
  }

  /** Adds hosts {@link #USER} may update (public addresses only, the default). */
  public ConformanceEnvironment hosts(String... names) {
    hosts.addAll(List.of(names));
    return this;
  }

  /** Adds hosts {@link #USER} may update with {@code "allowNonPublic": true}. */
  public ConformanceEnvironment nonPublicHosts(String... names) {
    nonPublicHosts.addAll(List.of(names));
    return this;
  }

  /** Adds hosts {@link #USER} may update and write ACME challenges for ({@code "acme": true}). */
  public ConformanceEnvironment acmeHosts(String... names) {
    acmeHosts.addAll(List.of(names));
    return this;
  }

  /**
   * Adds {@code address} (a public-looking one, such as 203.0.113.77) to the namespace's loopback
   * interface and has the endpoint listen on every address, so a client that connects to {@code
   * address} is seen coming from it: the checkip page then shows an address that clients accept as
   * an Internet address (inadyn refuses 127.0.0.1).
   */
  public ConformanceEnvironment publicLoopbackAddress(String address) {
    publicLoopbackAddress = address;
    return this;
  }

  /** The address given to {@link #publicLoopbackAddress}. */
  public String publicAddress() {
    return publicLoopbackAddress;
  }

  /**
   * Adds an AAAA-only host {@link #USER} may update that follows the request's IPv6 prefix with
   * {@code "ipv6InterfaceId"}.
   */
  public ConformanceEnvironment lanHost(String name, String ipv6InterfaceId) {
    lanHosts.put(name, ipv6InterfaceId);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    requireIsolatedNetwork(context.getRequiredTestClass().getSimpleName());
    requireClientInstalled(client);
    directory = moduleDirectory().resolve("target").resolve("conformance").resolve(client);
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + directory, e);
    }
    moto = MotoServer.start();
    zoneId = moto.createHostedZone(ZONE);
    password = generatedPassword();
    moto.createSecret("dyndns53/Dyndns53/" + USER, USER, password);
    moto.createSecret("dyndns53/Dyndns53/" + OTHER_USER, OTHER_USER, generatedPassword());
    config = directory.resolve("dyndns53.json");
    try {
      Files.writeString(config, configuration());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + config, e);
    }
    Map<String, String> aws = awsEnvironment();
    aws.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
    if (publicLoopbackAddress != null) {
      addLoopbackAddress(publicLoopbackAddress);
    }
    endpoint =
        EndpointProcess.start(
            functionJar(),
            config,
            aws,
            directory.resolve("endpoint.log"),
            publicLoopbackAddress == null ? "127.0.0.1" : "0.0.0.0");
  }

  /** Only ever inside the private namespace (checked before): nothing outside it changes. */
  private static void addLoopbackAddress(String address) {
    try {
      Process ip =
          new ProcessBuilder("ip", "addr", "add", address + "/32", "dev", "lo")
              .redirectErrorStream(true)
              .start();
      String output =
          new String(ip.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      // A second class in the same namespace finds it there already.
      if (ip.waitFor() != 0
          && !output.contains("File exists")
          && !output.contains("already assigned")) {
        throw new IllegalStateException("could not add " + address + " to lo: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run 'ip addr add'", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    for (AutoCloseable closeable :
        new AutoCloseable[] {throttledEndpoint, endpoint, standIn, moto}) {
      if (closeable != null) {
        try {
          closeable.close();
        } catch (Exception ignored) {
          // Stopping is best effort; the JVM's exit ends whatever is left.
        }
      }
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    marks.clear();
    marks.put(endpoint, endpoint.mark());
    if (throttledEndpoint != null) {
      marks.put(throttledEndpoint, throttledEndpoint.mark());
    }
    scenario =
        new Scenario(
            client + "/" + context.getRequiredTestMethod().getName(),
            directory.resolve(context.getRequiredTestMethod().getName()),
            this::endpointLines);
    scenario.write("dyndns53.json", readConfig());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (scenario != null) {
      scenario.saveEndpointLog();
      scenario = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Scenario.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return scenario;
  }

  /** The password of {@link #USER}, 40 letters and digits as the stack generates them. */
  public String password() {
    return password;
  }

  /** The port of the endpoint backed by moto. */
  public int port() {
    return endpoint.port();
  }

  /**
   * The port of a second endpoint, same configuration and secrets, whose Route 53 answers every
   * call with Route 53's exact {@code Throttling} error (so every update fails past the SDK's retry
   * budget). Started on first use.
   */
  public int throttledPort() {
    if (throttledEndpoint == null) {
      standIn = AwsWireStandIn.start();
      Reply throttling = Reply.wire("route53-error-Throttling.xml");
      standIn.enqueueRepeatedly(Operation.ROUTE53_LIST_RESOURCE_RECORD_SETS, throttling, 1000);
      standIn.enqueueRepeatedly(Operation.ROUTE53_CHANGE_RESOURCE_RECORD_SETS, throttling, 1000);
      Map<String, String> aws = awsEnvironment();
      aws.put("AWS_ENDPOINT_URL_ROUTE_53", standIn.endpoint().toString());
      aws.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", moto.endpoint().toString());
      throttledEndpoint =
          EndpointProcess.start(
              functionJar(), config, aws, directory.resolve("endpoint-route53-throttled.log"));
      marks.put(throttledEndpoint, 0L);
    }
    return throttledEndpoint.port();
  }

  /** The Route 53 requests the throttled endpoint made, by operation. */
  public int route53Requests(Operation operation) {
    return standIn == null ? 0 : standIn.requests(operation).size();
  }

  /**
   * The record sets moto holds for {@code host}, as {@code "A 60 203.0.113.7"}, sorted; also
   * appended to the scenario's {@code records.txt}.
   */
  public List<String> records(String host) {
    List<String> records = new ArrayList<>();
    for (ResourceRecordSet set : moto.recordSets(zoneId, host)) {
      records.add(
          set.typeAsString()
              + " "
              + set.ttl()
              + " "
              + set.resourceRecords().stream()
                  .map(ResourceRecord::value)
                  .collect(Collectors.joining(",")));
    }
    Collections.sort(records);
    scenario.append(
        "records.txt",
        host + ": " + (records.isEmpty() ? "(no records)" : String.join("; ", records)));
    return records;
  }

  /**
   * The TXT strings moto holds at {@code name} now, without their quotes; empty when there is no
   * TXT set.
   */
  public List<String> txtValues(String name) {
    List<String> values = new ArrayList<>();
    for (ResourceRecordSet set : moto.recordSets(zoneId, name)) {
      if (set.typeAsString().equals("TXT")) {
        set.resourceRecords().forEach(r -> values.add(r.value().replaceAll("^\"|\"$", "")));
      }
    }
    return values;
  }

  /** Creates a record set the way someone editing the zone by hand would, not through dyndns53. */
  public void createRecordSetElsewhere(String host, String type, long ttl, String... values) {
    moto.upsertRecordSet(zoneId, host, type, ttl, values);
  }

  /**
   * The request log entries both endpoints wrote during the current scenario, in order per
   * endpoint.
   */
  public List<LoggedRequest> requests() {
    List<LoggedRequest> requests = new ArrayList<>();
    marks.forEach(
        (process, mark) ->
            process.requestsSince(mark).forEach(fields -> requests.add(new LoggedRequest(fields))));
    return requests;
  }

  private List<String> endpointLines() {
    List<String> lines = new ArrayList<>();
    marks.forEach((process, mark) -> lines.addAll(process.linesSince(mark)));
    return lines;
  }

  private String configuration() {
    List<String> entries = new ArrayList<>();
    hosts.forEach(host -> entries.add(hostEntry(host, false)));
    nonPublicHosts.forEach(host -> entries.add(hostEntry(host, true)));
    acmeHosts.forEach(
        host -> entries.add(hostEntry(host, false).replace("}", ", \"acme\": true}")));
    lanHosts.forEach(
        (host, interfaceId) ->
            entries.add(
                "    "
                    + Json.quote(host)
                    + ": {\"zoneId\": "
                    + Json.quote(zoneId)
                    + ", \"recordTypes\": [\"AAAA\"], \"ipv6InterfaceId\": "
                    + Json.quote(interfaceId)
                    + "}"));
    entries.add(hostEntry(NOT_GRANTED_HOST, false));
    List<String> granted = new ArrayList<>(hosts);
    granted.addAll(nonPublicHosts);
    granted.addAll(acmeHosts);
    granted.addAll(lanHosts.keySet());
    return "{\n  \"hosts\": {\n"
        + String.join(",\n", entries)
        + "\n  },\n"
        + "  \"users\": {\n"
        + "    "
        + Json.quote(USER)
        + ": {\"hosts\": ["
        + granted.stream().map(Json::quote).collect(Collectors.joining(", "))
        + "]},\n"
        + "    "
        + Json.quote(OTHER_USER)
        + ": {\"hosts\": ["
        + Json.quote(NOT_GRANTED_HOST)
        + "]}\n"
        + "  }\n}\n";
  }

  private String hostEntry(String host, boolean allowNonPublic) {
    return "    "
        + Json.quote(host)
        + ": {\"zoneId\": "
        + Json.quote(zoneId)
        + (allowNonPublic ? ", \"allowNonPublic\": true" : "")
        + "}";
  }

  private String readConfig() {
    try {
      return Files.readString(config);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + config, e);
    }
  }

  private static Map<String, String> awsEnvironment() {
    Map<String, String> aws = new LinkedHashMap<>();
    aws.put("AWS_REGION", MotoServer.REGION.id());
    aws.put("AWS_ACCESS_KEY_ID", TestCredentials.ACCESS_KEY_ID);
    aws.put("AWS_SECRET_ACCESS_KEY", TestCredentials.SECRET_ACCESS_KEY);
    return aws;
  }

  private static String generatedPassword() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    SecureRandom random = new SecureRandom();
    StringBuilder out = new StringBuilder(40);
    for (int i = 0; i < 40; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  private static Path functionJar() {
    String jar = System.getProperty("dyndns53.functionJar");
    if (jar == null) {
      throw new IllegalStateException(
          "dyndns53.functionJar is not set; the conformance suite runs in the"
              + " failsafe execution 'client-conformance' of function/pom.xml, which sets it");
    }
    return Path.of(jar);
  }

  private static Path moduleDirectory() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
  }

  /**
   * Fails unless this JVM runs in a network namespace of its own with nothing but loopback, which
   * is what the failsafe execution's JVM launcher ({@code src/test/netns/bin/java}) provides.
   */
  static void requireIsolatedNetwork(String testClass) {
    String unavailable = System.getProperty(NETNS_UNAVAILABLE_PROPERTY);
    if (unavailable != null) {
      throw new IllegalStateException(
          "The client conformance suite runs the real ddclient and inadyn,"
              + " and only inside a private network namespace so that they can reach nothing but loopback;"
              + " creating one needs root, or unprivileged user namespaces, and it failed here ("
              + unavailable
              + "). Run the build as root (CI does), or leave this suite out with"
              + " -Dconformance.skip=true.");
    }
    List<String> visible = new ArrayList<>();
    try {
      NetworkInterface.networkInterfaces()
          .filter(i -> !isLoopback(i))
          .forEach(i -> visible.add(i.getName()));
    } catch (SocketException e) {
      throw new UncheckedIOException("could not list the network interfaces", e);
    }
    if (!visible.isEmpty()) {
      throw new IllegalStateException(
          "The client conformance suite must run inside the private network"
              + " namespace that the failsafe execution 'client-conformance' of function/pom.xml creates"
              + " (through src/test/netns/bin/java), but this JVM sees the network interfaces "
              + visible
              + ". Run it with './mvnw verify' (-Dit.test="
              + testClass
              + " for one class), not from an IDE or"
              + " another execution.");
    }
  }

  /**
   * Fails unless the real client this class drives is installed, with everything it loads at run
   * time. Each class needs only its own client: the hand-written router requests need none.
   * ddclient 3.10 loads IO::Socket::INET6 for any IPv6 connection, and Debian lists that module
   * only as a Recommends, which {@code apt-get install --no-install-recommends} leaves out.
   */
  static void requireClientInstalled(String client) {
    switch (client) {
      case "ddclient" -> {
        requireProgram("ddclient", "ddclient");
        requirePerlModule(
            "IO::Socket::INET6", "libio-socket-inet6-perl", "ddclient's IPv6 connections");
      }
      case "inadyn" -> requireProgram("inadyn", "inadyn");
      case "lego" -> {
        requireProgram("lego", "lego");
        requireProgram("pebble", "pebble");
      }
      default -> {
        // Hand-written requests over a raw socket: no client program.
      }
    }
  }

  private static void requireProgram(String program, String debianPackage) {
    if (!onPath(program)) {
      throw new IllegalStateException(
          program
              + " is not installed; this conformance class runs"
              + " Debian's "
              + program
              + " ('apt-get install "
              + debianPackage
              + "'; .ci/run does), or leave"
              + " the suite out with -Dconformance.skip=true.");
    }
  }

  private static void requirePerlModule(String module, String debianPackage, String neededFor) {
    boolean loads;
    try {
      Process perl =
          new ProcessBuilder("perl", "-M" + module, "-e", "1")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      loads = perl.waitFor() == 0;
    } catch (IOException e) {
      loads = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      loads = false;
    }
    if (!loads) {
      throw new IllegalStateException(
          "The Perl module "
              + module
              + " does not load; it is needed for "
              + neededFor
              + ". Install it with 'apt-get install "
              + debianPackage
              + "' (.ci/run does), or"
              + " leave the suite out with -Dconformance.skip=true.");
    }
  }

  private static boolean isLoopback(NetworkInterface networkInterface) {
    try {
      return networkInterface.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin:/bin";
    for (String directory : path.split(File.pathSeparator)) {
      if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
        return true;
      }
    }
    return false;
  }
}
