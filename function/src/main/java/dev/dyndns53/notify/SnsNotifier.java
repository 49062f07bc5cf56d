package dev.dyndns53.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;

/**
 * Publishes notifications to the stack's topic with the {@value FilterPolicies#HOST} and {@value
 * FilterPolicies#USER} message attributes, so that the subscriptions' filter policies ({@link
 * FilterPolicies}) deliver each only to its hosts' addresses. Up to ten messages per {@code
 * PublishBatch} call: a request of 20 hosts is two calls.
 */
public final class SnsNotifier implements Notifier {
  // PublishBatch takes at most 10 entries (SNS API Reference, PublishBatch).
  private static final int MAX_BATCH = 10;
  // An email subject: at most 100 printable ASCII characters.
  private static final int MAX_SUBJECT = 100;

  private final SnsClient sns;
  private final String topicArn;

  public SnsNotifier(SnsClient sns, String topicArn) {
    this.sns = sns;
    this.topicArn = topicArn;
  }

  @Override
  public void send(List<Notification> notifications, Duration timeout) {
    for (int from = 0; from < notifications.size(); from += MAX_BATCH) {
      List<PublishBatchRequestEntry> entries = new ArrayList<>();
      List<Notification> chunk =
          notifications.subList(from, Math.min(notifications.size(), from + MAX_BATCH));
      for (int i = 0; i < chunk.size(); i++) {
        Notification n = chunk.get(i);
        entries.add(
            PublishBatchRequestEntry.builder()
                .id("n" + i)
                .subject(subject(n.title()))
                .message(n.message())
                .messageAttributes(
                    Map.of(
                        FilterPolicies.HOST, attribute(n.host()),
                        FilterPolicies.USER, attribute(n.user())))
                .build());
      }
      PublishBatchResponse response;
      try {
        response =
            sns.publishBatch(
                b ->
                    b.topicArn(topicArn)
                        .publishBatchRequestEntries(entries)
                        .overrideConfiguration(
                            AwsRequestOverrideConfiguration.builder()
                                .apiCallTimeout(timeout)
                                .apiCallAttemptTimeout(timeout)
                                .build()));
      } catch (AwsServiceException failed) {
        String code =
            failed.awsErrorDetails() == null || failed.awsErrorDetails().errorCode() == null
                ? "HTTP" + failed.statusCode()
                : failed.awsErrorDetails().errorCode();
        throw new NotifyException(
            code, "SNS refused the notifications: " + failed.getMessage(), failed);
      } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException timedOut) {
        throw new NotifyException("Timeout", "SNS did not answer in time", timedOut);
      } catch (SdkException failed) {
        throw new NotifyException(
            "Unavailable", "SNS could not be reached: " + failed.getMessage(), failed);
      }
      if (response.hasFailed() && !response.failed().isEmpty()) {
        throw new NotifyException(
            response.failed().get(0).code(),
            response.failed().size() + " notification(s) were not published",
            null);
      }
    }
  }

  private static MessageAttributeValue attribute(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  private static String subject(String title) {
    // SNS refuses a subject with line breaks or past 100 characters; host names are ASCII.
    String ascii = title.replaceAll("[^\\x20-\\x7E]", "?");
    return ascii.length() <= MAX_SUBJECT ? ascii : ascii.substring(0, MAX_SUBJECT);
  }
}
