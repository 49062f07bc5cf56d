package dev.dyndns53.local;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.x request off a socket, strictly and within limits: a request line, header
 * fields, and a body of exactly {@code Content-Length} bytes. Anything else it can read is {@link
 * Refused} with a sentence saying why, so the server can answer it like any other request.
 *
 * <p>Bytes are read as ISO-8859-1 (one char per byte), so nothing a client sends is lost or
 * reinterpreted here; what the characters mean is decided later ({@link LocalEvents}).
 */
final class RequestReader {

  /** What reading the request line and header fields produced. */
  sealed interface HeadResult permits Head, Refused, NoRequest {}

  /** What reading the body produced. */
  sealed interface BodyResult permits Body, Refused {}

  /**
   * A request line and header fields that follow HTTP/1.1's syntax.
   *
   * @param method the method token, as sent (case matters in HTTP)
   * @param target the request target, as sent, one char per byte
   * @param version {@code HTTP/1.0} or {@code HTTP/1.1}
   * @param headers field values by name, names as the client spelled them (the first spelling wins
   *     when a name comes twice in different cases), in arrival order
   * @param contentLength the body length the client announced, 0 when it announced none
   */
  record Head(
      String method,
      String target,
      String version,
      Map<String, List<String>> headers,
      long contentLength)
      implements HeadResult {
    /** The last value of a header, names compared case-insensitively, or null. */
    String header(String name) {
      for (Map.Entry<String, List<String>> field : headers.entrySet()) {
        if (field.getKey().equalsIgnoreCase(name)) {
          return field.getValue().get(field.getValue().size() - 1);
        }
      }
      return null;
    }
  }

  /** The body bytes. */
  record Body(byte[] bytes) implements BodyResult {}

  /**
   * A request that cannot be served as sent.
   *
   * @param problem why, in a sentence fit for the log (it never quotes header values)
   * @param method the method token when the request line got that far and it is a token, or null
   * @param target the request target when the request line was read, or null
   * @param userAgent the User-Agent when the header fields were read, or null
   */
  record Refused(String problem, String method, String target, String userAgent)
      implements HeadResult, BodyResult {}

  /** The connection closed, or stayed silent, before the first byte of a request. */
  record NoRequest() implements HeadResult {}

  /**
   * Size and time limits.
   *
   * @param headBytes the request line and header fields together, line ends included
   * @param bodyBytes the largest body accepted
   * @param idleTimeout the longest a client may stay silent in the middle of its request
   * @param requestTimeout the longest a client may take to send its whole request
   */
  record Limits(int headBytes, int bodyBytes, Duration idleTimeout, Duration requestTimeout) {
    /**
     * API Gateway (REST) accepts at most 10,240 bytes of request line and header values together,
     * so a router that works with the local endpoint works with the deployed one. Bodies: a dyndns2
     * form is a few hundred bytes. Time: a router sends its request in one go; 10 s of silence or
     * 20 s in all (the Lambda timeout) is a client that is not coming.
     */
    static final Limits DEFAULT =
        new Limits(10 * 1024, 16 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(20));
  }

  /** Leading empty lines tolerated before the request line (RFC 9112, section 2.2). */
  private static final int MAX_LEADING_EMPTY_LINES = 4;

  private final Socket socket;
  private final InputStream in;
  private final Limits limits;
  private final long deadline;
  private int headBytesLeft;
  private boolean anyByteRead;

  RequestReader(Socket socket, Limits limits) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 4096);
    this.limits = limits;
    this.deadline = System.nanoTime() + limits.requestTimeout().toNanos();
    this.headBytesLeft = limits.headBytes();
  }

  /** Reads the request line and the header fields. */
  HeadResult readHead() {
    String method = null;
    String target = null;
    try {
      String line = readLine();
      for (int empty = 0;
          line != null && line.isEmpty() && empty < MAX_LEADING_EMPTY_LINES;
          empty++) {
        line = readLine();
      }
      if (line == null) {
        // Nothing, or only empty lines (some clients send a CRLF after a request body).
        return new NoRequest();
      }
      String[] parts = line.split(" ", -1);
      if (parts.length > 0 && isToken(parts[0])) {
        method = parts[0];
      }
      if (parts.length != 3 || method == null || parts[1].isEmpty()) {
        return new Refused(
            "the request line is not 'METHOD TARGET HTTP/1.x' with single spaces",
            method,
            null,
            null);
      }
      target = parts[1];
      String version = parts[2];
      if (!version.matches("HTTP/1\\.[0-9]")) {
        return new Refused(
            "HTTP version '"
                + printable(version, 16)
                + "' is not served; send HTTP/1.1 or"
                + " HTTP/1.0",
            method,
            null,
            null);
      }
      for (int i = 0; i < target.length(); i++) {
        char c = target.charAt(i);
        if (c < 0x21 || c == 0x7f) {
          return new Refused(
              "the request target contains a control character (byte 0x"
                  + String.format("%02x", (int) c)
                  + "); escape it as %XX",
              method,
              null,
              null);
        }
      }

      Map<String, List<String>> headers = new LinkedHashMap<>();
      Map<String, String> spellings = new LinkedHashMap<>();
      String userAgent = null;
      while (true) {
        String field = readLine();
        if (field == null) {
          return new Refused(
              "the connection ended before the end of the header fields",
              method,
              target,
              userAgent);
        }
        if (field.isEmpty()) {
          break;
        }
        if (field.charAt(0) == ' ' || field.charAt(0) == '\t') {
          return new Refused(
              "a header field is folded over two lines (obsolete line folding)",
              method,
              target,
              userAgent);
        }
        int colon = field.indexOf(':');
        if (colon <= 0 || !isToken(field.substring(0, colon))) {
          return new Refused("a header line is not 'Name: value'", method, target, userAgent);
        }
        String name = field.substring(0, colon);
        String value = field.substring(colon + 1).strip();
        for (int i = 0; i < value.length(); i++) {
          char c = value.charAt(i);
          if ((c < 0x20 && c != '\t') || c == 0x7f) {
            return new Refused(
                "the value of header " + printable(name, 64) + " contains a control character",
                method,
                target,
                userAgent);
          }
        }
        String spelling = spellings.computeIfAbsent(name.toLowerCase(Locale.ROOT), lower -> name);
        headers.computeIfAbsent(spelling, n -> new ArrayList<>()).add(value);
        if (name.equalsIgnoreCase("User-Agent")) {
          userAgent = value;
        }
      }

      Head head = new Head(method, target, version, headers, 0);
      if (head.header("Transfer-Encoding") != null) {
        return new Refused(
            "Transfer-Encoding is not supported; send the body with a Content-Length",
            method,
            target,
            userAgent);
      }
      List<String> lengths = new ArrayList<>();
      headers.forEach(
          (name, values) -> {
            if (name.equalsIgnoreCase("Content-Length")) {
              values.forEach(v -> lengths.addAll(List.of(v.split(",", -1))));
            }
          });
      long contentLength = 0;
      if (!lengths.isEmpty()) {
        String first = lengths.get(0).strip();
        for (String length : lengths) {
          if (!length.strip().equals(first) || !first.matches("[0-9]{1,18}")) {
            return new Refused(
                "Content-Length is not one decimal number", method, target, userAgent);
          }
        }
        contentLength = Long.parseLong(first);
      }
      if (contentLength > limits.bodyBytes()) {
        return new Refused(
            "the body is "
                + contentLength
                + " bytes; at most "
                + limits.bodyBytes()
                + " are accepted",
            method,
            target,
            userAgent);
      }
      return new Head(method, target, version, headers, contentLength);
    } catch (HeadTooLarge tooLarge) {
      return new Refused(
          "the request line and header fields exceed "
              + limits.headBytes()
              + " bytes (API"
              + " Gateway's limit)",
          method,
          target,
          null);
    } catch (SocketTimeoutException slow) {
      return anyByteRead
          ? new Refused(
              "the client sent an incomplete request and then nothing for "
                  + limits.idleTimeout().toSeconds()
                  + " s, or took longer than "
                  + limits.requestTimeout().toSeconds()
                  + " s in all",
              method,
              target,
              null)
          : new NoRequest();
    } catch (EOFException ended) {
      return new Refused("the connection ended in the middle of the request", method, target, null);
    } catch (IOException broken) {
      return anyByteRead
          ? new Refused(
              "the connection failed in the middle of the request ("
                  + broken.getClass().getSimpleName()
                  + ")",
              method,
              target,
              null)
          : new NoRequest();
    }
  }

  /** Reads the body the head announced. */
  BodyResult readBody(Head head) {
    if (head.contentLength() == 0) {
      return new Body(new byte[0]);
    }
    byte[] body = new byte[(int) head.contentLength()];
    int filled = 0;
    try {
      while (filled < body.length) {
        armTimeout();
        int n = in.read(body, filled, body.length - filled);
        if (n < 0) {
          return new Refused(
              "the connection ended after "
                  + filled
                  + " of the "
                  + body.length
                  + " body bytes announced by Content-Length",
              head.method(),
              head.target(),
              head.header("User-Agent"));
        }
        filled += n;
      }
    } catch (IOException slowOrBroken) {
      return new Refused(
          "the body did not arrive: "
              + filled
              + " of "
              + body.length
              + " bytes ("
              + slowOrBroken.getClass().getSimpleName()
              + ")",
          head.method(),
          head.target(),
          head.header("User-Agent"));
    }
    return new Body(body);
  }

  /**
   * Reads up to and without the next LF (and a CR before it), or returns null at the end of the
   * stream before any byte of the line. Bytes count against the head limit.
   */
  private String readLine() throws IOException, HeadTooLarge {
    StringBuilder line = new StringBuilder(64);
    while (true) {
      if (headBytesLeft-- <= 0) {
        throw new HeadTooLarge();
      }
      armTimeout();
      int b = in.read();
      if (b < 0) {
        if (line.isEmpty()) {
          return null;
        }
        throw new EOFException("the stream ended in the middle of a line");
      }
      anyByteRead = true;
      if (b == '\n') {
        int last = line.length() - 1;
        if (last >= 0 && line.charAt(last) == '\r') {
          line.setLength(last);
        }
        return line.toString();
      }
      line.append((char) b);
    }
  }

  /** Bounds the next read by the idle timeout and what is left of the request's time. */
  private void armTimeout() throws IOException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("request time used up");
    }
    long millis = Math.max(1, Math.min(limits.idleTimeout().toMillis(), left / 1_000_000));
    socket.setSoTimeout((int) millis);
  }

  /** HTTP's token characters (RFC 9110, section 5.6.2). */
  static boolean isToken(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Text from the client for a log sentence: printable ASCII only, cut to {@code max}. */
  private static String printable(String text, int max) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }

  /**
   * The head limit was reached. An exception because it can strike in any of the nested reads;
   * {@link #readHead} turns it into a {@link Refused}, so it never leaves this class.
   */
  private static final class HeadTooLarge extends Exception {
    HeadTooLarge() {
      super(null, null, false, false);
    }
  }
}
