package dev.dyndns53.dyndns2;

import dev.dyndns53.address.IpAddress;
import dev.dyndns53.address.Ipv6Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The addresses a request asks for: at most one IPv4 and one IPv6 address, from {@code myip} and
 * {@code myipv6}, or the request's source address when the client named none it could use; and the
 * IPv6 prefix that hosts with an interface id follow.
 *
 * @param v4 the IPv4 address to write to A records, if any
 * @param v6 the IPv6 address to write to AAAA records of hosts without an interface id, if any
 * @param v6Prefix the prefix hosts with an interface id follow: the first IPv6 value sent with a
 *     {@code /len} shorter than 128 (cut to that length), else the IPv6 address cut to /64
 * @param fromSource whether the addresses came from the request's source address
 * @param notes sentences for the log about values that were ignored
 */
public record AddressSelection(
    Optional<IpAddress> v4,
    Optional<IpAddress> v6,
    Optional<Ipv6Prefix> v6Prefix,
    boolean fromSource,
    List<String> notes) {

  private static final int MAX_LOGGED_VALUE = 64;

  public AddressSelection {
    notes = List.copyOf(notes);
  }

  public boolean isEmpty() {
    return v4.isEmpty() && v6.isEmpty() && v6Prefix.isEmpty();
  }

  /** The selected addresses, IPv4 first. */
  public List<IpAddress> all() {
    List<IpAddress> all = new ArrayList<>(2);
    v4.ifPresent(all::add);
    v6.ifPresent(all::add);
    return all;
  }

  /**
   * Selects the addresses for a request.
   *
   * <p>Values arrive percent-decoded once, by the entry point, as for every parameter; they are not
   * decoded again (inadyn's custom provider sends {@code 2001%3adb8%3a%3a7}, which arrives here as
   * {@code 2001:db8::7}; a value still holding {@code %3a} was encoded twice by the client and is
   * not an address).
   *
   * <p>Accepted spellings, from the clients in the field: one address; an IPv4 and an IPv6 address
   * comma-separated in either order (ddclient 3.11+ sends v4 first, Speedport routers v6 first); a
   * {@code /len} suffix, which Fritz!Box appends to its LAN prefix ({@code <ip6lanprefix>}). {@code
   * myip} empty or absent means "use the address you see" (ddclient sends it empty when it knows no
   * address). A value that is not an address is ignored in favour of the source address, as Dyn
   * did, and logged.
   *
   * <p>An IPv6 value with a {@code /len} shorter than 128 and nothing set after those bits, such as
   * {@code 2001:db8:20:1::/64}, is a prefix, not an address: it is only {@link #v6Prefix}. An
   * address with all host bits zero is the subnet-router anycast address (RFC 4291, 2.6.1), never a
   * host's own. A value with host bits set ({@code 2001:db8::7/64}) is an address written with its
   * prefix length, and is both.
   */
  public static AddressSelection from(
      List<String> myip, List<String> myipv6, String sourceAddress) {
    List<String> notes = new ArrayList<>();
    IpAddress v4 = null;
    IpAddress v6 = null;
    Ipv6Prefix sentPrefix = null;
    Ipv6Prefix addressPrefix = null;
    boolean anyValue = false;
    List<String> values = new ArrayList<>();
    myip.forEach(value -> values.addAll(List.of(value.split(",", -1))));
    myipv6.forEach(value -> values.addAll(List.of(value.split(",", -1))));
    for (String raw : values) {
      String value = raw.strip();
      if (value.isEmpty()) {
        continue;
      }
      anyValue = true;
      OptionalInt length = prefixLength(value);
      Optional<IpAddress> parsed =
          IpAddress.parse(length.isPresent() ? withoutPrefixLength(value) : value)
              .filter(address -> length.orElse(0) <= address.bitLength());
      if (parsed.isEmpty()) {
        notes.add("ignored " + quoted(value) + ": not an IPv4 or IPv6 address");
        continue;
      }
      IpAddress address = parsed.get();
      if (address.isV4()) {
        if (v4 == null) {
          v4 = address;
        } else {
          notes.add("ignored " + quoted(value) + ": only one address of each family is used");
        }
        continue;
      }
      boolean hasLength = length.isPresent() && length.getAsInt() < 128;
      boolean isPrefix = hasLength && address.network(length.getAsInt()).equals(address);
      boolean used = false;
      if (hasLength && sentPrefix == null) {
        sentPrefix = Ipv6Prefix.of(address, length.getAsInt());
        used = true;
      }
      if (!isPrefix && v6 == null) {
        v6 = address;
        addressPrefix = Ipv6Prefix.of(address, Ipv6Prefix.DEFAULT_LENGTH);
        used = true;
      }
      if (!used) {
        notes.add(
            "ignored " + quoted(value) + ": only one IPv6 address and one IPv6 prefix are used");
      }
    }
    if (v4 != null || v6 != null || sentPrefix != null) {
      return new AddressSelection(
          Optional.ofNullable(v4),
          Optional.ofNullable(v6),
          Optional.ofNullable(sentPrefix != null ? sentPrefix : addressPrefix),
          false,
          notes);
    }
    Optional<IpAddress> source = IpAddress.parse(sourceAddress);
    if (anyValue) {
      notes.add(
          "no usable address in myip/myipv6; used the source address "
              + source.map(IpAddress::toString).orElse("(unknown)"));
    }
    Optional<IpAddress> sourceV6 = source.filter(a -> !a.isV4());
    return new AddressSelection(
        source.filter(IpAddress::isV4),
        sourceV6,
        sourceV6.map(a -> Ipv6Prefix.of(a, Ipv6Prefix.DEFAULT_LENGTH)),
        source.isPresent(),
        notes);
  }

  /** The {@code /len} at the end of a value, if it has one of one to three digits. */
  private static OptionalInt prefixLength(String value) {
    int slash = value.lastIndexOf('/');
    if (slash < 0) {
      return OptionalInt.empty();
    }
    String length = value.substring(slash + 1);
    return !length.isEmpty()
            && length.length() <= 3
            && length.chars().allMatch(c -> c >= '0' && c <= '9')
        ? OptionalInt.of(Integer.parseInt(length))
        : OptionalInt.empty();
  }

  private static String withoutPrefixLength(String value) {
    return value.substring(0, value.lastIndexOf('/'));
  }

  private static String quoted(String value) {
    String shown =
        value.length() > MAX_LOGGED_VALUE ? value.substring(0, MAX_LOGGED_VALUE) + "…" : value;
    return "'" + shown + "'";
  }
}
