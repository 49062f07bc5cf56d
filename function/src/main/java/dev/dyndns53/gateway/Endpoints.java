package dev.dyndns53.gateway;

import dev.dyndns53.acme.AcmeService;
import dev.dyndns53.checkip.CheckIpService;
import dev.dyndns53.dyndns2.UpdateService;

/**
 * The capabilities the entry points serve, one per path: the dyndns2 update, ACME DNS-01 challenges
 * and the checkip page. Each is a service of its own over the shared stores; the entry points
 * choose one by path ({@link dev.dyndns53.envelope.Routes}).
 *
 * @param update {@code /nic/update}
 * @param acme {@code /acme/present} and {@code /acme/cleanup}
 * @param checkIp {@code /checkip}
 */
public record Endpoints(UpdateService update, AcmeService acme, CheckIpService checkIp) {}
