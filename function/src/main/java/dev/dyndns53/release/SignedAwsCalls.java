package dev.dyndns53.release;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * SigV4-signed JSON POSTs to one AWS service, built from the SDK pieces the function jar already
 * holds (the SigV4 signer, the URL-connection HTTP client, the credentials providers) instead of
 * the Lambda and CodeDeploy SDK modules: the hook makes two kinds of call, and two whole service
 * modules (clients, models, paginators, waiters) would grow the jar that every router request's
 * function loads. This way the hook adds about 18 KB to it.
 */
final class SignedAwsCalls {
  /** What an answer is: its HTTP status, one header and the body. */
  record Answer(int status, Map<String, java.util.List<String>> headers, String body) {
    Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey() != null && entry.getKey().equalsIgnoreCase(name))
          .flatMap(entry -> entry.getValue().stream())
          .findFirst();
    }
  }

  private final URI endpoint;
  private final String signingName;
  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  SignedAwsCalls(
      URI endpoint,
      String signingName,
      Region region,
      AwsCredentialsProvider credentials,
      Duration readTimeout) {
    this.endpoint = endpoint;
    this.signingName = signingName;
    this.region = region;
    this.credentials = credentials;
    this.http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(readTimeout)
            .build();
  }

  /**
   * The service's endpoint: the standard override variables first ({@code
   * AWS_ENDPOINT_URL_<SERVICE>}, then {@code AWS_ENDPOINT_URL}), as the SDK's own clients honour
   * them, else {@code https://<service>.<region>.<partition domain>}.
   */
  static URI endpoint(Map<String, String> environment, String service, Region region) {
    for (String variable :
        new String[] {
          "AWS_ENDPOINT_URL_" + service.toUpperCase(java.util.Locale.ROOT), "AWS_ENDPOINT_URL"
        }) {
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        return URI.create(value.strip());
      }
    }
    String domain = region.metadata() == null ? "amazonaws.com" : region.metadata().domain();
    return URI.create("https://" + service + "." + region.id() + "." + domain);
  }

  /**
   * POSTs {@code body} to {@code encodedPath} (with an optional query) and returns the answer,
   * whatever its status.
   *
   * @throws UncheckedIOException when no answer came
   */
  Answer post(
      String encodedPath, Map<String, String> query, Map<String, String> headers, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest.Builder request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(endpoint)
            .encodedPath(encodedPath)
            .putHeader("Content-Length", Integer.toString(bytes.length));
    query.forEach(request::putRawQueryParameter);
    headers.forEach(request::putHeader);
    SignedRequest signed =
        signer.sign(
            sign ->
                sign.identity(credentials.resolveCredentials())
                    .request(request.build())
                    .payload(ContentStreamProvider.fromByteArrayUnsafe(bytes))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
    try {
      HttpExecuteResponse response =
          http.prepareRequest(
                  HttpExecuteRequest.builder()
                      .request(signed.request())
                      .contentStreamProvider(
                          signed.payload().orElse(ContentStreamProvider.fromByteArrayUnsafe(bytes)))
                      .build())
              .call();
      String text;
      try (InputStream in =
          response
              .responseBody()
              .map(InputStream.class::cast)
              .orElse(new ByteArrayInputStream(new byte[0]))) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return new Answer(
          response.httpResponse().statusCode(), response.httpResponse().headers(), text);
    } catch (IOException failed) {
      throw new UncheckedIOException(
          signingName + " at " + endpoint + " did not answer: " + failed.getMessage(), failed);
    }
  }
}
