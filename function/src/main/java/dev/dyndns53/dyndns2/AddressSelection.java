package dev.dyndns53.dyndns2;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The addresses a request asks for: at most one IPv4 and one IPv6 address, from {@code myip} and
 * {@code myipv6}, or the request's source address when the client named none it could use.
 *
 * @param v4 the IPv4 address to write to A records, if any
 * @param v6 the IPv6 address to write to AAAA records, if any
 * @param fromSource whether the addresses came from the request's source address
 * @param notes sentences for the log about values that were ignored
 */
public record AddressSelection(
    Optional<IpAddress> v4, Optional<IpAddress> v6, boolean fromSource, List<String> notes) {

  private static final int MAX_LOGGED_VALUE = 64;

  public AddressSelection {
    notes = List.copyOf(notes);
  }

  public boolean isEmpty() {
    return v4.isEmpty() && v6.isEmpty();
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
   * <p>Values arrive percent-decoded once, by the entry point, as for every parameter; they are
   * not decoded again (inadyn's custom provider sends {@code 2001%3adb8%3a%3a7}, which arrives
   * here as {@code 2001:db8::7}; a value still holding {@code %3a} was encoded twice by the client
   * and is not an address).
   *
   * <p>Accepted spellings, from the clients in the field: one address; an IPv4 and an IPv6
   * address comma-separated in either order (ddclient 3.11+ sends v4 first, Speedport routers v6
   * first); a {@code /len} suffix, which Fritz!Box appends to its IPv6 prefix. {@code myip} empty or absent
   * means "use the address you see" (ddclient sends it empty when it knows no address). A value
   * that is not an address is ignored in favour of the source address, as Dyn did, and logged.
   */
  public static AddressSelection from(
      List<String> myip, List<String> myipv6, String sourceAddress) {
    List<String> notes = new ArrayList<>();
    IpAddress v4 = null;
    IpAddress v6 = null;
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
      Optional<IpAddress> parsed = IpAddress.parse(stripPrefixLength(value));
      if (parsed.isEmpty()) {
        notes.add("ignored " + quoted(value) + ": not an IPv4 or IPv6 address");
      } else if (parsed.get().isV4() && v4 == null) {
        v4 = parsed.get();
      } else if (!parsed.get().isV4() && v6 == null) {
        v6 = parsed.get();
      } else {
        notes.add("ignored " + quoted(value) + ": only one address of each family is used");
      }
    }
    if (v4 != null || v6 != null) {
      return new AddressSelection(Optional.ofNullable(v4), Optional.ofNullable(v6), false, notes);
    }
    Optional<IpAddress> source = IpAddress.parse(sourceAddress);
    if (anyValue) {
      notes.add("no usable address in myip/myipv6; used the source address " + source.map(IpAddress::toString).orElse("(unknown)"));
    }
    return new AddressSelection(
        source.filter(IpAddress::isV4), source.filter(a -> !a.isV4()), source.isPresent(), notes);
  }

  private static String stripPrefixLength(String value) {
    int slash = value.lastIndexOf('/');
    if (slash < 0) {
      return value;
    }
    String length = value.substring(slash + 1);
    return !length.isEmpty() && length.length() <= 3 && length.chars().allMatch(Character::isDigit)
        ? value.substring(0, slash)
        : value;
  }

  private static String quoted(String value) {
    String shown = value.length() > MAX_LOGGED_VALUE ? value.substring(0, MAX_LOGGED_VALUE) + "…" : value;
    return "'" + shown + "'";
  }
}
