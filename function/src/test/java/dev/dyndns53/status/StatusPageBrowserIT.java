package dev.dyndns53.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dyndns53.history.HostEvent;
import dev.dyndns53.testing.EndpointProcess;
import dev.dyndns53.testing.MotoActivity;
import dev.dyndns53.testing.MotoServer;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The status page as a person sees it: Debian's headless Chromium loads {@code /status} from the
 * local endpoint (the function jar, as the README starts it) over moto's Route 53, Secrets Manager
 * and DynamoDB, for a user and for an admin; the test reads the DOM Chromium built and keeps a
 * screenshot under {@code target/status-page/}. A last test renders fixed data at a fixed time and
 * screenshots it for docs/status-page.md.
 */
class StatusPageBrowserIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final String ALICE = "alice-password-0123456789abcdef";
  private static final String ROOT = "root-password-0123456789abcdefg";
  static final String HOSTILE_AGENT = "<img src=x onerror=alert(1)>evil/1.0";

  private static MotoServer moto;
  private static EndpointProcess endpoint;
  private static Path directory;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      throw new IllegalStateException(
          "Chromium is missing: install Debian's package (apt-get install chromium); the status"
              + " page is tested in a real browser");
    }
    moto = MotoServer.start();
    String zone1 = moto.createHostedZone("example.com");
    String zone2 = moto.createHostedZone("example.org");
    moto.createSecret("dyndns53/Dyndns53/alice", "alice", ALICE);
    moto.createSecret("dyndns53/Dyndns53/root", "root", ROOT);
    String table =
        MotoActivity.createHistoryTable(MotoActivity.dynamoDb(moto, null), "History-Browser");
    directory =
        Path.of(
            System.getProperty("basedir", System.getProperty("user.dir")), "target", "status-page");
    Files.createDirectories(directory);
    Path config = directory.resolve("dyndns53.json");
    Files.writeString(
        config,
        """
        {"hosts": {"home.example.com": {"zoneId": "%1$s"},
                   "nas.example.com": {"zoneId": "%1$s"},
                   "office.example.org": {"zoneId": "%2$s"}},
         "users": {"alice": {"hosts": ["home.example.com", "nas.example.com"]},
                   "root": {"hosts": ["office.example.org"], "admin": true}}}
        """
            .formatted(zone1, zone2));
    // Issue 17 on the local endpoint: the same variable the stack sets.
    endpoint =
        EndpointProcess.start(
            directory,
            config,
            moto.endpoint().toString(),
            Map.of("DYNDNS53_HISTORY_TABLE", table),
            List.of());
    port = endpoint.port();
    update("alice", ALICE, "home.example.com", "203.0.113.10", "ddclient/3.11.2");
    update("alice", ALICE, "home.example.com", "203.0.113.11", HOSTILE_AGENT);
    update("alice", ALICE, "nas.example.com", "2001:db8::5", "inadyn/2.12");
    update("root", ROOT, "office.example.org", "198.51.100.20", "FRITZ!Box");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (endpoint != null) {
      endpoint.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  private static void update(String user, String password, String host, String ip, String agent)
      throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection)
            URI.create(
                    "http://127.0.0.1:%d/nic/update?hostname=%s&myip=%s".formatted(port, host, ip))
                .toURL()
                .openConnection();
    connection.setRequestProperty(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    connection.setRequestProperty("User-Agent", agent);
    String body = new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(body.startsWith("good"), body);
  }

  /** Runs headless Chromium with the flags a root user in a container needs; returns stdout. */
  static String chromium(String url, String... extra) throws Exception {
    Path profile = Files.createTempDirectory(directory, "profile");
    List<String> command =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + profile));
    command.addAll(List.of(extra));
    command.add(url);
    Path out = Files.createTempFile(directory, "chromium", ".out");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(directory.resolve("chromium.err").toFile())
            .start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("Chromium did not finish within 90 s");
    }
    return Files.readString(out);
  }

  private static int count(String regex, String text) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void user_seesTheirHosts_addresses_andTimelinePoints_withHostileTextAsText() throws Exception {
    String url = "http://alice:" + ALICE + "@127.0.0.1:" + port + "/status";

    String dom = chromium(url, "--dump-dom");
    chromium(url, "--screenshot=" + directory.resolve("alice.png"), "--window-size=1280,520");

    assertTrue(dom.contains("dyndns53 status for alice"), dom);
    assertTrue(dom.contains("home.example.com") && dom.contains("nas.example.com"), dom);
    assertFalse(dom.contains("office.example.org"), "not alice's host");
    assertTrue(dom.contains("203.0.113.11") && dom.contains("2001:db8::5"), dom);
    // home changed twice, nas once.
    assertEquals(3, count("<circle class=\"point\"", dom), dom);
    // The hostile User-Agent is text in the cell: serialised escaped, never an element.
    assertTrue(dom.contains("&lt;img src=x onerror=alert(1)&gt;evil/1.0"), dom);
    assertEquals(0, count("<img", dom), dom);
    assertTrue(Files.size(directory.resolve("alice.png")) > 1000);
  }

  @Test
  void admin_seesEveryHost() throws Exception {
    String url = "http://root:" + ROOT + "@127.0.0.1:" + port + "/v1/status";

    String dom = chromium(url, "--dump-dom");
    chromium(url, "--screenshot=" + directory.resolve("admin.png"), "--window-size=1280,520");

    assertTrue(dom.contains("dyndns53 status for root (all hosts)"), dom);
    for (String host : List.of("home.example.com", "nas.example.com", "office.example.org")) {
      assertTrue(dom.contains(host), host + " in " + dom);
    }
    assertTrue(dom.contains("198.51.100.20"), dom);
  }

  @Test
  void docsScreenshot_fixedClockAndData() throws Exception {
    Instant at = Instant.parse("2026-03-01T12:00:00Z");
    Instant since = at.minus(Duration.ofDays(400));
    StatusView view =
        new StatusView(
            "household",
            false,
            at,
            since,
            1,
            List.of(
                new StatusView.HostView(
                    "home.example.com",
                    List.of("203.0.113.42", "2001:db8:20:1::1"),
                    StatusView.Source.ROUTE53,
                    Optional.of(at.minus(Duration.ofDays(3))),
                    Optional.of(at.minus(Duration.ofMinutes(40))),
                    Optional.of("ddclient/3.11.2"),
                    List.of(),
                    List.of(
                        change(at.minus(Duration.ofDays(320)), "203.0.113.7"),
                        change(at.minus(Duration.ofDays(190)), "203.0.113.19"),
                        change(at.minus(Duration.ofDays(61)), "203.0.113.30"),
                        change(at.minus(Duration.ofDays(3)), "203.0.113.42"))),
                new StatusView.HostView(
                    "nas.example.com",
                    List.of("2001:db8:20:1::5"),
                    StatusView.Source.ROUTE53,
                    Optional.of(at.minus(Duration.ofDays(140))),
                    Optional.of(at.minus(Duration.ofHours(5))),
                    Optional.of("inadyn/2.12"),
                    List.of("LHDhK3oGRvkiefQnx7OOczTY5Tic_xZ6HcMOc_gmtoM"),
                    List.of(change(at.minus(Duration.ofDays(140)), "2001:db8:20:1::5"))),
                new StatusView.HostView(
                    "cabin.example.org",
                    List.of("198.51.100.9"),
                    StatusView.Source.HISTORY,
                    Optional.of(at.minus(Duration.ofDays(12))),
                    Optional.of(at.minus(Duration.ofDays(4))),
                    Optional.of("FRITZ!Box 7590"),
                    List.of(),
                    List.of(change(at.minus(Duration.ofDays(12)), "198.51.100.9")))));
    Path page = directory.resolve("docs-status-page.html");
    Files.writeString(page, StatusPage.html(view));
    Path shot = directory.resolve("status-page.png");

    chromium(page.toUri().toString(), "--screenshot=" + shot, "--window-size=1280,400");

    assertTrue(Files.size(shot) > 1000);
  }

  private static StatusView.Change change(Instant at, String address) {
    return new StatusView.Change(at, List.of(address), Optional.of(HostEvent.bounded("ddclient")));
  }
}
