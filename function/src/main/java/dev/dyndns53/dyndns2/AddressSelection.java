package dev.dyndns53.dyndns2;

import dev.dyndns53.address.IpAddress;
import dev.dyndns53.address.Ipv6Prefix;
import dev.dyndns53.http.HttpRequest;
import dev.dyndns53.log.LogText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * @param unreadPrefix when the request carried a parameter that looks like an IPv6 prefix (by its
 *     name or its value) and that dyndns53 does not read, why hosts with an interface id are not
 *     updated: the prefix they would follow may not be the one the router meant
 */
public record AddressSelection(
    Optional<IpAddress> v4,
    Optional<IpAddress> v6,
    Optional<Ipv6Prefix> v6Prefix,
    boolean fromSource,
    List<String> notes,
    Optional<String> unreadPrefix) {

  /**
   * The parameters that carry the router's IPv6 LAN prefix on their own, as routers and other
   * providers name them: AVM's placeholder {@code <ip6lanprefix>}, which several providers take as
   * the parameter name in the Fritz!Box URL they document, and {@code ipv6prefix} (dynv6 and
   * others). Read before a prefix inside {@code myip}: they name the LAN prefix explicitly.
   */
  public static final List<String> LAN_PREFIX_PARAMETERS = List.of("ip6lanprefix", "ipv6prefix");

  private static final int MAX_LOGGED_VALUE = 64;

  /** Unread parameter names listed in the log, each cut to {@link #MAX_LOGGED_NAME}. */
  private static final int MAX_LOGGED_NAMES = 10;

  private static final int MAX_LOGGED_NAME = 40;

  public AddressSelection {
    notes = List.copyOf(notes);
  }

  /** A selection without unread prefix parameters. */
  public AddressSelection(
      Optional<IpAddress> v4,
      Optional<IpAddress> v6,
      Optional<Ipv6Prefix> v6Prefix,
      boolean fromSource,
      List<String> notes) {
    this(v4, v6, v6Prefix, fromSource, notes, Optional.empty());
  }

  /**
   * Selects the addresses for an update request: the IPv4 and IPv6 addresses of {@code myip},
   * {@code myipv6} and dynv6's {@code ipv6}, and the LAN prefix from {@link #LAN_PREFIX_PARAMETERS}
   * or else from those values (see {@link #from(List, List, String)}).
   *
   * <p>Every parameter the request carried that no update reads is named in the notes. One that
   * looks like a prefix (its name holds "prefix", or its value is an IPv6 value with a {@code
   * /len}) is also reported as {@link #unreadPrefix}: a router that sends its LAN prefix under a
   * name dyndns53 does not know would otherwise see its LAN hosts moved to the WAN prefix.
   */
  public static AddressSelection from(HttpRequest request) {
    List<String> addressValues = new ArrayList<>(request.parameter("myipv6"));
    addressValues.addAll(request.parameter("ipv6"));
    List<String> notes = new ArrayList<>();
    Ipv6Prefix lanPrefix = null;
    for (String name : LAN_PREFIX_PARAMETERS) {
      for (String raw : request.parameter(name)) {
        String value = raw.strip();
        if (value.isEmpty()) {
          // An empty placeholder: the router has no IPv6 on the line right now.
          continue;
        }
        Optional<Ipv6Prefix> prefix = lanPrefix(value);
        if (prefix.isEmpty()) {
          notes.add("ignored " + name + "=" + quoted(value) + ": not an IPv6 prefix");
        } else if (lanPrefix == null) {
          lanPrefix = prefix.get();
          if (prefixLength(value).isEmpty()) {
            notes.add(name + "=" + quoted(value) + " has no /len; read as a /64");
          }
        } else if (!lanPrefix.equals(prefix.get())) {
          notes.add("ignored " + name + "=" + quoted(value) + ": only one IPv6 prefix is used");
        }
      }
    }
    AddressSelection selected =
        from(request.parameter("myip"), addressValues, request.sourceAddress(), lanPrefix);
    notes.addAll(0, selected.notes());

    List<String> unread = UpdateParameters.unreadNames(request);
    List<String> unreadPrefixes = new ArrayList<>();
    for (String name : unread) {
      if (looksLikePrefix(name, request.parameter(name))) {
        unreadPrefixes.add(bounded(name));
      }
    }
    if (!unread.isEmpty()) {
      List<String> shown =
          unread.stream().limit(MAX_LOGGED_NAMES).map(AddressSelection::bounded).toList();
      notes.add(
          "parameters not read: "
              + String.join(", ", shown)
              + (unread.size() > shown.size()
                  ? " and " + (unread.size() - shown.size()) + " more"
                  : ""));
    }
    Optional<String> unreadPrefix =
        unreadPrefixes.isEmpty()
            ? Optional.empty()
            : Optional.of(
                "the request carries "
                    + String.join(", ", unreadPrefixes)
                    + ", which dyndns53 does not read, and this host follows the LAN prefix;"
                    + " send the prefix as ip6lanprefix, ipv6prefix or in myip");
    return new AddressSelection(
        selected.v4(),
        selected.v6(),
        selected.v6Prefix(),
        selected.fromSource(),
        notes,
        unreadPrefix);
  }

  /** A LAN prefix parameter's value: an IPv6 prefix with {@code /len} (bits after it dropped). */
  private static Optional<Ipv6Prefix> lanPrefix(String value) {
    OptionalInt length = prefixLength(value);
    int bits = length.orElse(Ipv6Prefix.DEFAULT_LENGTH);
    if (bits < 1 || bits > 127) {
      return Optional.empty();
    }
    return IpAddress.parse(length.isPresent() ? withoutPrefixLength(value) : value)
        .filter(address -> !address.isV4())
        .map(address -> Ipv6Prefix.of(address, bits));
  }

  private static boolean looksLikePrefix(String name, List<String> values) {
    if (name.toLowerCase(Locale.ROOT).contains("prefix")) {
      return true;
    }
    for (String value : values) {
      for (String part : value.split(",", -1)) {
        String candidate = part.strip();
        if (prefixLength(candidate).isPresent()
            && IpAddress.parse(withoutPrefixLength(candidate)).filter(a -> !a.isV4()).isPresent()) {
          return true;
        }
      }
    }
    return false;
  }

  private static String bounded(String name) {
    return LogText.bounded(name, MAX_LOGGED_NAME);
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
    return from(myip, myipv6, sourceAddress, null);
  }

  /** As {@link #from(List, List, String)}, with a LAN prefix sent on its own, when not null. */
  private static AddressSelection from(
      List<String> myip, List<String> myipv6, String sourceAddress, Ipv6Prefix lanPrefix) {
    List<String> notes = new ArrayList<>();
    IpAddress v4 = null;
    IpAddress v6 = null;
    Ipv6Prefix sentPrefix = lanPrefix;
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
      } else if (hasLength && sentPrefix.equals(Ipv6Prefix.of(address, length.getAsInt()))) {
        // The same LAN prefix in myip and in its own parameter: one prefix.
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
    if (v4 != null || v6 != null || (sentPrefix != null && sentPrefix != lanPrefix)) {
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
    // A LAN prefix sent on its own goes with the source address: a Fritz!Box URL without
    // <ipaddr> still moves the router's own host to the address the request came from.
    return new AddressSelection(
        source.filter(IpAddress::isV4),
        sourceV6,
        lanPrefix != null
            ? Optional.of(lanPrefix)
            : sourceV6.map(a -> Ipv6Prefix.of(a, Ipv6Prefix.DEFAULT_LENGTH)),
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
