package dev.dyndns53.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the one answer of a connection: a status line with its reason phrase, the header fields, a
 * {@code Content-Length} (ddclient 3.10 misreads chunked bodies) and {@code Connection: close}
 * (ddclient and inadyn read to the end of the stream), then the body, in one write.
 */
final class ResponseWriter {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  /**
   * Every status RFC 9110 (section 15) defines, with its phrase: the handler may answer any of them
   * (the ACME path sends 409 for a CNAME in the way), and a router that shows or matches the phrase
   * should read the right one. A status outside the table goes out with an empty phrase, which RFC
   * 9112 allows, rather than a made-up one.
   */
  private static final Map<Integer, String> REASON_PHRASES =
      Map.ofEntries(
          Map.entry(100, "Continue"),
          Map.entry(101, "Switching Protocols"),
          Map.entry(200, "OK"),
          Map.entry(201, "Created"),
          Map.entry(202, "Accepted"),
          Map.entry(203, "Non-Authoritative Information"),
          Map.entry(204, "No Content"),
          Map.entry(205, "Reset Content"),
          Map.entry(206, "Partial Content"),
          Map.entry(300, "Multiple Choices"),
          Map.entry(301, "Moved Permanently"),
          Map.entry(302, "Found"),
          Map.entry(303, "See Other"),
          Map.entry(304, "Not Modified"),
          Map.entry(305, "Use Proxy"),
          Map.entry(307, "Temporary Redirect"),
          Map.entry(308, "Permanent Redirect"),
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(402, "Payment Required"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(406, "Not Acceptable"),
          Map.entry(407, "Proxy Authentication Required"),
          Map.entry(408, "Request Timeout"),
          Map.entry(409, "Conflict"),
          Map.entry(410, "Gone"),
          Map.entry(411, "Length Required"),
          Map.entry(412, "Precondition Failed"),
          Map.entry(413, "Content Too Large"),
          Map.entry(414, "URI Too Long"),
          Map.entry(415, "Unsupported Media Type"),
          Map.entry(416, "Range Not Satisfiable"),
          Map.entry(417, "Expectation Failed"),
          Map.entry(421, "Misdirected Request"),
          Map.entry(422, "Unprocessable Content"),
          Map.entry(426, "Upgrade Required"),
          // RFC 6585, which API Gateway's own throttling answer uses.
          Map.entry(429, "Too Many Requests"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(501, "Not Implemented"),
          Map.entry(502, "Bad Gateway"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(504, "Gateway Timeout"),
          Map.entry(505, "HTTP Version Not Supported"));

  private ResponseWriter() {}

  /** The reason phrase for {@code status}, or an empty one when HTTP defines none. */
  static String reasonPhrase(int status) {
    return REASON_PHRASES.getOrDefault(status, "");
  }

  /**
   * Writes the answer. Returns false, writing nothing, when the connection was answered already (a
   * stop answers requests that run past its budget while they may still be running); true
   * otherwise, even when the client is gone and the write failed.
   */
  static boolean respond(
      Connection connection,
      int status,
      Map<String, String> headers,
      String body,
      boolean headOnly) {
    if (!connection.answered.compareAndSet(false, true)) {
      return false;
    }
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head =
        new StringBuilder(256)
            .append("HTTP/1.1 ")
            .append(status)
            .append(' ')
            .append(reasonPhrase(status))
            .append("\r\n");
    Map<String, String> fields = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach(
          (name, value) -> {
            boolean ours =
                name.equalsIgnoreCase("Content-Length")
                    || name.equalsIgnoreCase("Connection")
                    || name.equalsIgnoreCase("Date")
                    || name.equalsIgnoreCase("Transfer-Encoding");
            boolean safe =
                value != null
                    && HeadParser.isToken(name)
                    && value.indexOf('\r') < 0
                    && value.indexOf('\n') < 0;
            if (!ours && safe) {
              fields.put(name, value);
            }
          });
    }
    fields.put("Date", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
    fields.put("Content-Length", Integer.toString(bytes.length));
    fields.put("Connection", "close");
    fields.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("\r\n");
    try {
      connection.write(
          head.toString().getBytes(StandardCharsets.ISO_8859_1), headOnly ? new byte[0] : bytes);
    } catch (IOException clientGone) {
      // Nothing to do: the answer was decided (and is logged); the client did not wait for it.
    }
    return true;
  }

  /** Writes a gateway answer of the server's own. */
  static boolean respond(Connection connection, ServerAnswer answer, boolean headOnly) {
    return respond(connection, answer.status(), answer.headers(), answer.body(), headOnly);
  }
}
