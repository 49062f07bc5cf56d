package dev.dyndns53.status;

import dev.dyndns53.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a {@link StatusView} as a page (HTML without JavaScript, no external assets, one inline
 * style sheet allowed by its hash in a strict Content-Security-Policy, an inline SVG timeline per
 * host) or as JSON. Every value that a client or the configuration controls is escaped.
 */
public final class StatusPage {
  private static final String STYLE =
      "body{font:15px/1.4 system-ui,sans-serif;margin:1.5em;color:#1b1f24;background:#fff}"
          + "h1{font-size:1.3em}table{border-collapse:collapse;width:100%}"
          + "th,td{text-align:left;padding:.35em .6em;border-bottom:1px solid #d0d7de;vertical-align:top}"
          + "th{background:#f6f8fa}.addr{font-family:ui-monospace,monospace}"
          + ".src{color:#9a6700;font-size:.85em}.muted{color:#57606a}"
          + "svg{display:block}.axis{stroke:#8c959f;stroke-width:1}"
          + ".point{fill:#0969da}.now{fill:#1a7f37}.note{color:#9a6700}"
          + ".acme{font-family:ui-monospace,monospace;font-size:.8em;max-width:12em;"
          + "word-break:break-all}";

  private static final String STYLE_HASH = sha256(STYLE);

  /**
   * Headers of every answer of the page: nothing may load or run but the page's own style sheet.
   */
  public static final Map<String, String> SECURITY_HEADERS =
      Map.of(
          "Content-Security-Policy",
          "default-src 'none'; style-src 'sha256-"
              + STYLE_HASH
              + "'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
          "X-Content-Type-Options",
          "nosniff",
          "Referrer-Policy",
          "no-referrer",
          "Cache-Control",
          "no-store");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  static final int TIMELINE_WIDTH = 320;
  static final int TIMELINE_HEIGHT = 28;

  private StatusPage() {}

  /** The page. */
  public static String html(StatusView view) {
    StringBuilder out = new StringBuilder(4096);
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>dyndns53 status</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n<h1>dyndns53 status for ")
        .append(escape(view.user()))
        .append(view.admin() ? " (all hosts)" : "")
        .append("</h1>\n<p class=\"muted\">As of ")
        .append(TIME.format(view.at()))
        .append("; history since ")
        .append(TIME.format(view.since()))
        .append(".</p>\n");
    StatusService.limitNote(view)
        .ifPresent(n -> out.append("<p class=\"note\">").append(escape(n)).append("</p>\n"));
    out.append(
        "<table><thead><tr><th>Host</th><th>Addresses now</th><th>Last changed</th>"
            + "<th>Last asked</th><th>Client</th><th>Pending ACME</th><th>Timeline</th></tr></thead><tbody>\n");
    for (StatusView.HostView host : view.hosts()) {
      out.append("<tr><td class=\"host\">").append(escape(host.host())).append("</td><td>");
      if (host.addresses().isEmpty()) {
        out.append("<span class=\"muted\">none</span>");
      }
      for (String address : host.addresses()) {
        out.append("<div class=\"addr\">").append(escape(address)).append("</div>");
      }
      if (host.source() == StatusView.Source.HISTORY) {
        out.append("<div class=\"src\">from the history, not read now</div>");
      }
      out.append("</td><td>")
          .append(time(host.lastChanged()))
          .append("</td><td>")
          .append(time(host.lastAsked()))
          .append("</td><td class=\"client\">")
          .append(host.client().map(StatusPage::escape).orElse("<span class=\"muted\">—</span>"))
          .append("</td><td>");
      for (String value : host.pendingAcme()) {
        out.append("<div class=\"acme\">").append(escape(value)).append("</div>");
      }
      out.append("</td><td>").append(timeline(view, host)).append("</td></tr>\n");
    }
    out.append("</tbody></table>\n</body></html>\n");
    return out.toString();
  }

  /**
   * The timeline: the window as a line, one point per change (its addresses in the point's title,
   * which browsers show on hover), and the present at the right end.
   */
  static String timeline(StatusView view, StatusView.HostView host) {
    long window = Math.max(1, Duration.between(view.since(), view.at()).toSeconds());
    int y = TIMELINE_HEIGHT / 2;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(TIMELINE_WIDTH)
        .append("\" height=\"")
        .append(TIMELINE_HEIGHT)
        .append("\" role=\"img\" aria-label=\"")
        .append(host.timeline().size())
        .append(" change(s) of ")
        .append(escape(host.host()))
        .append("\"><line class=\"axis\" x1=\"4\" y1=\"")
        .append(y)
        .append("\" x2=\"")
        .append(TIMELINE_WIDTH - 4)
        .append("\" y2=\"")
        .append(y)
        .append("\"/>");
    for (StatusView.Change change : host.timeline()) {
      long offset = Duration.between(view.since(), change.at()).toSeconds();
      double x = 4 + (TIMELINE_WIDTH - 8) * Math.min(1.0, Math.max(0.0, (double) offset / window));
      svg.append("<circle class=\"point\" cx=\"")
          .append(String.format(java.util.Locale.ROOT, "%.1f", x))
          .append("\" cy=\"")
          .append(y)
          .append("\" r=\"4\"><title>")
          .append(TIME.format(change.at()))
          .append(": ")
          .append(
              escape(
                  change.addresses().isEmpty() ? "offline" : String.join(", ", change.addresses())))
          .append("</title></circle>");
    }
    svg.append("<rect class=\"now\" x=\"")
        .append(TIMELINE_WIDTH - 6)
        .append("\" y=\"")
        .append(y - 6)
        .append("\" width=\"3\" height=\"12\"/></svg>");
    return svg.toString();
  }

  /** The same data as JSON. */
  public static String json(StatusView view) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("user", view.user());
    root.put("admin", view.admin());
    root.put("at", view.at().toString());
    root.put("since", view.since().toString());
    List<Object> hosts = new ArrayList<>();
    for (StatusView.HostView host : view.hosts()) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("host", host.host());
      h.put("addresses", host.addresses());
      h.put("addressesFrom", host.source().name().toLowerCase(java.util.Locale.ROOT));
      h.put("lastChanged", host.lastChanged().map(Instant::toString).orElse(null));
      h.put("lastAsked", host.lastAsked().map(Instant::toString).orElse(null));
      h.put("client", host.client().orElse(null));
      h.put("pendingAcme", host.pendingAcme());
      List<Object> timeline = new ArrayList<>();
      for (StatusView.Change change : host.timeline()) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("at", change.at().toString());
        c.put("addresses", change.addresses());
        c.put("client", change.client().orElse(null));
        timeline.add(c);
      }
      h.put("timeline", timeline);
      hosts.add(h);
    }
    root.put("hosts", hosts);
    return Json.write(root) + "\n";
  }

  private static String time(Optional<Instant> at) {
    return at.map(TIME::format).orElse("<span class=\"muted\">—</span>");
  }

  /** Escapes text for HTML element content and double-quoted attribute values. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // Control characters would make the page invalid; show them as a replacement.
          out.append(c < 0x20 && c != '\t' ? '\uFFFD' : c);
        }
      }
    }
    return out.toString();
  }

  private static String sha256(String text) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }
}
