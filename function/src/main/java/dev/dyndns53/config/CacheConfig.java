package dev.dyndns53.config;

import java.time.Duration;

/**
 * How long the function trusts what it read before.
 *
 * @param passwordTtl how long a password read from Secrets Manager is used before it is read
 *     again; bounds how long a rotated password takes to apply
 * @param recordStateTtl how long the function trusts the Route 53 records it last read or wrote
 *     for a host, so a repeated update with the same address answers {@code nochg} without any
 *     Route 53 call; bounds how long an edit made outside dyndns53 goes unnoticed
 */
public record CacheConfig(Duration passwordTtl, Duration recordStateTtl) {}
