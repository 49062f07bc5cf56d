package dev.dyndns53.acme;

import dev.dyndns53.records.HostNames;
import dev.dyndns53.records.TxtRecordSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule that tells dyndns53's challenge records from everyone else's, and how a set changes.
 *
 * <p>A TXT record set at {@code _acme-challenge.<host>} is dyndns53's when it is a plain record set
 * (no alias, no set identifier) that holds the marker string {@value #MARKER} among its values.
 * dyndns53 writes that marker into every set it creates and removes the set when the marker is the
 * only value left. Values alone cannot tell the owner apart: a challenge value written by certbot,
 * lego's own route53 provider or a person is a 43-character base64url digest like dyndns53's, and
 * the TTL is a weak hint anyone can match. Any other TXT set at that name is left alone and
 * answered with a conflict. The marker costs one short string in the TXT answer; ACME validators
 * accept a challenge when any one of the name's TXT strings matches (RFC 8555, 8.4).
 */
final class ChallengeRecords {
  /** The marker dyndns53 writes into every challenge record set it owns. */
  static final String MARKER = "dyndns53-acme-challenge";

  /** The TTL of the challenge records: short, as the records live for one validation. */
  static final long TTL = 60;

  /** The prefix of a DNS-01 challenge name (RFC 8555, 8.4). */
  static final String PREFIX = "_acme-challenge.";

  /**
   * Challenge values at one name at the same time. A certificate for a name and its wildcard needs
   * two, and several certificates for one name may be ordered at once (ten concurrent presents are
   * tested); far more means a client that never cleans up. Sixteen 43-character values and the
   * marker make an answer of about 800 bytes, which every validator reads over EDNS or TCP.
   */
  static final int MAX_VALUES = 16;

  // A DNS-01 value is the base64url SHA-256 digest of the key authorization: 43 characters of
  // this alphabet (RFC 8555, 8.4). The bound leaves room for other digests, and the alphabet keeps
  // every value a TXT string that needs no escaping.
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final String QUOTED_MARKER = TxtRecordSet.quoted(MARKER);

  private ChallengeRecords() {}

  static boolean isValue(String value) {
    return value != null && VALUE.matcher(value).matches();
  }

  /** Whether a challenge value is the marker itself, which a client may not add or remove. */
  static boolean isMarker(String value) {
    return MARKER.equals(value);
  }

  /**
   * The host of a challenge name, {@code _acme-challenge.<host>} with an optional trailing dot,
   * under the same host-name rule as updates ({@link HostNames#check}), or why it is none. Only
   * ASCII letters of the prefix compare case-insensitively, and nothing is stripped: a fold of the
   * whole name would turn {@code _acme-challenge.\u212Aiosk…} (KELVIN SIGN) into {@code kiosk}.
   */
  static HostNames.Checked hostOf(String fqdn) {
    if (fqdn.length() < PREFIX.length()
        || !HostNames.asciiLowerCase(fqdn.substring(0, PREFIX.length())).equals(PREFIX)) {
      return new HostNames.Checked(null, "it does not start with " + PREFIX);
    }
    return HostNames.check(fqdn.substring(PREFIX.length()));
  }

  /** Whether dyndns53 created this set, so it may change it. */
  static boolean ours(TxtRecordSet set) {
    return set.plain() && set.values().contains(QUOTED_MARKER);
  }

  /** The challenge values of one of our sets, in wire form, without the marker. */
  static List<String> values(Optional<TxtRecordSet> set) {
    List<String> values = new ArrayList<>();
    set.ifPresent(
        s -> s.values().stream().filter(v -> !v.equals(QUOTED_MARKER)).forEach(values::add));
    return values;
  }

  /** The set to write for these challenge values (wire form), or empty to remove the set. */
  static Optional<TxtRecordSet> withValues(List<String> values) {
    if (values.isEmpty()) {
      return Optional.empty();
    }
    List<String> all = new ArrayList<>(values.size() + 1);
    all.add(QUOTED_MARKER);
    all.addAll(values);
    return Optional.of(new TxtRecordSet(TTL, all, true));
  }
}
