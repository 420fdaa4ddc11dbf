/**
 * Glue between punktfunk pictures and FFmpeg (bytedeco): error codes, plane copies between
 * {@link io.punktfunk.media.video.Picture} and AVFrame, pixel-format conversion, logging level.
 */
package io.punktfunk.media.ffmpeg;
