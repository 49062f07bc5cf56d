package dev.dyndns53.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.x over a plain socket, byte for byte as a router sends it (no escaping, no added headers),
 * with the answer read to the end of the stream as the routers read it.
 */
final class RawHttp {
  private static final int TIMEOUT_MILLIS = 30_000;

  private RawHttp() {}

  /**
   * An answer as received.
   *
   * @param statusLine such as {@code HTTP/1.1 200 OK}
   * @param headers names in lower case
   * @param body the body bytes exactly as sent
   */
  record Response(String statusLine, Map<String, String> headers, byte[] body, String raw) {
    int status() {
      return Integer.parseInt(statusLine.split(" ")[1]);
    }

    String bodyText() {
      return new String(body, StandardCharsets.ISO_8859_1);
    }
  }

  /** {@code Basic base64(user:password)}. */
  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends {@code request} (lines joined with CRLF, then an empty line) to 127.0.0.1:{@code port},
   * records the exchange in the scenario as {@code <label>.http.txt} (Authorization values masked)
   * and returns the answer.
   */
  static Response exchange(Scenario scenario, String label, int port, String... requestLines) {
    String request = String.join("\r\n", requestLines) + "\r\n\r\n";
    byte[] received;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      in.transferTo(buffer);
      received = buffer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("HTTP exchange with 127.0.0.1:" + port + " failed", e);
    }
    Response response = parse(received);
    String shown = request.replaceAll("(?im)^(Authorization: \\S+) \\S+", "$1 (masked)");
    scenario.write(
        label + ".http.txt", ">>> request\n" + shown + "<<< response\n" + response.raw());
    scenario.summarize("-- " + label + ":\n" + Scenario.tail(shown + response.raw()));
    return response;
  }

  private static Response parse(byte[] received) {
    String raw = new String(received, StandardCharsets.ISO_8859_1);
    int end = raw.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IllegalStateException("not an HTTP response (no end of headers):\n" + raw);
    }
    String[] head = raw.substring(0, end).split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < head.length; i++) {
      int colon = head[i].indexOf(':');
      headers.put(
          head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          head[i].substring(colon + 1).strip());
    }
    byte[] body = java.util.Arrays.copyOfRange(received, end + 4, received.length);
    return new Response(head[0], headers, body, raw);
  }
}
