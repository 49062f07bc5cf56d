package dev.dyndns53.config;

import java.time.Duration;

/**
 * How long the function trusts what it read before.
 *
 * @param passwordTtl how long a password read from Secrets Manager is used before it is read again;
 *     bounds how long a rotated password takes to apply
 * @param recordStateTtl how long an execution environment keeps the Route 53 records it last read
 *     or wrote for a host as a hint, so that a change can be written without a read first; never
 *     used to answer {@code nochg} (see {@link dev.dyndns53.records.KnownRecords}). Bounds how long
 *     an edit made outside dyndns53 may be overwritten without being read first
 */
public record CacheConfig(Duration passwordTtl, Duration recordStateTtl) {}
