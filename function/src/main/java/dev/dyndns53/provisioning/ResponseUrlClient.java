package dev.dyndns53.provisioning;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * PUTs a custom resource's answer to CloudFormation's pre-signed S3 URL. Without an answer
 * CloudFormation waits an hour for the resource, so an I/O failure is tried three times.
 */
final class ResponseUrlClient {
  private static final int ATTEMPTS = 3;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private ResponseUrlClient() {}

  /**
   * Sends {@code body}.
   *
   * @throws UncheckedIOException when no attempt got a 2xx answer
   */
  static void put(URI url, String body) {
    IOException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        int status = putOnce(url, body.getBytes(StandardCharsets.UTF_8));
        if (status / 100 == 2) {
          return;
        }
        last = new IOException("the response URL answered HTTP " + status);
      } catch (IOException failed) {
        last = failed;
      }
    }
    throw new UncheckedIOException("could not send the answer to CloudFormation", last);
  }

  private static int putOnce(URI url, byte[] body) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
    try {
      connection.setRequestMethod("PUT");
      connection.setConnectTimeout((int) TIMEOUT.toMillis());
      connection.setReadTimeout((int) TIMEOUT.toMillis());
      connection.setDoOutput(true);
      // The URL is pre-signed for an empty content type (as AWS's own cfn-response module sends).
      connection.setRequestProperty("Content-Type", "");
      connection.setFixedLengthStreamingMode(body.length);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }
      return connection.getResponseCode();
    } finally {
      connection.disconnect();
    }
  }
}
