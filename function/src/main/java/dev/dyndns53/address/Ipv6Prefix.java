package dev.dyndns53.address;

import java.util.Optional;

/**
 * An IPv6 prefix, such as the {@code 2001:db8:20:1::/64} a Fritz!Box sends for its LAN: the first
 * {@code length} bits of {@code network}, every later bit zero. A host that declares an interface
 * id follows it: its address is the prefix plus its interface id.
 *
 * @param network the prefix's address with the host part cleared
 * @param length the number of leading bits that make the prefix, 0 to 128
 */
public record Ipv6Prefix(IpAddress network, int length) {
  /**
   * The prefix length assumed for an IPv6 value that carries none: the size of a LAN (RFC 4291).
   */
  public static final int DEFAULT_LENGTH = 64;

  public Ipv6Prefix {
    if (network.isV4()) {
      throw new IllegalArgumentException(network + " is not an IPv6 address");
    }
    if (!network.network(length).equals(network)) {
      throw new IllegalArgumentException(network + " has bits set after its first " + length);
    }
  }

  /** The prefix of {@code address} at {@code length} bits: the bits after them are dropped. */
  public static Ipv6Prefix of(IpAddress address, int length) {
    return new Ipv6Prefix(address.network(length), length);
  }

  /**
   * This prefix plus an interface id, such as {@code 2001:db8:20:1::/64} plus {@code ::1:2:3:4}:
   * {@code 2001:db8:20:1:1:2:3:4}. Empty when the interface id has bits inside the prefix (a /80
   * leaves 48 bits, too few for {@code ::1:2:3:4}).
   */
  public Optional<IpAddress> withInterfaceId(IpAddress interfaceId) {
    if (interfaceId.isV4() || !interfaceId.fitsInLastBits(128 - length)) {
      return Optional.empty();
    }
    return Optional.of(network.or(interfaceId));
  }

  /** {@code 2001:db8:20:1::/64}. */
  @Override
  public String toString() {
    return network + "/" + length;
  }
}
