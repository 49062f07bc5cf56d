package dev.dyndns53.local;

import dev.dyndns53.local.RequestParts.Body;
import dev.dyndns53.local.RequestParts.BodyResult;
import dev.dyndns53.local.RequestParts.Head;
import dev.dyndns53.local.RequestParts.HeadResult;
import dev.dyndns53.local.RequestParts.NoRequest;
import dev.dyndns53.local.RequestParts.Refused;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Reads one HTTP/1.x request off a socket within limits: a request line, header fields, and a body
 * of exactly {@code Content-Length} bytes, each line handed to a {@link HeadParser}. Anything it
 * cannot read is {@link Refused} with a sentence saying why, so the server can answer it like any
 * other request.
 *
 * <p>Bytes are read as ISO-8859-1 (one char per byte), so nothing a client sends is lost or
 * reinterpreted here; what the characters mean is decided later ({@link LocalEvents}).
 */
final class RequestReader {
  /** Leading empty lines tolerated before the request line (RFC 9112, section 2.2). */
  private static final int MAX_LEADING_EMPTY_LINES = 4;

  private final Connection connection;
  private final Socket socket;
  private final InputStream in;
  private final ServerSettings settings;
  private final long deadline;
  private final HeadParser parser;
  private int headBytesLeft;
  private boolean anyByteRead;

  RequestReader(Connection connection, ServerSettings settings) throws IOException {
    this.connection = connection;
    this.socket = connection.socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 4096);
    this.settings = settings;
    this.deadline = System.nanoTime() + settings.requestTimeout().toNanos();
    this.parser = new HeadParser(settings.bodyBytes());
    this.headBytesLeft = settings.headBytes();
  }

  /** Reads the request line and the header fields. */
  HeadResult readHead() {
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
      Refused badLine = parser.requestLine(line);
      if (badLine != null) {
        return badLine;
      }
      while (true) {
        String field = readLine();
        if (field == null) {
          return parser.refused("the connection ended before the end of the header fields");
        }
        if (field.isEmpty()) {
          return parser.finish();
        }
        Refused badField = parser.field(field);
        if (badField != null) {
          return badField;
        }
      }
    } catch (HeadTooLarge tooLarge) {
      return cut(
          "the request line and header fields exceed "
              + settings.headBytes()
              + " bytes (API Gateway's limit)");
    } catch (SocketTimeoutException slow) {
      return anyByteRead
          ? cut(
              "the client sent an incomplete request and then nothing for "
                  + settings.idleTimeout().toSeconds()
                  + " s, or took longer than "
                  + settings.requestTimeout().toSeconds()
                  + " s in all")
          : new NoRequest();
    } catch (EOFException ended) {
      return cut("the connection ended in the middle of the request");
    } catch (IOException broken) {
      return anyByteRead
          ? cut(
              "the connection failed in the middle of the request ("
                  + broken.getClass().getSimpleName()
                  + ")")
          : new NoRequest();
    }
  }

  /** A request cut short: what is known of it, but no User-Agent (its fields were not all read). */
  private Refused cut(String problem) {
    return new Refused(problem, parser.method(), parser.target(), null);
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
      if (!anyByteRead) {
        anyByteRead = true;
        connection.requestStarted();
      }
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
    long millis = Math.max(1, Math.min(settings.idleTimeout().toMillis(), left / 1_000_000));
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, millis));
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
