package dev.dyndns53.notify;

import dev.dyndns53.config.ActivityConfig;
import dev.dyndns53.config.Dyndns53Config;
import dev.dyndns53.config.UserConfig;
import dev.dyndns53.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls users' webhooks ({@code users.<name>.webhook}): one {@code POST} of a small JSON body per
 * notification, to every user who may update the host and has a webhook. The body (documented in
 * docs/status-page.md):
 *
 * <pre>{@code
 * {"title": "home.example.com has a new address",
 *  "message": "home.example.com changed from 203.0.113.1 to 203.0.113.2 at …",
 *  "priority": 5, "event": "changed", "host": "home.example.com", "user": "alice",
 *  "before": ["203.0.113.1"], "after": ["203.0.113.2"], "at": "2026-03-01T10:00:00Z",
 *  "client": "ddclient/3.11.2"}
 * }</pre>
 *
 * {@code title}, {@code message} and {@code priority} are what Gotify's {@code /message} takes; the
 * other fields are for receivers that want them. The URL may carry a token, so it is never logged.
 */
public final class WebhookNotifier implements Notifier {
  private final Map<String, List<URI>> webhooksByHost;

  private WebhookNotifier(Map<String, List<URI>> webhooksByHost) {
    this.webhooksByHost = webhooksByHost;
  }

  /** The webhooks of the configuration's users, by the hosts each may update. */
  public static WebhookNotifier of(Dyndns53Config config) {
    ActivityConfig activity = config.activity();
    Map<String, List<URI>> byHost = new LinkedHashMap<>();
    for (UserConfig user : config.users().values()) {
      activity
          .user(user.name())
          .webhook()
          .ifPresent(
              uri ->
                  user.hosts()
                      .forEach(h -> byHost.computeIfAbsent(h, k -> new ArrayList<>()).add(uri)));
    }
    return new WebhookNotifier(byHost);
  }

  /** Whether any user has a webhook. */
  public boolean isEmpty() {
    return webhooksByHost.isEmpty();
  }

  @Override
  public void send(List<Notification> notifications, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int failed = 0;
    String lastProblem = null;
    for (Notification notification : notifications) {
      for (URI uri : webhooksByHost.getOrDefault(notification.host(), List.of())) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left < 1) {
          throw new NotifyException("Timeout", "no time left for the remaining webhooks", null);
        }
        String problem = post(uri, body(notification), (int) left);
        if (problem != null) {
          failed++;
          lastProblem = problem;
        }
      }
    }
    if (failed > 0) {
      throw new NotifyException(
          lastProblem.split(" ", 2)[0], failed + " webhook call(s) failed: " + lastProblem, null);
    }
  }

  /** The JSON body of one notification. */
  public static String body(Notification n) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", n.title());
    body.put("message", n.message());
    body.put("priority", n.kind() == Notification.Kind.SILENT ? 8 : 5);
    body.put("event", n.kind() == Notification.Kind.SILENT ? "silent" : "changed");
    body.put("host", n.host());
    body.put("user", n.user());
    body.put("before", n.before());
    body.put("after", n.after());
    body.put("at", n.at().toString());
    n.client().ifPresent(c -> body.put("client", c));
    return Json.write(body);
  }

  /** POSTs the body; returns null on a 2xx answer, else a short problem naming no URL. */
  private static String post(URI uri, String body, int timeoutMillis) {
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setConnectTimeout(timeoutMillis);
      connection.setReadTimeout(timeoutMillis);
      connection.setInstanceFollowRedirects(false);
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setRequestProperty("Content-Type", "application/json; charset=utf-8");
      connection.setRequestProperty("User-Agent", "dyndns53");
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      connection.setFixedLengthStreamingMode(bytes.length);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(bytes);
      }
      int status = connection.getResponseCode();
      return status / 100 == 2
          ? null
          : "HTTP" + status + " from the webhook of host " + uri.getHost();
    } catch (SocketTimeoutException timedOut) {
      return "Timeout calling the webhook of host " + uri.getHost();
    } catch (IOException unreachable) {
      return "Unreachable webhook of host "
          + uri.getHost()
          + " ("
          + unreachable.getClass().getSimpleName()
          + ")";
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }
}
