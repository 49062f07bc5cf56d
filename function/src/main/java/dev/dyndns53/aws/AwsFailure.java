package dev.dyndns53.aws;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * What a failed AWS call means for dyndns53, read from the SDK exception once the SDK's own retries
 * are spent: a short code for the log, whether the service refused the request itself or was merely
 * unavailable, and a description that is safe to log.
 *
 * <p>The description holds the HTTP status, AWS's error message and request id for service errors,
 * and only exception class names for client-side failures (timeouts, I/O errors, unreadable
 * responses), never a message, because a client-side message may quote a fragment of a response
 * body, and a Secrets Manager response body is a secret.
 *
 * @param code the AWS error code (such as {@code Throttling}), or for failures without one {@code
 *     Timeout}, {@code IoError}, {@code Unreadable}, {@code ServiceError} (5xx without a code),
 *     {@code Http<status>} (4xx without a code) or {@code ClientError} (anything else the SDK
 *     raised before or after the exchange, such as missing credentials)
 * @param kind whether retrying later can help
 * @param description what happened, safe to log
 */
public record AwsFailure(String code, Kind kind, String description) {

  /** Whether retrying later can help. */
  public enum Kind {
    /**
     * The service refused this request (4xx other than throttling): invalid input, missing
     * resource, access denied. The same request will fail again until something is fixed.
     */
    REJECTED,
    /** Throttled, 5xx, timed out, unreachable or unreadable: a later attempt may succeed. */
    UNAVAILABLE
  }

  public AwsFailure {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
  }

  /** Classifies an exception thrown by an SDK client call. */
  public static AwsFailure of(SdkException failure) {
    if (failure instanceof AwsServiceException service) {
      return ofService(service, service.awsErrorDetails());
    }
    if (failure instanceof SdkServiceException service) {
      return ofService(service, null);
    }
    return ofClientSide(failure);
  }

  private static AwsFailure ofService(SdkServiceException failure, AwsErrorDetails details) {
    int status = failure.statusCode();
    String awsCode = details == null ? null : details.errorCode();
    boolean transientFailure = failure.isThrottlingException() || status >= 500;
    String code;
    if (awsCode != null && !awsCode.isBlank()) {
      code = awsCode;
    } else if (status >= 500) {
      code = "ServiceError";
    } else {
      code = "Http" + status;
    }
    StringBuilder description = new StringBuilder("HTTP ").append(status).append(' ').append(code);
    String message = details == null ? null : details.errorMessage();
    if (message != null && !message.isBlank()) {
      description.append(": ").append(message);
    }
    if (failure.requestId() != null) {
      description.append(" (request id ").append(failure.requestId()).append(')');
    }
    return new AwsFailure(
        code, transientFailure ? Kind.UNAVAILABLE : Kind.REJECTED, description.toString());
  }

  private static AwsFailure ofClientSide(SdkException failure) {
    String code = "ClientError";
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (isTimeout(t)) {
        code = "Timeout";
        break;
      }
      if (isUnreadable(t)) {
        code = "Unreadable";
        break;
      }
      if (t instanceof IOException) {
        code = "IoError";
        // Keep looking: a parse error or timeout deeper in the chain says more.
      }
    }
    return new AwsFailure(code, Kind.UNAVAILABLE, code + ": " + classChain(failure));
  }

  private static boolean isTimeout(Throwable t) {
    // The SDK's call and attempt timers raise their own types; a connect or read timeout of the
    // HTTP client surfaces as SocketTimeoutException, an InterruptedIOException.
    return t instanceof ApiCallTimeoutException
        || t instanceof ApiCallAttemptTimeoutException
        || t instanceof InterruptedIOException;
  }

  private static boolean isUnreadable(Throwable t) {
    // The SDK parses XML with StAX and JSON with its shaded Jackson, whose parse errors are
    // IOExceptions; both mean the endpoint answered something that is not the service's format.
    if (t instanceof XMLStreamException) {
      return true;
    }
    String name = t.getClass().getName();
    return name.startsWith("software.amazon.awssdk.thirdparty.jackson.")
        || name.startsWith("com.fasterxml.jackson.");
  }

  private static String classChain(Throwable failure) {
    StringBuilder chain = new StringBuilder();
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 8; t = t.getCause(), depth++) {
      if (depth > 0) {
        chain.append(" caused by ");
      }
      chain.append(t.getClass().getSimpleName());
    }
    return chain.toString();
  }
}
