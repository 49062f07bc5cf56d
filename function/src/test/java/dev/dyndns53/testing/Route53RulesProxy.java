package dev.dyndns53.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dyndns53.aws.AwsCallBudget;
import dev.dyndns53.aws.AwsClients;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * A loopback proxy in front of {@link MotoServer} that holds Route 53 to Route 53's own rules for
 * {@code ChangeResourceRecordSets}, where moto 5.2 is lenient, so that concurrency is tested
 * against what AWS does.
 *
 * <p>moto accepts a DELETE whose values no longer match what the set holds, lists a CREATE over an
 * existing set twice, and applies a batch change by change, so that a reader between two changes
 * sees half of it. Route 53 refuses the first two with {@code InvalidChangeBatch} and applies a
 * batch atomically. This proxy:
 *
 * <ul>
 *   <li>serves every request (reads and writes) under one lock, so no request sees another's batch
 *       half applied;
 *   <li>checks each change of a batch against moto's current state and the earlier changes of the
 *       same batch before moto sees any of it: a DELETE of a missing set, or of a set whose TTL or
 *       values differ, and a CREATE of a set that exists, refuse the whole batch with the exact
 *       bodies of {@code aws-wire/route53-error-InvalidChangeBatch-{notfound,mismatch,exists}.xml},
 *       naming the set as Route 53 does;
 *   <li>forwards everything else to moto unchanged.
 * </ul>
 *
 * <p>A hook run before each batch is checked ({@link #beforeEachChange}) plays a competing writer
 * deterministically. Reads of moto's state go to moto directly, so the hook may use {@link
 * MotoServer}'s own helpers.
 */
public final class Route53RulesProxy implements AutoCloseable {
  private static final Pattern RRSET_PATH =
      Pattern.compile("/2013-04-01/hostedzone/([^/]+)/rrset/?");
  private static final Pattern SET_IN_MESSAGE = Pattern.compile("\\[name='[^']*', type='[^']*'\\]");

  // Headers java.net.http sets itself and refuses from the caller.
  private static final Set<String> RESTRICTED_HEADERS =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final MotoServer moto;
  private volatile Map<String, List<String>> lastChangeHeaders = Map.of();
  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient forward;
  private final ReentrantLock lock = new ReentrantLock(true);
  private final AtomicInteger changeRequests = new AtomicInteger();
  private final AtomicInteger refusedChanges = new AtomicInteger();
  private final List<Route53Client> clients = new ArrayList<>();
  private volatile Runnable beforeEachChange = () -> {};

  private Route53RulesProxy(MotoServer moto) {
    this.moto = Objects.requireNonNull(moto, "moto");
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("the Route 53 rules proxy could not listen on loopback", e);
    }
    executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "route53-rules-proxy");
              thread.setDaemon(true);
              return thread;
            });
    forward = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a proxy in front of a running moto. */
  public static Route53RulesProxy inFrontOf(MotoServer moto) {
    return new Route53RulesProxy(moto);
  }

  /** The base URI to point a client at. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** A Route 53 client through this proxy, built like production ones; closed with the proxy. */
  public synchronized Route53Client route53(AwsCallBudget budget) {
    Route53Client client =
        AwsClients.configure(Route53Client.builder(), budget)
            .endpointOverride(endpoint())
            .region(Region.AWS_GLOBAL)
            .credentialsProvider(TestCredentials.provider())
            .build();
    clients.add(client);
    return client;
  }

  /** Runs {@code hook} under the lock before each ChangeResourceRecordSets is checked. */
  public void beforeEachChange(Runnable hook) {
    beforeEachChange = Objects.requireNonNull(hook, "hook");
  }

  /** ChangeResourceRecordSets requests received, refused or not. */
  public int changeRequests() {
    return changeRequests.get();
  }

  /** ChangeResourceRecordSets requests refused by Route 53's rules. */
  public int refusedChanges() {
    return refusedChanges.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      lock.lock();
      Answer answer;
      try {
        answer = answer(exchange, body);
      } catch (RuntimeException | IOException broken) {
        answer = new Answer(500, "text/plain", ("proxy failure: " + broken).getBytes());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        answer = new Answer(500, "text/plain", "proxy interrupted".getBytes());
      } finally {
        lock.unlock();
      }
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
      exchange.sendResponseHeaders(answer.status(), answer.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
  }

  private record Answer(int status, String contentType, byte[] body) {}

  private Answer answer(HttpExchange exchange, byte[] body)
      throws IOException, InterruptedException {
    String path = exchange.getRequestURI().getRawPath();
    Matcher rrset = RRSET_PATH.matcher(path);
    if (exchange.getRequestMethod().equals("POST") && rrset.matches()) {
      changeRequests.incrementAndGet();
      lastChangeHeaders = exchange.getRequestHeaders();
      beforeEachChange.run();
      Optional<String> refusal = refusal(rrset.group(1), body);
      if (refusal.isPresent()) {
        refusedChanges.incrementAndGet();
        return new Answer(400, "text/xml", refusal.get().getBytes(StandardCharsets.UTF_8));
      }
    }
    return toMoto(
        exchange.getRequestMethod(),
        exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(),
        exchange.getRequestHeaders(),
        body);
  }

  /**
   * Sends a request on to moto with the client's headers: moto tells the services (and accounts)
   * apart by the signature's credential scope in {@code Authorization}.
   */
  private Answer toMoto(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body)
      throws IOException, InterruptedException {
    URI target = URI.create(moto.endpoint() + rawPath + (rawQuery == null ? "" : "?" + rawQuery));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .method(
                method,
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(
        (name, values) -> {
          if (!RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            values.forEach(value -> request.header(name, value));
          }
        });
    HttpResponse<byte[]> response =
        forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse("text/xml"),
        response.body());
  }

  /** A record set as the rules compare it: TTL and the multiset of values, in wire spelling. */
  private record SetState(String ttl, List<String> values) {
    SetState {
      values = values.stream().sorted().toList();
    }
  }

  /** The error body Route 53 would send for this batch, or empty when it would apply it. */
  private Optional<String> refusal(String zoneId, byte[] body)
      throws IOException, InterruptedException {
    Document batch = parse(body);
    // State after the batch's earlier changes, by "name TYPE": empty for a set they deleted.
    Map<String, Optional<SetState>> pending = new HashMap<>();
    NodeList changes = batch.getElementsByTagName("Change");
    for (int i = 0; i < changes.getLength(); i++) {
      Element change = (Element) changes.item(i);
      String action = text(change, "Action");
      Element set = (Element) change.getElementsByTagName("ResourceRecordSet").item(0);
      if (set.getElementsByTagName("SetIdentifier").getLength() > 0
          || set.getElementsByTagName("AliasTarget").getLength() > 0) {
        // The rules are written for plain sets; routing-policy and alias sets go to moto as they
        // are.
        continue;
      }
      String name = absolute(text(set, "Name"));
      String type = text(set, "Type");
      String key = name + " " + type;
      SetState requested = state(set);
      Optional<SetState> current =
          pending.containsKey(key) ? pending.get(key) : current(zoneId, name, type);
      switch (action) {
        case "DELETE" -> {
          if (current.isEmpty()) {
            return Optional.of(error("route53-error-InvalidChangeBatch-notfound.xml", name, type));
          }
          if (!current.get().equals(requested)) {
            return Optional.of(error("route53-error-InvalidChangeBatch-mismatch.xml", name, type));
          }
          pending.put(key, Optional.empty());
        }
        case "CREATE" -> {
          if (current.isPresent()) {
            return Optional.of(error("route53-error-InvalidChangeBatch-exists.xml", name, type));
          }
          pending.put(key, Optional.of(requested));
        }
        default -> pending.put(key, Optional.of(requested));
      }
    }
    return Optional.empty();
  }

  /** moto's plain set of this name and type, read from moto directly. */
  private Optional<SetState> current(String zoneId, String name, String type)
      throws IOException, InterruptedException {
    String query =
        "name="
            + URLEncoder.encode(name, StandardCharsets.UTF_8)
            + "&type="
            + URLEncoder.encode(type, StandardCharsets.UTF_8)
            + "&maxitems=1";
    Answer listing =
        toMoto(
            "GET",
            "/2013-04-01/hostedzone/" + zoneId + "/rrset",
            query,
            withoutContentHeaders(lastChangeHeaders),
            new byte[0]);
    if (listing.status() != 200) {
      throw new IllegalStateException(
          "moto answered " + listing.status() + " to a listing: " + new String(listing.body()));
    }
    NodeList sets = parse(listing.body()).getElementsByTagName("ResourceRecordSet");
    for (int i = 0; i < sets.getLength(); i++) {
      Element set = (Element) sets.item(i);
      if (absolute(text(set, "Name")).equals(name)
          && type.equals(text(set, "Type"))
          && set.getElementsByTagName("SetIdentifier").getLength() == 0) {
        return Optional.of(state(set));
      }
    }
    return Optional.empty();
  }

  /** A change's headers for a read: its signature scope without its body's description. */
  private static Map<String, List<String>> withoutContentHeaders(
      Map<String, List<String>> headers) {
    Map<String, List<String>> kept = new HashMap<>();
    headers.forEach(
        (name, values) -> {
          if (!name.toLowerCase(Locale.ROOT).startsWith("content-")) {
            kept.put(name, values);
          }
        });
    return kept;
  }

  private static SetState state(Element set) {
    List<String> values = new ArrayList<>();
    NodeList records = set.getElementsByTagName("Value");
    for (int i = 0; i < records.getLength(); i++) {
      values.add(records.item(i).getTextContent());
    }
    return new SetState(Optional.ofNullable(text(set, "TTL")).orElse(""), values);
  }

  /** A wire sample with its example set replaced by this one, as Route 53 names it. */
  private static String error(String sample, String name, String type) {
    String body = AwsWireStandIn.readWireFile(sample);
    return SET_IN_MESSAGE
        .matcher(body)
        .replaceFirst(Matcher.quoteReplacement("[name='" + name + "', type='" + type + "']"));
  }

  private static String absolute(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }

  private static String text(Element parent, String tag) {
    NodeList found = parent.getElementsByTagName(tag);
    for (int i = 0; i < found.getLength(); i++) {
      Node node = found.item(i);
      if (node.getParentNode() == parent) {
        return node.getTextContent();
      }
    }
    return null;
  }

  private static Document parse(byte[] xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (Exception unreadable) {
      throw new IllegalStateException(
          "not XML: " + new String(xml, StandardCharsets.UTF_8), unreadable);
    }
  }

  @Override
  public synchronized void close() {
    clients.forEach(Route53Client::close);
    clients.clear();
    server.stop(0);
    executor.shutdownNow();
  }
}
