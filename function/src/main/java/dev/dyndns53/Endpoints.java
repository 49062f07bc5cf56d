package dev.dyndns53;

import dev.dyndns53.acme.AcmeService;
import dev.dyndns53.checkip.CheckIpService;
import dev.dyndns53.dyndns2.UpdateService;
import dev.dyndns53.status.StatusService;

/**
 * The capabilities the entry points serve, one per path: the dyndns2 update, ACME DNS-01 challenges
 * and the checkip page. Each is a service of its own over the shared stores; the entry points
 * choose one by path ({@link dev.dyndns53.lambda.Routes}).
 *
 * @param update {@code /nic/update}
 * @param acme {@code /acme/present} and {@code /acme/cleanup}
 * @param checkIp {@code /checkip}
 * @param status {@code /status} (issue 17)
 */
public record Endpoints(
    UpdateService update, AcmeService acme, CheckIpService checkIp, StatusService status) {}
