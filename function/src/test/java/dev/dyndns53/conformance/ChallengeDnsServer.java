package dev.dyndns53.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A DNS server for the ACME conformance tests: UDP on loopback, answering TXT questions with what
 * moto's Route 53 holds at that moment (through {@code txtValues}), and every other question with
 * an empty answer. Pebble validates DNS-01 against it ({@code -dnsserver}), and lego's own
 * pre-check asks it too ({@code --dns.resolvers}), so what they see is exactly what dyndns53 wrote
 * to Route 53. Every TXT answer is kept, to show what was there during the order.
 *
 * <p>Only what those two clients send is understood (RFC 1035, 4.1): one question, no compression
 * in it; answers point back at the question's name.
 */
final class ChallengeDnsServer implements AutoCloseable {
  private static final int TYPE_TXT = 16;
  private static final int CLASS_IN = 1;

  /** One TXT question and the strings served for it. */
  record Answer(String name, List<String> values) {}

  private final DatagramSocket socket;
  private final Function<String, List<String>> txtValues;
  private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
  private final Thread thread;

  private ChallengeDnsServer(DatagramSocket socket, Function<String, List<String>> txtValues) {
    this.socket = socket;
    this.txtValues = txtValues;
    this.thread = new Thread(this::serve, "challenge-dns");
    thread.setDaemon(true);
  }

  /**
   * Starts on 127.0.0.1 and a free port; {@code txtValues} maps a name (no trailing dot) to
   * strings.
   */
  static ChallengeDnsServer start(Function<String, List<String>> txtValues) {
    try {
      ChallengeDnsServer server =
          new ChallengeDnsServer(
              new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
              txtValues);
      server.thread.start();
      return server;
    } catch (SocketException e) {
      throw new IllegalStateException("could not open a UDP socket on loopback", e);
    }
  }

  /**
   * {@code 127.0.0.1:<port>}, the form pebble's {@code -dnsserver} and lego's {@code
   * --dns.resolvers} take.
   */
  String address() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  /** Every TXT answer given so far, in order. */
  List<Answer> answers() {
    synchronized (answers) {
      return List.copyOf(answers);
    }
  }

  private void serve() {
    byte[] buffer = new byte[512];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        byte[] reply = reply(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
        if (reply != null) {
          socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
        }
      } catch (IOException e) {
        if (socket.isClosed()) {
          return;
        }
      } catch (RuntimeException malformed) {
        // Not a question this server understands: no answer, as from a server that dropped it.
      }
    }
  }

  private byte[] reply(byte[] query) {
    if (query.length < 12 || (query[2] & 0x80) != 0 || qdcount(query) != 1) {
      return null;
    }
    StringBuilder name = new StringBuilder();
    int pos = 12;
    while (query[pos] != 0) {
      int length = query[pos] & 0xff;
      if (length > 63) {
        return null;
      }
      if (!name.isEmpty()) {
        name.append('.');
      }
      name.append(new String(query, pos + 1, length, StandardCharsets.US_ASCII));
      pos += 1 + length;
    }
    pos++;
    int type = ((query[pos] & 0xff) << 8) | (query[pos + 1] & 0xff);
    int questionEnd = pos + 4;

    List<String> values = List.of();
    if (type == TYPE_TXT) {
      String asked = name.toString().toLowerCase(Locale.ROOT);
      values = txtValues.apply(asked);
      answers.add(new Answer(asked, values));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(query[0]);
    out.write(query[1]);
    // QR, opcode 0, AA, RD as asked; RA; RCODE 0 (NOERROR, an empty answer when nothing is there).
    out.write(0x84 | (query[2] & 0x01));
    out.write(0x80);
    writeShort(out, 1);
    writeShort(out, values.size());
    writeShort(out, 0);
    writeShort(out, 0);
    out.write(query, 12, questionEnd - 12);
    for (String value : values) {
      byte[] text = value.getBytes(StandardCharsets.US_ASCII);
      writeShort(out, 0xc00c);
      writeShort(out, TYPE_TXT);
      writeShort(out, CLASS_IN);
      writeShort(out, 0);
      writeShort(out, 60);
      writeShort(out, text.length + 1);
      out.write(text.length);
      out.write(text, 0, text.length);
    }
    return out.toByteArray();
  }

  private static int qdcount(byte[] query) {
    return ((query[4] & 0xff) << 8) | (query[5] & 0xff);
  }

  private static void writeShort(ByteArrayOutputStream out, int value) {
    out.write((value >> 8) & 0xff);
    out.write(value & 0xff);
  }

  @Override
  public void close() {
    socket.close();
  }
}
