package io.punktfunk.client.stream;

import io.punktfunk.client.input.RemoteInput;
import io.punktfunk.client.input.gamepad.EvdevGamepads;
import io.punktfunk.client.view.VideoPresenter;
import io.punktfunk.control.handshake.Mode;
import io.punktfunk.control.handshake.VideoCodecs;
import io.punktfunk.control.message.InputEvent;
import io.punktfunk.media.audio.AudioPlayer;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
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
 * @param input       null = send no keyboard or mouse input; otherwise the viewer's sink, attached to the session
 * @param gamepads    null = no gamepads; otherwise starts the gamepad reader with the session's input sender
 *                    ({@code EvdevGamepads::start} for the real {@code /dev/input})
 * @param decode      false = verify without decoding: frames are reassembled and checked (sequence,
 *                    keyframe first, Annex B start code) and their latency taken at reassembly, so a
 *                    host's cost can be measured without the client's decoder sharing the machine
 *                    ({@code bench sessions}); the presenter is then ignored
 */
public record ClientStreamOptions(Mode mode, int bitrateKbps, int codecs, int preferred, String name,
                                  Supplier<AudioPlayer> audio, VideoPresenter presenter, Path recordTo,
                                  RemoteInput input, Function<Consumer<InputEvent>, EvdevGamepads> gamepads,
                                  boolean decode) {
    /** Default mode of {@code connect} and {@code demo}: 1280×720@60. */
    public static final Mode DEFAULT_MODE = new Mode(1280, 720, 60);
    /** Default bitrate: 20 Mbit/s. */
    public static final int DEFAULT_BITRATE_KBPS = 20_000;

    /** Options that decode (the usual client). */
    public ClientStreamOptions(Mode mode, int bitrateKbps, int codecs, int preferred, String name,
                               Supplier<AudioPlayer> audio, VideoPresenter presenter, Path recordTo,
                               RemoteInput input, Function<Consumer<InputEvent>, EvdevGamepads> gamepads) {
        this(mode, bitrateKbps, codecs, preferred, name, audio, presenter, recordTo, input, gamepads, true);
    }

    /** Headless, H.264 (what a 2-core machine encodes in real time), no audio, no recording. */
    public static ClientStreamOptions headless(Mode mode, int bitrateKbps, String name) {
        return new ClientStreamOptions(mode, bitrateKbps, VideoCodecs.H264, VideoCodecs.H264, name, null, null, null, null, null, true);
    }

    public ClientStreamOptions withAudio(Supplier<AudioPlayer> player) {
        return new ClientStreamOptions(mode, bitrateKbps, codecs, preferred, name, player, presenter, recordTo, input, gamepads, decode);
    }

    public ClientStreamOptions withPresenter(VideoPresenter p) {
        return new ClientStreamOptions(mode, bitrateKbps, codecs, preferred, name, audio, p, recordTo, input, gamepads, decode);
    }

    /** Sends the viewer's keyboard and mouse through {@code sink} once the session is up. */
    public ClientStreamOptions withInput(RemoteInput sink) {
        return new ClientStreamOptions(mode, bitrateKbps, codecs, preferred, name, audio, presenter, recordTo, sink, gamepads, decode);
    }

    /** Reads gamepads with {@code factory} (given the session's input sender) and plays the host's rumble on them. */
    public ClientStreamOptions withGamepads(Function<Consumer<InputEvent>, EvdevGamepads> factory) {
        return new ClientStreamOptions(mode, bitrateKbps, codecs, preferred, name, audio, presenter, recordTo, input, factory, decode);
    }

    /** Verifies frames without decoding them (see {@code decode} above). */
    public ClientStreamOptions withoutDecoding() {
        return new ClientStreamOptions(mode, bitrateKbps, codecs, preferred, name, audio, presenter, recordTo, input, gamepads, false);
    }

    public ClientStreamOptions withRecording(Path file) {
        return new ClientStreamOptions(mode, bitrateKbps, codecs, preferred, name, audio, presenter, file, input, gamepads, decode);
    }
}
