/**
 * nvhttp, GameStream's HTTP (47989) and HTTPS (47984) API: serverinfo, the four-phase PIN pairing,
 * the client-certificate check, the app list and launch/resume/cancel (reference §2,
 * docs/gamestream.md). Served by Vert.x (docs/http.md).
 */
package io.punktfunk.host.gamestream.http;
