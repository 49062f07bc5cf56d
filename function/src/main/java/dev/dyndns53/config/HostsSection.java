package dev.dyndns53.config;

import static dev.dyndns53.config.ConfigParser.DEFAULT_TTL;
import static dev.dyndns53.config.ConfigParser.MAX_DNS_NAME_LENGTH;
import static dev.dyndns53.config.ConfigParser.MAX_TTL;

import dev.dyndns53.address.IpAddress;
import dev.dyndns53.address.Ipv6Prefix;
import dev.dyndns53.records.HostNames;
import dev.dyndns53.records.RecordType;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code hosts}: each host name with its zone, TTL, record types and options. */
final class HostsSection {
  // Route 53's own ids start with Z; the API only promises up to 32 letters and digits, and
  // emulators such as moto issue ids without the Z.
  private static final Pattern ZONE_ID = Pattern.compile("[A-Z0-9]{1,32}");

  private final ConfigProblems problems;
  // Every well-formed host name in the file, even one with other problems, so a user that lists
  // it is not reported as well: one mistake, one message.
  private final Set<String> declaredHosts = new LinkedHashSet<>();

  HostsSection(ConfigProblems problems) {
    this.problems = problems;
  }

  Map<String, HostConfig> parseHosts(ConfigNode root) {
    Map<String, HostConfig> hosts = new LinkedHashMap<>();
    Optional<ConfigNode> hostsNode =
        root.required(
            ConfigKey.HOSTS, "add a \"hosts\" object mapping each host name to its hosted zone");
    if (hostsNode.isEmpty()
        || !hostsNode.get().isObject("map each host name to {\"zoneId\": \"Z…\"}")) {
      return hosts;
    }
    if (hostsNode.get().entries().isEmpty()) {
      problem(
          ConfigKey.HOSTS.dotted(),
          "is empty; add at least one host, such as \"home.example.com\": {\"zoneId\": \"Z…\"}");
    }
    for (Map.Entry<String, ConfigNode> entry : hostsNode.get().entries().entrySet()) {
      String rawName = entry.getKey();
      ConfigNode host = entry.getValue();
      Optional<String> name = HostNames.canonical(rawName);
      if (name.isEmpty()) {
        problem(
            host.path,
            "is not a fully qualified host name; use a name such as \"home.example.com\""
                + " (ASCII letters, digits and hyphens; write other scripts in their xn-- form)");
        continue;
      }
      boolean duplicate = !declaredHosts.add(name.get());
      if (!host.isObject("give the host an object such as {\"zoneId\": \"Z…\"}")) {
        continue;
      }
      host.allowOnly(ConfigKey.HOST);
      String zoneId =
          host.required(
                  ConfigKey.HOST_ZONE_ID,
                  "add the id of the Route 53 hosted zone that holds this name")
              .flatMap(z -> z.string())
              .map(this::bareZoneId)
              .orElse(null);
      if (zoneId != null && !ZONE_ID.matcher(zoneId).matches()) {
        problem(
            host.path + ".zoneId",
            "\""
                + zoneId
                + "\" is not a Route 53 hosted zone id (up to 32 upper-case letters"
                + " and digits); copy the id, such as Z0123456789ABCDEFGHIJ, from the Route 53 console or"
                + " 'aws route53 list-hosted-zones'");
        zoneId = null;
      }
      long ttl =
          host.optional(ConfigKey.HOST_TTL)
              .map(t -> t.integer(0, MAX_TTL, "seconds; Route 53 accepts 0 to 2147483647"))
              .orElse(Optional.of(DEFAULT_TTL))
              .orElse(DEFAULT_TTL);
      Set<RecordType> types =
          host.optional(ConfigKey.HOST_RECORD_TYPES)
              .map(this::recordTypes)
              .orElse(EnumSet.allOf(RecordType.class));
      boolean allowNonPublic =
          host.optional(ConfigKey.HOST_ALLOW_NON_PUBLIC).flatMap(ConfigNode::bool).orElse(false);
      Optional<IpAddress> interfaceId =
          host.optional(ConfigKey.HOST_IPV6_INTERFACE_ID).flatMap(id -> interfaceId(id, types));
      boolean acme = host.optional(ConfigKey.HOST_ACME).flatMap(ConfigNode::bool).orElse(false);
      if (acme && ("_acme-challenge." + name.get()).length() > MAX_DNS_NAME_LENGTH) {
        problem(
            host.path + ".acme",
            "cannot be true for this name: _acme-challenge."
                + name.get()
                + " is longer than the "
                + MAX_DNS_NAME_LENGTH
                + " characters DNS allows; use a shorter"
                + " host name for certificates, or set \"acme\": false");
      }
      if (duplicate) {
        problem(
            host.path,
            "names the same host as an earlier entry (names are case-insensitive and a"
                + " trailing dot does not count); keep one");
        continue;
      }
      if (zoneId != null) {
        hosts.put(
            name.get(),
            new HostConfig(name.get(), zoneId, ttl, types, allowNonPublic, interfaceId, acme));
      }
    }
    return hosts;
  }

  private String bareZoneId(String zoneId) {
    // The console and the CLI show ids as "/hostedzone/Z…"; SDK v2 sends a prefixed id verbatim,
    // which Route 53 rejects, so keep only the id.
    return zoneId.startsWith("/hostedzone/") ? zoneId.substring("/hostedzone/".length()) : zoneId;
  }

  /**
   * The last 64 bits of a LAN host's IPv6 address. 64 because that is the interface id of every
   * global unicast address (RFC 4291, 2.5.1) and the length of the prefix a Fritz!Box sends for its
   * LAN; a shorter prefix in a request leaves more room, never less.
   */
  private Optional<IpAddress> interfaceId(ConfigNode node, Set<RecordType> types) {
    Optional<String> text = node.string();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<IpAddress> id = IpAddress.parse(text.get()).filter(address -> !address.isV4());
    if (id.isEmpty()) {
      problem(
          node.path,
          "\""
              + text.get()
              + "\" is not an IPv6 interface id; write the last 64 bits of the"
              + " host's address after \"::\", such as \"::1:2:3:4\" for 2001:db8:20:1:1:2:3:4 (no prefix length)");
    } else if (id.get().isZero()) {
      problem(
          node.path,
          "\""
              + text.get()
              + "\" is all zeros; write the last 64 bits of the host's own"
              + " address, such as \"::1:2:3:4\"");
      id = Optional.empty();
    } else if (!id.get().fitsInLastBits(Ipv6Prefix.DEFAULT_LENGTH)) {
      problem(
          node.path,
          "\""
              + text.get()
              + "\" sets bits in the first 64 bits of the address, which are the"
              + " prefix the router sends; keep only the last 64 bits, such as \"::1:2:3:4\"");
      id = Optional.empty();
    } else if (!types.contains(RecordType.AAAA)) {
      problem(
          node.path,
          "is set, but recordTypes leaves out \"AAAA\", so it would never be used; add \"AAAA\""
              + " to recordTypes or remove ipv6InterfaceId");
      id = Optional.empty();
    }
    return id;
  }

  private Set<RecordType> recordTypes(ConfigNode node) {
    Set<RecordType> types = EnumSet.noneOf(RecordType.class);
    Optional<List<ConfigNode>> items =
        node.array("list the record types, such as [\"A\", \"AAAA\"]");
    if (items.isEmpty()) {
      return types;
    }
    if (items.get().isEmpty()) {
      problem(
          node.path,
          "is empty; list at least one of \"A\" and \"AAAA\", or leave the key out for both");
    }
    for (ConfigNode item : items.get()) {
      item.string()
          .ifPresent(
              value -> {
                try {
                  types.add(RecordType.valueOf(value));
                } catch (IllegalArgumentException unknown) {
                  problem(
                      item.path,
                      "\""
                          + value
                          + "\" is not a record type dyndns53 writes; use \"A\" or \"AAAA\"");
                }
              });
    }
    return types;
  }

  /** Every well-formed host name the file declares, including those with other problems. */
  Set<String> declaredHosts() {
    return declaredHosts;
  }

  private void problem(String path, String what) {
    problems.add(path, what);
  }
}
