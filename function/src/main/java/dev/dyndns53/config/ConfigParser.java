package dev.dyndns53.config;

import dev.dyndns53.dyndns2.IpAddress;
import dev.dyndns53.dyndns2.Ipv6Prefix;
import dev.dyndns53.json.Json;
import dev.dyndns53.json.JsonSyntaxException;
import dev.dyndns53.records.HostNames;
import dev.dyndns53.records.RecordType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a dyndns53 configuration file. Every problem found is reported, each as one
 * sentence that names the file, the key and the fix, so an operator fixes the file in one pass.
 */
public final class ConfigParser {
  public static final long DEFAULT_TTL = 60;
  public static final String DEFAULT_STAGE = "v1";
  // API Gateway's own default is 10,000 requests per second; a DDNS endpoint sees a handful per
  // router per hour, and Route 53 allows 5 API calls per second per account.
  public static final double DEFAULT_RATE_LIMIT = 5;
  public static final int DEFAULT_BURST_LIMIT = 10;
  public static final int DEFAULT_LOG_RETENTION_DAYS = 30;
  public static final Duration DEFAULT_PASSWORD_TTL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_RECORD_STATE_TTL = Duration.ofMinutes(5);

  /** The longest DNS name, in its text form without the trailing dot (RFC 1035, 2.3.4). */
  static final int MAX_DNS_NAME_LENGTH = 253;

  /** Route 53 accepts TTLs from 0 to 2^31-1 seconds. */
  static final long MAX_TTL = 2_147_483_647L;

  /** The retention periods CloudWatch Logs accepts. */
  static final Set<Integer> LOG_RETENTION_DAYS =
      Set.of(
          1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
          2922, 3288, 3653);

  // Route 53's own ids start with Z; the API only promises up to 32 letters and digits, and
  // emulators such as moto issue ids without the Z.
  private static final Pattern ZONE_ID = Pattern.compile("[A-Z0-9]{1,32}");
  // User names become part of Secrets Manager secret names, so they keep to the characters those
  // allow, minus '/', which would read as a path.
  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._+=@-]{1,64}");
  private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  // Deliberately loose: one '@' with something on each side and a dot in the domain. SNS is the
  // real judge (it mails a confirmation link); this only catches a key filled with the wrong thing.
  private static final Pattern EMAIL = Pattern.compile("[^@\\s\"]+@[^@\\s\"]+\\.[^@\\s\".]+");
  private static final Pattern CERTIFICATE_ARN =
      Pattern.compile("arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[A-Za-z0-9-]+");

  private final String source;
  private final List<String> problems = new ArrayList<>();
  // Every well-formed host name in the file, even one with other problems, so a user that lists
  // it is not reported as well: one mistake, one message.
  private final Set<String> declaredHosts = new LinkedHashSet<>();

  private ConfigParser(String source) {
    this.source = source;
  }

  /** Reads and validates the file at {@code path}. */
  public static Dyndns53Config load(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException missing) {
      throw new ConfigException(
          List.of(
              path
                  + ": file not found; copy config/dyndns53.json and edit it, or pass the right path"));
    } catch (IOException unreadable) {
      throw new ConfigException(
          List.of(path + ": cannot be read (" + unreadable.getMessage() + ")"));
    }
    return parse(path.toString(), text);
  }

  /**
   * Validates configuration text.
   *
   * @param source the file name to put in messages
   */
  public static Dyndns53Config parse(String source, String text) {
    return new ConfigParser(source).parse(text);
  }

  private Dyndns53Config parse(String text) {
    Object document;
    try {
      document = Json.parse(text);
    } catch (JsonSyntaxException syntax) {
      throw new ConfigException(List.of(source + ": not valid JSON at " + syntax.getMessage()));
    }
    if (!(document instanceof Map<?, ?>)) {
      throw new ConfigException(
          List.of(source + ": the file must hold one JSON object with \"hosts\" and \"users\""));
    }
    Node root = new Node("", document);
    root.allowOnly(
        "hosts",
        "users",
        "api",
        "responseStyle",
        "logRetentionDays",
        "cache",
        "alerts",
        "history", // issue 17: ActivityConfigParser
        "notify"); // issue 17: ActivityConfigParser

    Map<String, HostConfig> hosts = parseHosts(root);
    Map<String, UserConfig> users = parseUsers(root, hosts);
    ApiConfig api = parseApi(root);
    ResponseStyle style = parseResponseStyle(root);
    int retention = parseRetention(root);
    CacheConfig cache = parseCache(root);
    AlertsConfig alerts = parseAlerts(root);
    // Issue 17: history, notifications and the status page read their own keys.
    ActivityConfig activity = ActivityConfigParser.parse(root.map(), this::problem);

    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new Dyndns53Config(hosts, users, api, style, retention, cache, alerts, activity);
  }

  private Map<String, HostConfig> parseHosts(Node root) {
    Map<String, HostConfig> hosts = new LinkedHashMap<>();
    Optional<Node> hostsNode =
        root.required("hosts", "add a \"hosts\" object mapping each host name to its hosted zone");
    if (hostsNode.isEmpty()
        || !hostsNode.get().isObject("map each host name to {\"zoneId\": \"Z…\"}")) {
      return hosts;
    }
    if (hostsNode.get().entries().isEmpty()) {
      problem(
          "hosts",
          "is empty; add at least one host, such as \"home.example.com\": {\"zoneId\": \"Z…\"}");
    }
    for (Map.Entry<String, Node> entry : hostsNode.get().entries().entrySet()) {
      String rawName = entry.getKey();
      Node host = entry.getValue();
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
      host.allowOnly(
          "zoneId",
          "ttl",
          "recordTypes",
          "allowNonPublic",
          "ipv6InterfaceId",
          "acme",
          "email"); // issue 17: ActivityConfigParser
      String zoneId =
          host.required("zoneId", "add the id of the Route 53 hosted zone that holds this name")
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
          host.optional("ttl")
              .map(t -> t.integer(0, MAX_TTL, "seconds; Route 53 accepts 0 to 2147483647"))
              .orElse(Optional.of(DEFAULT_TTL))
              .orElse(DEFAULT_TTL);
      Set<RecordType> types =
          host.optional("recordTypes")
              .map(this::recordTypes)
              .orElse(EnumSet.allOf(RecordType.class));
      boolean allowNonPublic = host.optional("allowNonPublic").flatMap(Node::bool).orElse(false);
      Optional<IpAddress> interfaceId =
          host.optional("ipv6InterfaceId").flatMap(id -> interfaceId(id, types));
      boolean acme = host.optional("acme").flatMap(Node::bool).orElse(false);
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
  private Optional<IpAddress> interfaceId(Node node, Set<RecordType> types) {
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

  private Set<RecordType> recordTypes(Node node) {
    Set<RecordType> types = EnumSet.noneOf(RecordType.class);
    Optional<List<Node>> items = node.array("list the record types, such as [\"A\", \"AAAA\"]");
    if (items.isEmpty()) {
      return types;
    }
    if (items.get().isEmpty()) {
      problem(
          node.path,
          "is empty; list at least one of \"A\" and \"AAAA\", or leave the key out for both");
    }
    for (Node item : items.get()) {
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

  private Map<String, UserConfig> parseUsers(Node root, Map<String, HostConfig> hosts) {
    Map<String, UserConfig> users = new LinkedHashMap<>();
    Optional<Node> usersNode =
        root.required(
            "users", "add a \"users\" object mapping each login to the hosts it may update");
    if (usersNode.isEmpty()
        || !usersNode.get().isObject("map each user name to {\"hosts\": [\"…\"]}")) {
      return users;
    }
    if (usersNode.get().entries().isEmpty()) {
      problem(
          "users",
          "is empty; add at least one user, such as \"edgerouter\": {\"hosts\": [\"home.example.com\"]}");
    }
    for (Map.Entry<String, Node> entry : usersNode.get().entries().entrySet()) {
      String name = entry.getKey();
      Node user = entry.getValue();
      if (name.indexOf(':') >= 0) {
        problem(
            user.path,
            "contains ':', which ends the user name in HTTP basic auth, so this user could"
                + " never log in; rename it without ':'");
        continue;
      }
      if (!USER_NAME.matcher(name).matches()) {
        problem(
            user.path,
            "is not a usable user name; use 1 to 64 of the characters A-Z a-z 0-9 . _ + = @ -");
        continue;
      }
      if (!user.isObject("give the user an object such as {\"hosts\": [\"home.example.com\"]}")) {
        continue;
      }
      user.allowOnly("hosts", "email", "webhook", "admin"); // issue 17: ActivityConfigParser
      List<String> granted = new ArrayList<>();
      Optional<List<Node>> items =
          user.required("hosts", "list the hosts this user may update")
              .flatMap(h -> h.array("list host names, such as [\"home.example.com\"]"));
      if (items.isPresent() && items.get().isEmpty()) {
        problem(user.path + ".hosts", "is empty; list at least one host this user may update");
      }
      for (Node item : items.orElse(List.of())) {
        Optional<String> raw = item.string();
        if (raw.isEmpty()) {
          continue;
        }
        Optional<String> host = HostNames.canonical(raw.get());
        if (host.isEmpty() || !declaredHosts.contains(host.get())) {
          problem(
              item.path,
              "\""
                  + raw.get()
                  + "\" is not a configured host; add it under \"hosts\" or"
                  + " remove it from this list");
        } else if (granted.contains(host.get())) {
          problem(item.path, "\"" + raw.get() + "\" is listed twice for this user; keep one");
        } else {
          granted.add(host.get());
        }
      }
      users.put(name, new UserConfig(name, granted));
    }
    return users;
  }

  private ApiConfig parseApi(Node root) {
    Optional<Node> api = root.optional("api");
    if (api.isEmpty()
        || !api.get().isObject("give \"api\" an object such as {\"stageName\": \"v1\"}")) {
      return new ApiConfig(
          DEFAULT_STAGE, DEFAULT_RATE_LIMIT, DEFAULT_BURST_LIMIT, Optional.empty());
    }
    Node node = api.get();
    node.allowOnly("stageName", "throttling", "customDomain");
    String stage = node.optional("stageName").flatMap(Node::string).orElse(DEFAULT_STAGE);
    if (!STAGE_NAME.matcher(stage).matches()) {
      problem(
          node.path + ".stageName",
          "\""
              + stage
              + "\" is not a valid stage name; use letters, digits, '-'"
              + " and '_' (the default is \"v1\")");
    }
    double rate = DEFAULT_RATE_LIMIT;
    int burst = DEFAULT_BURST_LIMIT;
    Optional<Node> throttling = node.optional("throttling");
    if (throttling.isPresent()
        && throttling
            .get()
            .isObject("give an object such as {\"rateLimit\": 5, \"burstLimit\": 10}")) {
      Node t = throttling.get();
      t.allowOnly("rateLimit", "burstLimit");
      rate =
          t.optional("rateLimit")
              .flatMap(r -> r.number(0.001, 10_000, "requests per second, more than 0"))
              .orElse(DEFAULT_RATE_LIMIT);
      burst =
          t.optional("burstLimit")
              .flatMap(b -> b.integer(1, 5_000, "requests, at least 1"))
              .map(Long::intValue)
              .orElse(DEFAULT_BURST_LIMIT);
    }
    Optional<ApiConfig.CustomDomain> domain = Optional.empty();
    Optional<Node> customDomain = node.optional("customDomain");
    if (customDomain.isPresent()
        && customDomain
            .get()
            .isObject(
                "give an object such as {\"domainName\": \"dyndns.example.com\", \"certificateArn\": \"arn:aws:acm:…\"}")) {
      Node d = customDomain.get();
      d.allowOnly("domainName", "certificateArn");
      Optional<String> domainName =
          d.required("domainName", "add the name routers will call").flatMap(Node::string);
      Optional<String> canonical = domainName.flatMap(HostNames::canonical);
      if (domainName.isPresent() && canonical.isEmpty()) {
        problem(
            d.path + ".domainName",
            "\"" + domainName.get() + "\" is not a fully qualified host name");
      }
      Optional<String> arn =
          d.required("certificateArn", "add the ARN of an ACM certificate for the domain name")
              .flatMap(Node::string);
      if (arn.isPresent() && !CERTIFICATE_ARN.matcher(arn.get()).matches()) {
        problem(
            d.path + ".certificateArn",
            "\""
                + arn.get()
                + "\" is not an ACM certificate ARN; copy it from"
                + " 'aws acm list-certificates' (arn:aws:acm:REGION:ACCOUNT:certificate/ID)");
      }
      if (canonical.isPresent() && arn.isPresent()) {
        domain = Optional.of(new ApiConfig.CustomDomain(canonical.get(), arn.get()));
      }
    }
    return new ApiConfig(stage, rate, burst, domain);
  }

  private ResponseStyle parseResponseStyle(Node root) {
    Optional<Node> node = root.optional("responseStyle");
    if (node.isEmpty()) {
      return ResponseStyle.DYNDNS2;
    }
    Optional<String> value = node.get().string();
    if (value.isEmpty()) {
      return ResponseStyle.DYNDNS2;
    }
    Optional<ResponseStyle> style = ResponseStyle.fromConfigName(value.get());
    if (style.isEmpty()) {
      problem(
          "responseStyle",
          "\""
              + value.get()
              + "\" is not a response style; use \"dyndns2\" (the default)"
              + " or \"status-codes\"");
    }
    return style.orElse(ResponseStyle.DYNDNS2);
  }

  private int parseRetention(Node root) {
    Optional<Node> node = root.optional("logRetentionDays");
    if (node.isEmpty()) {
      return DEFAULT_LOG_RETENTION_DAYS;
    }
    Optional<Long> days = node.get().integer(1, 3653, "days");
    if (days.isPresent() && !LOG_RETENTION_DAYS.contains(days.get().intValue())) {
      problem(
          "logRetentionDays",
          days.get()
              + " is not a period CloudWatch Logs offers; use one of "
              + new java.util.TreeSet<>(LOG_RETENTION_DAYS));
      return DEFAULT_LOG_RETENTION_DAYS;
    }
    return days.map(Long::intValue).orElse(DEFAULT_LOG_RETENTION_DAYS);
  }

  private CacheConfig parseCache(Node root) {
    Optional<Node> node = root.optional("cache");
    if (node.isEmpty()
        || !node.get().isObject("give an object such as {\"passwordSeconds\": 300}")) {
      return new CacheConfig(DEFAULT_PASSWORD_TTL, DEFAULT_RECORD_STATE_TTL);
    }
    Node cache = node.get();
    cache.allowOnly("passwordSeconds", "recordStateSeconds");
    Duration password =
        cache
            .optional("passwordSeconds")
            .flatMap(n -> n.integer(0, 3600, "seconds from 0 (read every time) to 3600"))
            .map(Duration::ofSeconds)
            .orElse(DEFAULT_PASSWORD_TTL);
    Duration records =
        cache
            .optional("recordStateSeconds")
            .flatMap(
                n -> n.integer(0, 86_400, "seconds from 0 (read Route 53 every time) to 86400"))
            .map(Duration::ofSeconds)
            .orElse(DEFAULT_RECORD_STATE_TTL);
    return new CacheConfig(password, records);
  }

  private AlertsConfig parseAlerts(Node root) {
    Optional<Node> node = root.optional("alerts");
    if (node.isEmpty()
        || !node.get().isObject("give an object such as {\"email\": \"ops@example.com\"}")) {
      return AlertsConfig.NONE;
    }
    Node alerts = node.get();
    alerts.allowOnly("email");
    Optional<String> email = alerts.optional("email").flatMap(Node::string);
    if (email.isPresent() && !EMAIL.matcher(email.get()).matches()) {
      problem(
          alerts.path + ".email",
          "\""
              + email.get()
              + "\" is not an email address; use one such as"
              + " \"ops@example.com\", or leave the key out and subscribe to the alarm topic yourself");
      return AlertsConfig.NONE;
    }
    return new AlertsConfig(email);
  }

  private void problem(String path, String what) {
    problems.add(source + ": " + path + " " + what);
  }

  /** A value in the document with the key path that leads to it. */
  private final class Node {
    final String path;
    final Object value;

    Node(String path, Object value) {
      this.path = path;
      this.value = value;
    }

    private String child(String key) {
      String segment = key.matches("[A-Za-z][A-Za-z0-9]*") ? key : "\"" + key + "\"";
      return path.isEmpty() ? segment : path + "." + segment;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map() {
      return (Map<String, Object>) value;
    }

    boolean isObject(String fix) {
      if (value instanceof Map<?, ?>) {
        return true;
      }
      problem(path, "must be an object; " + fix);
      return false;
    }

    Map<String, Node> entries() {
      Map<String, Node> out = new LinkedHashMap<>();
      map().forEach((k, v) -> out.put(k, new Node(child(k), v)));
      return out;
    }

    void allowOnly(String... keys) {
      Set<String> allowed = new LinkedHashSet<>(List.of(keys));
      for (String key : map().keySet()) {
        if (!allowed.contains(key)) {
          problem(
              child(key),
              "is not a known key; the keys here are "
                  + String.join(", ", allowed)
                  + " (check the spelling against the README)");
        }
      }
    }

    Optional<Node> optional(String key) {
      Object v = map().get(key);
      return v == null ? Optional.empty() : Optional.of(new Node(child(key), v));
    }

    Optional<Node> required(String key, String fix) {
      Optional<Node> node = optional(key);
      if (node.isEmpty()) {
        problem(child(key), "is missing; " + fix);
      }
      return node;
    }

    Optional<String> string() {
      if (value instanceof String s) {
        return Optional.of(s);
      }
      problem(path, "must be a string in double quotes");
      return Optional.empty();
    }

    Optional<Boolean> bool() {
      if (value instanceof Boolean b) {
        return Optional.of(b);
      }
      problem(path, "must be true or false (without quotes)");
      return Optional.empty();
    }

    Optional<List<Node>> array(String fix) {
      if (!(value instanceof List<?> list)) {
        problem(path, "must be a list; " + fix);
        return Optional.empty();
      }
      List<Node> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(new Node(path + "[" + i + "]", list.get(i)));
      }
      return Optional.of(out);
    }

    Optional<Long> integer(long min, long max, String unit) {
      if (value instanceof BigDecimal n) {
        try {
          long v = n.longValueExact();
          if (v >= min && v <= max) {
            return Optional.of(v);
          }
        } catch (ArithmeticException notWhole) {
          // reported below
        }
      }
      problem(
          path,
          "must be a whole number from " + min + " to " + max + " (" + unit + "), not " + value);
      return Optional.empty();
    }

    Optional<Double> number(double min, double max, String unit) {
      if (value instanceof BigDecimal n && n.doubleValue() >= min && n.doubleValue() <= max) {
        return Optional.of(n.doubleValue());
      }
      problem(path, "must be a number up to " + (long) max + " (" + unit + "), not " + value);
      return Optional.empty();
    }
  }
}
