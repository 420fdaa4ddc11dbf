/** Finding punktfunk hosts on the LAN: DNS-SD over mDNS ({@code _punktfunk._udp}) through JmDNS. */
package io.punktfunk.client.discovery;
