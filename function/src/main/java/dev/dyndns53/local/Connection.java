package dev.dyndns53.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/** One accepted connection, which carries exactly one request and one answer. */
final class Connection {
  final Socket socket;
  final String requestId = UUID.randomUUID().toString();
  final long started = System.nanoTime();

  /** Set by the first answer; a stop may answer while the request is still being served. */
  final AtomicBoolean answered = new AtomicBoolean();

  private final ReentrantLock writing = new ReentrantLock();

  /** The request's head once it was read, for a stop that answers it. */
  volatile RequestParts.Head head;

  /** Whether a byte of the request arrived; a stop closes connections still waiting for one. */
  private volatile boolean requestStarted;

  /** The client's address: the TCP peer, or the client a trusted proxy forwarded for. */
  private volatile String client;

  Connection(Socket socket) {
    this.socket = socket;
    this.client = peer();
  }

  /** The TCP peer's address. */
  String peer() {
    return socket.getInetAddress().getHostAddress();
  }

  /** The client's address, as the handler and the log see it. */
  String source() {
    return client;
  }

  void forwardedFor(String address) {
    this.client = address;
  }

  void requestStarted() {
    requestStarted = true;
  }

  /** True once the first byte of the request arrived. */
  boolean hasRequestStarted() {
    return requestStarted;
  }

  /** Milliseconds since the connection was accepted. */
  long elapsedMillis() {
    return (System.nanoTime() - started) / 1_000_000;
  }

  void writeInterim(String text) throws IOException {
    write(text.getBytes(StandardCharsets.ISO_8859_1), new byte[0]);
  }

  void write(byte[] head, byte[] body) throws IOException {
    writing.lock();
    try {
      OutputStream out = socket.getOutputStream();
      out.write(head);
      out.write(body);
      out.flush();
    } finally {
      writing.unlock();
    }
  }

  /**
   * After the output was shut down: reads and drops what the client still sends (a body not read,
   * because the request was refused first) until it closes too, for at most {@code patience} and
   * {@code maxBytes}: closing a socket with unread input makes the kernel send a reset, which can
   * destroy the answer before the client reads it.
   */
  void lingerAndClose(Duration patience, int maxBytes) {
    long deadline = System.nanoTime() + patience.toNanos();
    try (socket) {
      InputStream in = socket.getInputStream();
      byte[] sink = new byte[1024];
      int dropped = 0;
      while (dropped < maxBytes) {
        // One deadline for the whole linger: a client dripping bytes cannot stretch it.
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return;
        }
        socket.setSoTimeout((int) left);
        int n = in.read(sink);
        if (n < 0) {
          return;
        }
        dropped += n;
      }
    } catch (IOException doneAnyway) {
      // A timeout or a reset while lingering changes nothing: the answer was sent.
    }
  }

  void closeQuietly() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already closed or broken; either way it is closed now.
    }
  }
}
