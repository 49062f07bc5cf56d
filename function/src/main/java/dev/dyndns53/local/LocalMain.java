package dev.dyndns53.local;

import dev.dyndns53.Dyndns53;
import dev.dyndns53.config.ConfigException;
import dev.dyndns53.envelope.Envelope;
import dev.dyndns53.gateway.ProxyEvents;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar dyndns53-function.jar}: serves the update endpoint over plain HTTP, backed by
 * Route 53 and Secrets Manager through the standard AWS region, credential and endpoint settings
 * (so also against an emulator such as moto).
 */
public final class LocalMain {
  static final String USAGE =
      """
      usage: java -jar function/target/dyndns53-function.jar [options]
        --config FILE         configuration file (default config/dyndns53.json)
        --port N              TCP port (default 8053; 0 picks a free one)
        --bind ADDRESS        address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
        --secret-prefix P     secret name prefix; user u's password is in secret P+u
                              (default $DYNDNS53_SECRET_PREFIX, else dyndns53/Dyndns53/)
        --max-connections N   connections served at once; more are answered 503 with
                              Retry-After (default 256)
        --idle-timeout S      seconds a client may stay silent before or during its
                              request (default 10)
        --request-timeout S   seconds a client may take to send its whole request (default 20)
        --trusted-proxies L   comma-separated addresses or CIDR blocks of reverse proxies
                              whose X-Forwarded-For names the client (default: none)
      AWS settings come from the usual places: AWS_REGION, AWS_PROFILE or AWS_ACCESS_KEY_ID...,
      AWS_ENDPOINT_URL (for an emulator).""";

  private static final Set<String> OPTIONS =
      Set.of(
          "--config",
          "--port",
          "--bind",
          "--secret-prefix",
          "--max-connections",
          "--idle-timeout",
          "--request-timeout",
          "--trusted-proxies");

  private LocalMain() {}

  public static void main(String[] args) {
    Startup startup = start(args, System.getenv(), System.out, System.err);
    if (startup.server() == null) {
      if (startup.exitStatus() != 0) {
        System.exit(startup.exitStatus());
      }
      return;
    }
    LocalServer server = startup.server();
    PrintStream out = System.out;
    // SIGTERM and SIGINT run the shutdown hooks; the accept thread keeps the JVM alive until then.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  int inProgress = server.requestsInProgress();
                  server.stopAccepting();
                  out.println(
                      "dyndns53: stopping: no new connections; "
                          + inProgress
                          + " request(s) in progress get up to "
                          + LocalServer.DRAIN_TIMEOUT.toSeconds()
                          + " s to finish");
                  out.flush();
                  boolean finished = server.awaitRequests(LocalServer.DRAIN_TIMEOUT);
                  out.println(
                      finished
                          ? "dyndns53: stopped"
                          : "dyndns53: stopped; requests still running were answered 504 911 so their clients retry");
                  out.flush();
                  // A stop on request is a success: without this the JVM reports the signal (143
                  // for SIGTERM),
                  // which service managers log as a failure.
                  Runtime.getRuntime().halt(0);
                },
                "dyndns53-shutdown"));
  }

  /** What starting produced: a running server, or the exit status to end with (0 after --help). */
  record Startup(LocalServer server, int exitStatus) {}

  /**
   * Parses the options, assembles the service over the AWS settings in {@code environment} and
   * starts serving; says why when it cannot.
   */
  static Startup start(
      String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        out.println(USAGE);
        return new Startup(null, 0);
      }
      if (!arg.startsWith("--") || i + 1 >= args.length || !OPTIONS.contains(arg)) {
        err.println("dyndns53: unknown or incomplete option '" + arg + "'\n" + USAGE);
        return new Startup(null, 2);
      }
      options.put(arg, args[++i]);
    }
    Path config = Path.of(options.getOrDefault("--config", "config/dyndns53.json"));
    int port;
    try {
      port = Integer.parseInt(options.getOrDefault("--port", "8053"));
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException notAPort) {
      err.println("dyndns53: --port must be a number from 0 to 65535");
      return new Startup(null, 2);
    }
    String bind = options.getOrDefault("--bind", "127.0.0.1");
    ServerSettings settings;
    try {
      settings = settings(options);
    } catch (IllegalArgumentException invalid) {
      err.println("dyndns53: " + invalid.getMessage());
      return new Startup(null, 2);
    }

    Map<String, String> env = new HashMap<>(environment);
    if (options.containsKey("--secret-prefix")) {
      env.put(Dyndns53.SECRET_PREFIX_VARIABLE, options.get("--secret-prefix"));
    }
    Dyndns53 dyndns53;
    try {
      dyndns53 = Dyndns53.fromEnvironment(env, config);
    } catch (ConfigException invalid) {
      err.println("dyndns53: cannot start: " + invalid.getMessage());
      return new Startup(null, 2);
    } catch (IllegalStateException | IllegalArgumentException misconfigured) {
      err.println("dyndns53: cannot start: " + misconfigured.getMessage());
      return new Startup(null, 2);
    }

    Envelope envelope = dyndns53.envelope();
    String stage = dyndns53.config().api().stageName();
    LocalServer server;
    try {
      server =
          LocalServer.start(
              new InetSocketAddress(InetAddress.getByName(bind), port),
              stage,
              event -> ProxyEvents.respond(envelope, event, null),
              settings);
    } catch (BindException busy) {
      err.println(
          "dyndns53: cannot listen on "
              + bind
              + ":"
              + port
              + " ("
              + busy.getMessage()
              + "); choose another --port or stop what is using it");
      return new Startup(null, 2);
    } catch (UnknownHostException badAddress) {
      err.println("dyndns53: --bind " + bind + " is not an address of this machine");
      return new Startup(null, 2);
    } catch (IOException failed) {
      err.println("dyndns53: cannot listen on " + bind + ":" + port + ": " + failed.getMessage());
      return new Startup(null, 2);
    }

    String base = "http://" + hostForUrl(server.address()) + ":" + server.address().getPort();
    out.println(
        "dyndns53: "
            + config
            + ": "
            + dyndns53.config().hosts().size()
            + " hosts, "
            + dyndns53.config().users().size()
            + " users; passwords from secrets "
            + env.getOrDefault(Dyndns53.SECRET_PREFIX_VARIABLE, Dyndns53.DEFAULT_SECRET_PREFIX)
            + "<user>");
    out.println(
        "dyndns53: listening on " + base + "/nic/update and " + base + "/" + stage + "/nic/update");
    out.println(
        "dyndns53: at most "
            + settings.maxConnections()
            + " connections; idle timeout "
            + settings.idleTimeout().toSeconds()
            + " s, request timeout "
            + settings.requestTimeout().toSeconds()
            + " s; trusted proxies: "
            + settings.trustedProxies());
    out.println(
        "dyndns53: plain HTTP: passwords cross the network in the clear. Put a TLS proxy in front"
            + " before anything beyond this machine can reach it.");
    out.flush();

    return new Startup(server, 0);
  }

  /** The server's settings from the options, each checked with a message that names it. */
  private static ServerSettings settings(Map<String, String> options) {
    ServerSettings settings = ServerSettings.DEFAULT;
    settings =
        settings.withMaxConnections(
            number(options, "--max-connections", settings.maxConnections(), 1, 100_000));
    settings =
        settings.withIdleTimeout(
            Duration.ofSeconds(
                number(options, "--idle-timeout", settings.idleTimeout().toSeconds(), 1, 3600)));
    settings =
        settings.withRequestTimeout(
            Duration.ofSeconds(
                number(
                    options, "--request-timeout", settings.requestTimeout().toSeconds(), 1, 3600)));
    String proxies = options.get("--trusted-proxies");
    if (proxies != null) {
      try {
        settings = settings.withTrustedProxies(TrustedProxies.parse(proxies));
      } catch (IllegalArgumentException invalid) {
        throw new IllegalArgumentException("--trusted-proxies: " + invalid.getMessage());
      }
    }
    return settings;
  }

  private static int number(
      Map<String, String> options, String option, long defaultValue, int min, int max) {
    String text = options.get(option);
    if (text == null) {
      return (int) defaultValue;
    }
    if (text.matches("[0-9]{1,9}")) {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    }
    throw new IllegalArgumentException(
        option + " must be a whole number from " + min + " to " + max + ", not '" + text + "'");
  }

  private static String hostForUrl(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }
}
