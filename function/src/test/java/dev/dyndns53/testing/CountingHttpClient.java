package dev.dyndns53.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The production HTTP client with a log of every request it sends: counts AWS calls at the wire,
 * retries included, independently of the code under test's own counting.
 */
public final class CountingHttpClient implements SdkHttpClient {
  private final SdkHttpClient delegate = UrlConnectionHttpClient.create();
  private final List<String> sent = new CopyOnWriteArrayList<>();

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    sent.add(
        request.httpRequest().method()
            + " "
            + request.httpRequest().encodedPath()
            + request.httpRequest().encodedQueryParameters().map(q -> "?" + q).orElse(""));
    return delegate.prepareRequest(request);
  }

  /** Requests sent so far, as {@code METHOD /path?query}. */
  public List<String> sent() {
    return List.copyOf(sent);
  }

  /** Route 53 {@code ListResourceRecordSets} requests sent so far. */
  public long listCalls() {
    return sent.stream().filter(r -> r.startsWith("GET ") && r.contains("/rrset?")).count();
  }

  /** Route 53 {@code ChangeResourceRecordSets} requests sent so far. */
  public long changeCalls() {
    return sent.stream().filter(r -> r.startsWith("POST ") && r.endsWith("/rrset/")).count();
  }

  public void clear() {
    sent.clear();
  }

  @Override
  public String clientName() {
    return "CountingUrlConnection";
  }

  @Override
  public void close() {
    delegate.close();
  }
}
