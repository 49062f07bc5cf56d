package dev.dyndns53.local;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reverse proxies (addresses or CIDR blocks) whose {@code X-Forwarded-For} the local endpoint
 * believes, and how it finds the client behind them.
 *
 * <p>Only a request whose TCP peer is a trusted proxy has its header read. The client is then the
 * right-most address in the header that is not itself a trusted proxy: each proxy appends the
 * address it received the request from, so everything to the left of that entry was written by the
 * client and proves nothing. A header that cannot be read that way is not guessed at: the client is
 * the peer, and the answer says why so the log can.
 */
public final class TrustedProxies {
  /** No proxy trusted: every request's client is its TCP peer. */
  public static final TrustedProxies NONE = new TrustedProxies(List.of(), "");

  /** A dotted quad with no leading zeros (which some parsers read as octal). */
  private static final Pattern IPV4 =
      Pattern.compile(
          "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
              + "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");

  private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

  /** The most X-Forwarded-For entries looked at; a real chain has one or two. */
  private static final int MAX_ENTRIES = 32;

  private final List<Block> blocks;
  private final String text;

  private TrustedProxies(List<Block> blocks, String text) {
    this.blocks = blocks;
    this.text = text;
  }

  /**
   * Parses a comma-separated list of addresses and CIDR blocks ({@code 127.0.0.1, 10.0.0.0/8, ::1,
   * fd00::/8}). Names are refused: trust must not depend on DNS.
   *
   * @throws IllegalArgumentException naming the entry that is not an address or block
   */
  public static TrustedProxies parse(String list) {
    List<Block> blocks = new ArrayList<>();
    for (String entry : list.split(",", -1)) {
      String item = entry.strip();
      if (item.isEmpty()) {
        if (list.isBlank()) {
          break;
        }
        throw new IllegalArgumentException(
            "an empty entry in the trusted proxy list '" + list + "'");
      }
      int slash = item.indexOf('/');
      InetAddress address = literal(slash < 0 ? item : item.substring(0, slash));
      if (address == null) {
        throw new IllegalArgumentException(
            "'" + item + "' is not an IP address or CIDR block (such as 127.0.0.1 or 10.0.0.0/8)");
      }
      int width = address.getAddress().length * 8;
      int bits = width;
      if (slash >= 0) {
        String prefix = item.substring(slash + 1);
        bits = prefix.matches("[0-9]{1,3}") ? Integer.parseInt(prefix) : -1;
        if (bits < 0 || bits > width) {
          throw new IllegalArgumentException(
              "'" + item + "' has a prefix length outside 0 to " + width);
        }
      }
      blocks.add(new Block(address.getAddress(), bits));
    }
    return blocks.isEmpty() ? NONE : new TrustedProxies(List.copyOf(blocks), list.strip());
  }

  /** True when no proxy is trusted. */
  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  /** Whether {@code address} is one of the trusted proxies. */
  public boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    for (Block block : blocks) {
      if (block.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The client of a request.
   *
   * @param address the client's address, in the form the handler gets it
   * @param note why the header was not used, for the log, or null when nothing needs saying
   */
  record Client(String address, String note) {}

  /**
   * Finds the client of a request that arrived from {@code peer} with these {@code X-Forwarded-For}
   * values (in arrival order; empty when there were none).
   */
  Client client(InetAddress peer, List<String> forwardedFor) {
    String peerText = peer.getHostAddress();
    if (!contains(peer)) {
      // Anyone can write the header; only a trusted proxy's copy means anything.
      return new Client(peerText, null);
    }
    List<String> entries = new ArrayList<>();
    for (String value : forwardedFor) {
      for (String entry : value.split(",", -1)) {
        entries.add(entry.strip());
      }
    }
    if (entries.isEmpty()) {
      return new Client(
          peerText,
          "the request came from trusted proxy "
              + peerText
              + " without X-Forwarded-For; the client is taken to be the proxy");
    }
    InetAddress leftMost = null;
    for (int i = entries.size() - 1, seen = 0; i >= 0; i--, seen++) {
      if (seen == MAX_ENTRIES) {
        return fallBack(peerText, "has more than " + MAX_ENTRIES + " entries");
      }
      InetAddress address = literal(entries.get(i));
      if (address == null) {
        return fallBack(
            peerText,
            "has an entry that is not an IP address ('" + printable(entries.get(i), 48) + "')");
      }
      if (!contains(address)) {
        return new Client(address.getHostAddress(), null);
      }
      leftMost = address;
    }
    // Every hop is a trusted proxy: the first of them received the request from the client.
    return new Client(leftMost.getHostAddress(), null);
  }

  private static Client fallBack(String peer, String problem) {
    return new Client(
        peer,
        "X-Forwarded-For from trusted proxy "
            + peer
            + " "
            + problem
            + "; the client is taken to be the proxy");
  }

  /**
   * An IP address literal, or null. {@link InetAddress#getByName} is only reached with text that it
   * reads as a literal, never as a name to look up.
   */
  static InetAddress literal(String text) {
    boolean v4 = IPV4.matcher(text).matches();
    boolean v6 = !v4 && text.indexOf(':') >= 0 && IPV6_CHARACTERS.matcher(text).matches();
    if (!v4 && !v6) {
      return null;
    }
    try {
      // "::ffff:a.b.c.d" comes back as the IPv4 address, which is what such a peer looks like too.
      return InetAddress.getByName(text);
    } catch (UnknownHostException | IllegalArgumentException notALiteral) {
      return null;
    }
  }

  private static String printable(String text, int max) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f && c != '\'' ? c : '?');
    }
    return text.length() > max ? out + "…" : out.toString();
  }

  @Override
  public String toString() {
    return text.isEmpty() ? "none" : text;
  }

  /** An address block: the first {@code bits} bits of {@code network}. */
  private record Block(byte[] network, int bits) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit += 8) {
        int mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
