package io.punktfunk.client.stream;

import io.punktfunk.client.view.VideoPresenter;
import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.handshake.VideoCodecs;
import io.punktfunk.media.audio.AudioPlayer;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What a client asks for and how it shows the stream.
 *
 * @param mode        requested WxH@Hz
 * @param bitrateKbps requested bitrate (0 = host default)
 * @param codecs      codecs this client decodes (punktfunk/1 bit mask)
 * @param preferred   the codec to use when the host has it too
 * @param name        shown on the host
 * @param audio       null = no audio; otherwise where decoded audio goes (e.g. {@code JavaSoundAudioPlayer::open})
 * @param presenter   null = headless: decode to I420 and verify synthetic stamps; otherwise decode to BGRA and present
 * @param recordTo    if not null, every received access unit is appended to this raw elementary-stream file
 */
public record ClientStreamOptions(Mode mode, int bitrateKbps, int codecs, int preferred, String name,
                                  Supplier<AudioPlayer> audio, VideoPresenter presenter, Path recordTo) {
    /** Default mode of {@code connect} and {@code demo}: 1280×720@60. */
    public static final Mode DEFAULT_MODE = new Mode(1280, 720, 60);
    /** Default bitrate: 20 Mbit/s. */
    public static final int DEFAULT_BITRATE_KBPS = 20_000;

    /** Headless, H.264 (what a 2-core machine encodes in real time), no audio, no recording. */
    public static ClientStreamOptions headless(Mode mode, int bitrateKbps, String name) {
        return new ClientStreamOptions(mode, bitrateKbps, VideoCodecs.H264, VideoCodecs.H264, name, null, null, null);
    }

    public ClientStreamOptions withAudio(Supplier<AudioPlayer> player) {
        return new ClientStreamOptions(mode, bitrateKbps, codecs, preferred, name, player, presenter, recordTo);
    }

    public ClientStreamOptions withPresenter(VideoPresenter p) {
        return new ClientStreamOptions(mode, bitrateKbps, codecs, preferred, name, audio, p, recordTo);
    }

    public ClientStreamOptions withRecording(Path file) {
        return new ClientStreamOptions(mode, bitrateKbps, codecs, preferred, name, audio, presenter, file);
    }
}
