package dev.dyndns53.credentials;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A user name and password from an HTTP {@code Authorization: Basic} header (RFC 7617).
 *
 * <p>{@link #toString()} never shows the password, so a record in a log line or an exception
 * message cannot leak it.
 */
public record BasicCredentials(String user, String password) {

  /** Why a header yielded no credentials; for the log, never shown to the client. */
  public enum Problem {
    MISSING,
    NOT_BASIC,
    NOT_BASE64,
    NOT_UTF8,
    NO_COLON,
    EMPTY_USER
  }

  /** The outcome of reading the header: credentials, or the problem that prevented it. */
  public record Parsed(Optional<BasicCredentials> credentials, Optional<Problem> problem) {
    static Parsed of(BasicCredentials credentials) {
      return new Parsed(Optional.of(credentials), Optional.empty());
    }

    static Parsed failed(Problem problem) {
      return new Parsed(Optional.empty(), Optional.of(problem));
    }
  }

  /**
   * Reads an {@code Authorization} header value. The user name ends at the first colon; the
   * password is everything after it and may itself contain colons. Text is UTF-8 (RFC 7617's {@code
   * charset="UTF-8"}, and what routers send for non-ASCII input).
   */
  public static Parsed parse(String header) {
    if (header == null || header.isBlank()) {
      return Parsed.failed(Problem.MISSING);
    }
    String value = header.strip();
    int space = value.indexOf(' ');
    if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Basic")) {
      return Parsed.failed(Problem.NOT_BASIC);
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(value.substring(space + 1).strip());
    } catch (IllegalArgumentException notBase64) {
      return Parsed.failed(Problem.NOT_BASE64);
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(decoded))
              .toString();
    } catch (CharacterCodingException notUtf8) {
      return Parsed.failed(Problem.NOT_UTF8);
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      return Parsed.failed(Problem.NO_COLON);
    }
    if (colon == 0) {
      // inadyn sends "Basic Og==" (":") when no credentials are configured.
      return Parsed.failed(Problem.EMPTY_USER);
    }
    return Parsed.of(new BasicCredentials(text.substring(0, colon), text.substring(colon + 1)));
  }

  @Override
  public String toString() {
    return "BasicCredentials[user=" + user + ", password=<redacted>]";
  }
}
