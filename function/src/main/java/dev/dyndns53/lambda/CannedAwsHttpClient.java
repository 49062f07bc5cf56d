package dev.dyndns53.lambda;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An in-memory HTTP client that answers the three calls of the update path with AWS's own response
 * bodies: BatchGetSecretValue, ListResourceRecordSets and ChangeResourceRecordSets (the listing is
 * always the same zone: {@code example.com} holding A 203.0.113.7 and {@code www.example.com}
 * holding A 203.0.113.9). It opens no socket, resolves no name and never looks at the signature, so
 * SDK clients built on it run their whole marshalling, signing, retry and unmarshalling pipeline
 * offline. Only {@link RequestPathPriming} uses it.
 *
 * <p>The SDK's own {@code CannedResponseHttpClient} (2.54+) answers every request with one body,
 * and {@code SdkWarmUp} also makes a real HTTP call to an AWS endpoint to warm the HTTP client,
 * which must not happen before a snapshot; hence this small client.
 */
final class CannedAwsHttpClient implements SdkHttpClient {
  private static final String RESOURCES = "priming/";

  private final byte[] secretValue = resource("secretsmanager-BatchGetSecretValue.response.json");
  private final byte[] recordSets = resource("route53-ListResourceRecordSets.response.xml");
  private final byte[] changeInfo = resource("route53-ChangeResourceRecordSets.response.xml");
  private final AtomicInteger requests = new AtomicInteger();

  /** Requests answered so far. */
  int requests() {
    return requests.get();
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    SdkHttpRequest http = request.httpRequest();
    byte[] body;
    String contentType;
    String target = http.firstMatchingHeader("X-Amz-Target").orElse("");
    String path = http.encodedPath();
    if (target.equals("secretsmanager.BatchGetSecretValue")) {
      body = secretValue;
      contentType = "application/x-amz-json-1.1";
    } else if (http.method() == SdkHttpMethod.GET && path.endsWith("/rrset")) {
      body = recordSets;
      contentType = "text/xml";
    } else if (http.method() == SdkHttpMethod.POST && path.endsWith("/rrset/")) {
      body = changeInfo;
      contentType = "text/xml";
    } else {
      throw new IllegalStateException(
          "priming sent a request it has no answer for: "
              + http.method()
              + " "
              + path
              + (target.isEmpty() ? "" : " " + target)
              + "; RequestPathPriming only knows the three calls of the update path");
    }
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        // Drain the request body as a real client would send it, so its marshalled stream runs.
        if (request.contentStreamProvider().isPresent()) {
          try (InputStream content = request.contentStreamProvider().get().newStream()) {
            content.transferTo(OutputStream.nullOutputStream());
          }
        }
        requests.incrementAndGet();
        return HttpExecuteResponse.builder()
            .response(
                SdkHttpResponse.builder()
                    .statusCode(200)
                    .putHeader("Content-Type", contentType)
                    .putHeader("Content-Length", Integer.toString(body.length))
                    .putHeader("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000")
                    .build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
            .build();
      }

      @Override
      public void abort() {}
    };
  }

  @Override
  public String clientName() {
    return "Dyndns53Priming";
  }

  @Override
  public void close() {}

  private static byte[] resource(String name) {
    try (InputStream in = CannedAwsHttpClient.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "priming answer " + RESOURCES + name + " is missing from the function jar; rebuild it");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read priming answer " + RESOURCES + name, e);
    }
  }
}
