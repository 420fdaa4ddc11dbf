/**
 * The management API: HTTPS (Vert.x on the project's Netty) on the host's identity certificate,
 * described by {@code api/openapi.json}; admin token for writes, server-sent events, OpenMetrics.
 */
package io.punktfunk.host.api;
