/**
 * DNS-SD over mDNS (RFC 6762/6763) through JmDNS: the host advertises its services on the LAN
 * ({@code _punktfunk._udp}, and GameStream's {@code _nvstream._tcp} through the same advertiser).
 */
package io.punktfunk.host.discovery;
