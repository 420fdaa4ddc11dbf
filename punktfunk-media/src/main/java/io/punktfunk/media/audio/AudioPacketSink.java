package io.punktfunk.media.audio;

/** Receives encoded audio; the packet is valid only during the call. */
@FunctionalInterface
public interface AudioPacketSink {

    void accept(AudioPacket packet);
}
