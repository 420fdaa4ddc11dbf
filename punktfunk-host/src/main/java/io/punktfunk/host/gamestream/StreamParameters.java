package io.punktfunk.host.gamestream;

/**
 * What the client asked for in RTSP ANNOUNCE (reference §3.5), with the host's defaults where an
 * attribute is optional. The control, video and audio parts start from this.
 *
 * @param width              encode width ({@code x-nv-video[0].clientViewportWd})
 * @param height             encode height ({@code clientViewportHt})
 * @param fps                frames per second ({@code maxFPS})
 * @param refreshRateX100    exact refresh × 100 ({@code clientRefreshRateX100}; 0 when not sent)
 * @param packetSize         video payload size P; each video datagram is P + 16 bytes ({@code packetSize})
 * @param bitrateKbps        bitrate ceiling ({@code x-nv-vqos[0].bw.maximumBitrateKbps})
 * @param configuredBitrateKbps the user's bitrate setting ({@code x-ml-video.configuredBitrateKbps}; 0 when not sent)
 * @param codec              {@link #CODEC_H264}, {@link #CODEC_HEVC} or {@link #CODEC_AV1} ({@code bitStreamFormat})
 * @param fecPercent         parity per FEC block in percent ({@code x-nv-vqos[0].fec.repairPercent}, else the host's setting)
 * @param minFecPackets      minimum parity packets per block ({@code fec.minRequiredFecPackets}; 0 when not sent)
 * @param slicesPerFrame     encoder slices per frame ({@code videoEncoderSlicesPerFrame})
 * @param maxReferenceFrames 1 when the client cannot do reference-frame invalidation ({@code maxNumReferenceFrames})
 * @param dynamicRange       0 SDR, 1 HDR ({@code dynamicRangeMode})
 * @param chroma444          4:4:4 asked ({@code x-ss-video[0].chromaSamplingType} = 1)
 * @param audioChannels      audio channel count ({@code x-nv-audio.surround.numChannels})
 * @param audioChannelMask   audio channel mask ({@code surround.channelMask})
 * @param audioHighQuality   high-quality surround asked ({@code surround.AudioQuality})
 * @param audioPacketMs      Opus packet duration in ms ({@code x-nv-aqos.packetDuration}, default 5)
 * @param controlProtocol    {@code x-nv-general.useReliableUdp}: 13 means the encrypted control protocol
 * @param nvFeatureFlags     {@code x-nv-general.featureFlags}; 0x20 turns audio encryption on
 * @param encryptionEnabled  {@code x-ss-general.encryptionEnabled}: {@link #ENC_CONTROL_V2}, {@link #ENC_VIDEO}, {@link #ENC_AUDIO}
 * @param mlFeatureFlags     {@code x-ml-general.featureFlags}: 0x1 FEC status reports, 0x2 session ids in pings
 * @param lowQualityAudio    the client addressed RTSP to 0.0.0.0, Moonlight's way to ask for normal-quality stereo
 */
public record StreamParameters(int width, int height, int fps, int refreshRateX100, int packetSize, int bitrateKbps,
                               int configuredBitrateKbps, int codec, int fecPercent, int minFecPackets, int slicesPerFrame,
                               int maxReferenceFrames, int dynamicRange, boolean chroma444, int audioChannels,
                               int audioChannelMask, boolean audioHighQuality, int audioPacketMs, int controlProtocol,
                               int nvFeatureFlags, int encryptionEnabled, int mlFeatureFlags, boolean lowQualityAudio) {
    public static final int CODEC_H264 = 0;
    public static final int CODEC_HEVC = 1;
    public static final int CODEC_AV1 = 2;
    /** Encryption bits of {@code encryptionSupported/Requested/Enabled} (Sunshine extension). */
    public static final int ENC_CONTROL_V2 = 0x1;
    public static final int ENC_VIDEO = 0x2;
    public static final int ENC_AUDIO = 0x4;
    /** The legacy feature flag that turns audio encryption on. */
    public static final int NV_FF_AUDIO_ENCRYPTION = 0x20;

    /** Audio is AES-CBC encrypted when either the legacy flag or the encryption bit says so. */
    public boolean audioEncrypted() {
        return (nvFeatureFlags & NV_FF_AUDIO_ENCRYPTION) != 0 || (encryptionEnabled & ENC_AUDIO) != 0;
    }

    /** Video datagrams are AES-GCM sealed. */
    public boolean videoEncrypted() {
        return (encryptionEnabled & ENC_VIDEO) != 0;
    }

    /** Every video datagram is this long: P plus the 16 bytes Moonlight reserves for the RTP header. */
    public int videoDatagramBytes() {
        return packetSize + 16;
    }
}
