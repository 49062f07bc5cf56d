package dev.dyndns53.address;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address parsed from its literal text only. Parsing never resolves a name: a
 * {@code myip} that is not an address literal is simply not an address.
 */
public final class IpAddress {
  private final byte[] bytes;
  private final String text;

  private IpAddress(byte[] bytes) {
    this.bytes = bytes;
    this.text = bytes.length == 4 ? formatV4(bytes) : formatV6(bytes);
  }

  /**
   * Parses an address literal: dotted-quad IPv4, or IPv6 in any RFC 4291 text form (optionally in
   * brackets, optionally with an embedded IPv4 tail). Anything else, including names, zone ids
   * ({@code %eth0}) and legacy IPv4 forms such as {@code 127.1}, is empty.
   */
  public static Optional<IpAddress> parse(String literal) {
    if (literal == null) {
      return Optional.empty();
    }
    String s = literal.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.indexOf(':') >= 0) {
      return parseV6(s).map(IpAddress::new);
    }
    return parseV4(s).map(IpAddress::new);
  }

  private static Optional<byte[]> parseV4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      // Leading zeros are refused: some stacks read "010" as octal 8.
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
        return Optional.empty();
      }
      int value = 0;
      for (char c : p.toCharArray()) {
        if (c < '0' || c > '9') {
          return Optional.empty();
        }
        value = value * 10 + (c - '0');
      }
      if (value > 255) {
        return Optional.empty();
      }
      out[i] = (byte) value;
    }
    return Optional.of(out);
  }

  private static Optional<byte[]> parseV6(String s) {
    if (s.isEmpty() || s.length() > 45) {
      return Optional.empty();
    }
    byte[] tail = null;
    int lastColon = s.lastIndexOf(':');
    if (s.indexOf('.', lastColon) >= 0) {
      Optional<byte[]> v4 = parseV4(s.substring(lastColon + 1));
      if (v4.isEmpty()) {
        return Optional.empty();
      }
      tail = v4.get();
      s = s.substring(0, lastColon + 1) + "0:0";
    }
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return Optional.empty();
    }
    int[] groups = new int[8];
    if (gap >= 0) {
      int[] head = groups(s.substring(0, gap));
      int[] rest = groups(s.substring(gap + 2));
      if (head == null || rest == null || head.length + rest.length > 7) {
        return Optional.empty();
      }
      System.arraycopy(head, 0, groups, 0, head.length);
      System.arraycopy(rest, 0, groups, 8 - rest.length, rest.length);
    } else {
      int[] all = groups(s);
      if (all == null || all.length != 8) {
        return Optional.empty();
      }
      groups = all;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < 8; i++) {
      out[2 * i] = (byte) (groups[i] >> 8);
      out[2 * i + 1] = (byte) groups[i];
    }
    if (tail != null) {
      System.arraycopy(tail, 0, out, 12, 4);
    }
    return Optional.of(out);
  }

  /** Parses colon-separated hex groups; null when malformed. An empty string is no groups. */
  private static int[] groups(String s) {
    if (s.isEmpty()) {
      return new int[0];
    }
    String[] parts = s.split(":", -1);
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 4) {
        return null;
      }
      int value = 0;
      for (char c : p.toCharArray()) {
        int digit = Character.digit(c, 16);
        if (digit < 0) {
          return null;
        }
        value = value * 16 + digit;
      }
      out[i] = value;
    }
    return out;
  }

  public boolean isV4() {
    return bytes.length == 4;
  }

  /**
   * Whether this address can be a router's address on the public internet. Refused unless a host
   * allows non-public addresses: private (RFC 1918, IPv6 ULA), shared CGNAT space, loopback,
   * link-local, multicast, unspecified, broadcast and reserved ranges, and IPv6 outside global
   * unicast (2000::/3). The documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24,
   * 2001:db8::/32) are accepted: they never appear as a real router's address, and examples and
   * tests everywhere use them.
   */
  public boolean isPublic() {
    int b0 = bytes[0] & 0xff;
    int b1 = bytes[1] & 0xff;
    if (isV4()) {
      return !(b0 == 0 // "this network", including the unspecified 0.0.0.0
          || b0 == 10
          || b0 == 127
          || (b0 == 100 && (b1 & 0xc0) == 64) // 100.64.0.0/10, carrier-grade NAT
          || (b0 == 169 && b1 == 254)
          || (b0 == 172 && (b1 & 0xf0) == 16)
          || (b0 == 192 && b1 == 168)
          || (b0 == 192 && b1 == 0 && (bytes[2] & 0xff) == 0) // IETF protocol assignments
          || (b0 == 198 && (b1 & 0xfe) == 18) // benchmarking
          || b0 >= 224); // multicast, reserved and broadcast
    }
    return (b0 & 0xe0) == 0x20;
  }

  /** The number of bits in this address: 32 for IPv4, 128 for IPv6. */
  public int bitLength() {
    return bytes.length * 8;
  }

  /** Whether every bit is zero: {@code 0.0.0.0} or {@code ::}. */
  public boolean isZero() {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * This address cut to its first {@code prefixLength} bits, the rest cleared: the network of
   * {@code 2001:db8:20:1::7} at /64 is {@code 2001:db8:20:1::}.
   *
   * @param prefixLength from 0 to {@link #bitLength()}
   */
  public IpAddress network(int prefixLength) {
    if (prefixLength < 0 || prefixLength > bitLength()) {
      throw new IllegalArgumentException(
          "prefix length " + prefixLength + " outside 0.." + bitLength());
    }
    byte[] out = bytes.clone();
    for (int bit = prefixLength; bit < bitLength(); bit++) {
      out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return new IpAddress(out);
  }

  /**
   * Whether only the last {@code hostBits} bits may be set, so that this value fits in the host
   * part of a prefix of length {@code bitLength() - hostBits}: {@code ::1:2:3:4} fits in 64 bits.
   */
  public boolean fitsInLastBits(int hostBits) {
    int prefixLength = bitLength() - Math.max(0, Math.min(hostBits, bitLength()));
    return network(prefixLength).isZero();
  }

  /**
   * The bits of this address and of {@code other} together (bitwise OR): a prefix and an interface
   * id whose bits do not overlap make one address.
   */
  public IpAddress or(IpAddress other) {
    if (other.bytes.length != bytes.length) {
      throw new IllegalArgumentException("cannot combine an IPv4 and an IPv6 address");
    }
    byte[] out = new byte[bytes.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (bytes[i] | other.bytes[i]);
    }
    return new IpAddress(out);
  }

  /** The address in its canonical text: dotted quad, or RFC 5952 lower-case compressed IPv6. */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IpAddress that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  private static String formatV4(byte[] b) {
    return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
  }

  private static String formatV6(byte[] b) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    // RFC 5952: compress the longest run of two or more zero groups, the first one on a tie.
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder out = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }
}
