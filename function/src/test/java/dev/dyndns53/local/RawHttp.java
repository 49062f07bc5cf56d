package dev.dyndns53.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Raw HTTP/1.x exchanges over a socket, byte for byte, for the local server's tests. */
final class RawHttp {
  private RawHttp() {}

  /** An answer as received: the status line, the header lines as sent, and the body. */
  record Response(String statusLine, List<String> headerLines, String body, String raw) {
    int status() {
      return Integer.parseInt(statusLine.split(" ")[1]);
    }

    /** The value of a header, names compared case-insensitively, or null. */
    String header(String name) {
      for (String line : headerLines) {
        int colon = line.indexOf(':');
        if (line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).strip();
        }
      }
      return null;
    }
  }

  /** Sends a request to the server on loopback {@code port} and reads the answer to its end. */
  static Response exchange(int port, String request) {
    return exchange(null, port, request);
  }

  /**
   * Sends a request from {@code from} (a local address to bind, such as 127.0.0.2, or null for
   * any), half-closes, and reads until the server closes the connection.
   */
  static Response exchange(InetAddress from, int port, String request) {
    try (Socket socket = new Socket()) {
      if (from != null) {
        socket.bind(new InetSocketAddress(from, 0));
      }
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      socket.shutdownOutput();
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads an answer to the end of the stream. */
  static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    in.transferTo(received);
    String raw = received.toString(StandardCharsets.ISO_8859_1);
    int end = raw.indexOf("\r\n\r\n");
    assertTrue(end > 0, () -> "not an HTTP response: " + raw);
    List<String> lines = List.of(raw.substring(0, end).split("\r\n"));
    return new Response(lines.get(0), lines.subList(1, lines.size()), raw.substring(end + 4), raw);
  }
}
