package io.punktfunk.media.video;

/** Receives the access units an encoder produces; the unit is valid only during the call. */
@FunctionalInterface
public interface AccessUnitSink {

    void accept(AccessUnit unit);
}
