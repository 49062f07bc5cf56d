package dev.dyndns53.notify;

import java.time.Duration;
import java.util.List;

/**
 * Tells people about their hosts: the port; {@link SnsNotifier} publishes to the stack's topic and
 * {@link WebhookNotifier} calls users' webhooks.
 */
public interface Notifier {
  /** A notifier that tells nobody. */
  Notifier NONE = (notifications, timeout) -> {};

  /**
   * Sends the notifications within {@code timeout}.
   *
   * @throws NotifyException when they could not all be sent
   */
  void send(List<Notification> notifications, Duration timeout);
}
