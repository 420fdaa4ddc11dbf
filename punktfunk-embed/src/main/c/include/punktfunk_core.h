/*
 * punktfunk_core.h: the C ABI of the punktfunk client (libpunktfunk_client.so).
 *
 * The library runs the Java client inside the calling process (a JVM started once, on first use;
 * docs/embedding.md). This header is the contract: every struct below has a fixed size and fixed
 * field offsets on LP64 Linux, pinned by the static asserts at the end and by the Java side's
 * AbiLayoutTest; input constants are the values on the wire (docs/control-plane.md §6.1).
 *
 * Every function returns PUNKTFUNK_OK (0) or a negative PUNKTFUNK_ERR_* code, and on failure
 * punktfunk_last_error() describes it for the calling thread. No call aborts the process.
 */
#ifndef PUNKTFUNK_CORE_H
#define PUNKTFUNK_CORE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Version of this ABI: structs and function signatures change only together with it. */
#define PUNKTFUNK_ABI_VERSION 1

/* ---- error codes ------------------------------------------------------------------------- */

#define PUNKTFUNK_OK 0
/** A null handle or pointer, a destroyed handle, or an option or field out of range. */
#define PUNKTFUNK_ERR_INVALID_ARGUMENT (-1)
/** Not allowed in the client's state (e.g. input before connect, connect twice). */
#define PUNKTFUNK_ERR_STATE (-2)
/** The Java runtime could not be found, started or did not hold the punktfunk classes. */
#define PUNKTFUNK_ERR_RUNTIME (-3)
/** The host could not be reached, or the QUIC/TLS handshake or session setup failed or timed out. */
#define PUNKTFUNK_ERR_CONNECT (-4)
/** This host is not paired in the config dir: call punktfunk_pair first. */
#define PUNKTFUNK_ERR_NOT_PAIRED (-5)
/** The host refused: wrong PIN, pairing not armed, rate limited, client not admitted, busy. */
#define PUNKTFUNK_ERR_REFUSED (-6)
/** A poll found nothing within its timeout (not a failure of the stream). */
#define PUNKTFUNK_ERR_TIMEOUT (-7)
/** The stream has ended (host closed it, idle timeout, decoder failure); disconnect, then connect again. */
#define PUNKTFUNK_ERR_CLOSED (-8)
/** The config dir (identity, known hosts) could not be read or written. */
#define PUNKTFUNK_ERR_IO (-9)
/** Anything else (a bug): the message says what. */
#define PUNKTFUNK_ERR_INTERNAL (-10)

/* ---- options ------------------------------------------------------------------------------ */

/** Video codecs (bit mask, the punktfunk/1 Hello values). */
#define PUNKTFUNK_CODEC_H264 0x01u
#define PUNKTFUNK_CODEC_HEVC 0x02u
#define PUNKTFUNK_CODEC_AV1 0x04u

/** Decoded picture layouts. */
#define PUNKTFUNK_PIXFMT_BGRA 1u /* one plane, 4 bytes per pixel B,G,R,A */
#define PUNKTFUNK_PIXFMT_I420 2u /* planes Y, U, V; chroma halved both ways */

/** Audio delivery. */
#define PUNKTFUNK_AUDIO_NONE 0u
#define PUNKTFUNK_AUDIO_PCM_S16 1u /* decoded: 48 kHz, stereo, interleaved s16, 10 ms per frame */
#define PUNKTFUNK_AUDIO_OPUS 2u    /* the host's Opus packets as received (48 kHz stereo, 10 ms) */

/**
 * What punktfunk_create needs. Zero every field (or use punktfunk_options_init), then set
 * struct_size = sizeof(PunktfunkOptions), host and what differs from the defaults.
 */
typedef struct PunktfunkOptions {
    uint32_t struct_size;        /*  0: sizeof(PunktfunkOptions) */
    uint16_t port;               /*  4: control port; 0 = 9777 */
    uint16_t reserved0;          /*  6: 0 */
    const char *host;            /*  8: name or address, required */
    const char *config_dir;      /* 16: identity + known hosts; NULL = $PUNKTFUNK_CONFIG_DIR or ~/.config/punktfunk */
    const char *client_name;     /* 24: shown on the host when pairing; NULL = "punktfunk embed" */
    uint32_t width;              /* 32: 0 = 1280 */
    uint32_t height;             /* 36: 0 = 720 */
    uint32_t refresh_hz;         /* 40: 0 = 60 */
    uint32_t bitrate_kbps;       /* 44: 0 = 20000 */
    uint32_t codecs;             /* 48: PUNKTFUNK_CODEC_* mask this app accepts; 0 = H264 */
    uint32_t preferred_codec;    /* 52: one PUNKTFUNK_CODEC_*; 0 = H264 */
    uint32_t pixel_format;       /* 56: PUNKTFUNK_PIXFMT_*; 0 = BGRA */
    uint32_t audio_format;       /* 60: PUNKTFUNK_AUDIO_* */
    uint32_t connect_timeout_ms; /* 64: pair/connect give up after this; 0 = 15000 */
    uint32_t reserved1;          /* 68: 0 */
} PunktfunkOptions;

/* ---- delivered data ---------------------------------------------------------------------- */

/**
 * One decoded picture. From punktfunk_poll_frame the plane memory stays valid until the next
 * poll_frame, disconnect or destroy of that client; in a frame callback only during the call.
 */
typedef struct PunktfunkFrame {
    uint32_t pixel_format;       /*  0: PUNKTFUNK_PIXFMT_* */
    uint32_t width;              /*  4 */
    uint32_t height;             /*  8 */
    uint32_t plane_count;        /* 12: 1 (BGRA) or 3 (I420) */
    const uint8_t *planes[3];    /* 16: unused planes are NULL */
    uint32_t strides[3];         /* 40: bytes from one row to the next (>= the row's pixel bytes) */
    uint32_t reserved;           /* 52 */
    int64_t pts_ns;              /* 56: host capture time, host CLOCK_MONOTONIC ns */
    int64_t frame_index;         /* 64: data-plane frame index: +1 per frame sent, gaps = frames lost or skipped */
    int64_t decoded_ns;          /* 72: client CLOCK_MONOTONIC ns when the picture was handed over */
} PunktfunkFrame;

/**
 * One 10 ms audio frame. From punktfunk_poll_audio the data stays valid until the next
 * poll_audio, disconnect or destroy; in an audio callback only during the call.
 */
typedef struct PunktfunkAudio {
    uint32_t format;             /*  0: PUNKTFUNK_AUDIO_PCM_S16 or _OPUS */
    uint32_t sample_rate;        /*  4: 48000 */
    uint32_t channels;           /*  8: 2 */
    uint32_t samples;            /* 12: samples per channel (480); PCM data holds samples*channels s16 */
    const uint8_t *data;         /* 16 */
    uint32_t bytes;              /* 24: length of data */
    uint32_t seq;                /* 28: Opus: the host's sequence number; PCM: frames released so far */
    int64_t pts_ns;              /* 32: Opus: host capture time; PCM: client CLOCK_MONOTONIC at release */
} PunktfunkAudio;

/** Motor levels of one pad, 0..65535 (all zero = stop). Level-triggered: the latest one holds. */
typedef struct PunktfunkRumble {
    uint16_t pad;                /*  0: 0..15 */
    uint16_t low;                /*  2: strong (low-frequency) motor */
    uint16_t high;               /*  4: weak (high-frequency) motor */
    uint16_t left_trigger;       /*  6 */
    uint16_t right_trigger;      /*  8 */
    uint16_t reserved;           /* 10 */
} PunktfunkRumble;

/** Counters since connect (cumulative) and the latency/bitrate of the stream so far. */
typedef struct PunktfunkStats {
    uint64_t frames_received;       /*   0: frames the data plane delivered whole (after FEC) */
    uint64_t frames_decoded;        /*   8 */
    uint64_t frames_delivered;      /*  16: pictures handed to the app (poll or callback) */
    uint64_t frames_replaced;       /*  24: pictures a newer one replaced before poll_frame took them */
    uint64_t frames_lost;           /*  32: frame indices that never arrived */
    uint64_t frames_damaged;        /*  40: decoded after a loss, before the keyframe (not delivered) */
    uint64_t fec_recovered_shards;  /*  48: data shards rebuilt from parity */
    uint64_t packets_received;      /*  56 */
    uint64_t packets_recv_dropped;  /*  64: datagrams rejected (malformed, forged, replayed, stale, over budget) */
    uint64_t packets_send_dropped;  /*  72: datagrams this client's data plane dropped locally */
    uint64_t keyframe_requests;     /*  80: automatic (loss) and punktfunk_request_keyframe */
    uint64_t audio_frames_received; /*  88 */
    uint64_t audio_frames_delivered;/*  96 */
    uint64_t stamps_read;           /* 104: I420 only: synthetic test-pattern stamps verified */
    uint64_t stamps_missing;        /* 112: stamp counters skipped between two read stamps */
    double latency_p50_ms;          /* 120: glass-to-glass, host on this machine only (else 0) */
    double latency_p99_ms;          /* 128 */
    double bitrate_kbps;            /* 136: video received since the previous get_stats (or connect) */
    uint32_t negotiated_kbps;       /* 144: bitrate the host agreed to */
    uint32_t codec;                 /* 148: PUNKTFUNK_CODEC_* in use */
    uint32_t width;                 /* 152: negotiated mode */
    uint32_t height;                /* 156 */
    uint32_t refresh_hz;            /* 160 */
    uint32_t reserved;              /* 164 */
} PunktfunkStats;

/* ---- input (the 0xC8 wire event; docs/control-plane.md §6.1) ------------------------------ */

/** One input event, fields exactly as on the wire. */
typedef struct PunktfunkInputEvent {
    uint32_t kind;               /*  0: PUNKTFUNK_INPUT_* */
    uint32_t code;               /*  4 */
    int32_t x;                   /*  8 */
    int32_t y;                   /* 12 */
    uint32_t flags;              /* 16 */
} PunktfunkInputEvent;

#define PUNKTFUNK_INPUT_KEY_DOWN 0u           /* code = Windows VK (US-positional), flags = PUNKTFUNK_MOD_* */
#define PUNKTFUNK_INPUT_KEY_UP 1u
#define PUNKTFUNK_INPUT_MOUSE_MOVE 2u         /* x, y = dx, dy */
#define PUNKTFUNK_INPUT_MOUSE_MOVE_ABS 3u     /* x, y in a w x h picture, flags = (w << 16) | h */
#define PUNKTFUNK_INPUT_MOUSE_BUTTON_DOWN 4u  /* code = PUNKTFUNK_MOUSE_* */
#define PUNKTFUNK_INPUT_MOUSE_BUTTON_UP 5u
#define PUNKTFUNK_INPUT_MOUSE_SCROLL 6u       /* code = axis, x = delta (120 per detent) */
#define PUNKTFUNK_INPUT_GAMEPAD_BUTTON 7u     /* code = one PUNKTFUNK_BTN_*, x != 0 pressed, flags = pad */
#define PUNKTFUNK_INPUT_GAMEPAD_AXIS 8u       /* code = PUNKTFUNK_AXIS_*, x = value, flags = pad */
#define PUNKTFUNK_INPUT_TOUCH_DOWN 9u
#define PUNKTFUNK_INPUT_TOUCH_MOVE 10u
#define PUNKTFUNK_INPUT_TOUCH_UP 11u
#define PUNKTFUNK_INPUT_GAMEPAD_STATE 12u     /* see punktfunk_input_gamepad_state */
#define PUNKTFUNK_INPUT_GAMEPAD_REMOVE 13u    /* flags = seq << 24 | pad */
#define PUNKTFUNK_INPUT_GAMEPAD_ARRIVAL 14u   /* code = pad kind preference, flags = pad | ARRIVAL_* */
#define PUNKTFUNK_INPUT_TEXT 15u              /* code = one Unicode scalar value */
#define PUNKTFUNK_INPUT_SCROLL 16u            /* code = axis, x = Q24.8 delta, flags = source | phase << 8 */

#define PUNKTFUNK_MOD_SHIFT 0x01u
#define PUNKTFUNK_MOD_CTRL 0x02u
#define PUNKTFUNK_MOD_ALT 0x04u
#define PUNKTFUNK_MOD_META 0x08u

#define PUNKTFUNK_MOUSE_LEFT 1u
#define PUNKTFUNK_MOUSE_MIDDLE 2u
#define PUNKTFUNK_MOUSE_RIGHT 3u
#define PUNKTFUNK_MOUSE_X1 4u
#define PUNKTFUNK_MOUSE_X2 5u

#define PUNKTFUNK_SCROLL_VERTICAL 0u
#define PUNKTFUNK_SCROLL_HORIZONTAL 1u
#define PUNKTFUNK_SCROLL_FLAG_PRECISE 0x1u
#define PUNKTFUNK_WHEEL_DELTA 120
#define PUNKTFUNK_SCROLL_Q8_PER_DETENT (120 << 8)
#define PUNKTFUNK_SCROLL_SOURCE_WHEEL 0u
#define PUNKTFUNK_SCROLL_SOURCE_FINGER 1u
#define PUNKTFUNK_SCROLL_SOURCE_CONTINUOUS 2u

/* Gamepad buttons (= GameStream buttonFlags | buttonFlags2 << 16; reference §2.7). */
#define PUNKTFUNK_BTN_DPAD_UP 0x1u
#define PUNKTFUNK_BTN_DPAD_DOWN 0x2u
#define PUNKTFUNK_BTN_DPAD_LEFT 0x4u
#define PUNKTFUNK_BTN_DPAD_RIGHT 0x8u
#define PUNKTFUNK_BTN_START 0x10u
#define PUNKTFUNK_BTN_BACK 0x20u
#define PUNKTFUNK_BTN_LS_CLICK 0x40u
#define PUNKTFUNK_BTN_RS_CLICK 0x80u
#define PUNKTFUNK_BTN_LB 0x100u
#define PUNKTFUNK_BTN_RB 0x200u
#define PUNKTFUNK_BTN_GUIDE 0x400u
#define PUNKTFUNK_BTN_A 0x1000u
#define PUNKTFUNK_BTN_B 0x2000u
#define PUNKTFUNK_BTN_X 0x4000u
#define PUNKTFUNK_BTN_Y 0x8000u
#define PUNKTFUNK_BTN_PADDLE1 0x10000u
#define PUNKTFUNK_BTN_PADDLE2 0x20000u
#define PUNKTFUNK_BTN_PADDLE3 0x40000u
#define PUNKTFUNK_BTN_PADDLE4 0x80000u
#define PUNKTFUNK_BTN_TOUCHPAD 0x100000u
#define PUNKTFUNK_BTN_MISC1 0x200000u

/* Gamepad axes: sticks are int16 with +y up, triggers 0..255. */
#define PUNKTFUNK_AXIS_LS_X 0u
#define PUNKTFUNK_AXIS_LS_Y 1u
#define PUNKTFUNK_AXIS_RS_X 2u
#define PUNKTFUNK_AXIS_RS_Y 3u
#define PUNKTFUNK_AXIS_LT 4u
#define PUNKTFUNK_AXIS_RT 5u

#define PUNKTFUNK_MAX_PADS 16u
#define PUNKTFUNK_ARRIVAL_HAPTICS 0x100u
#define PUNKTFUNK_ARRIVAL_SPEAKER 0x200u

/**
 * A whole pad in one event (kind 12). seq is the pad's wrapping u8 counter: advance it with every
 * state or removal you send; the host drops states that are not newer.
 */
static inline PunktfunkInputEvent punktfunk_input_gamepad_state(uint32_t pad, uint32_t seq, uint32_t buttons,
        int16_t ls_x, int16_t ls_y, int16_t rs_x, int16_t rs_y, uint8_t lt, uint8_t rt) {
    PunktfunkInputEvent e;
    e.kind = PUNKTFUNK_INPUT_GAMEPAD_STATE;
    e.code = buttons;
    e.x = (int32_t) (((uint32_t) (uint16_t) ls_x << 16) | (uint16_t) ls_y);
    e.y = (int32_t) (((uint32_t) (uint16_t) rs_x << 16) | (uint16_t) rs_y);
    e.flags = ((seq & 0xFFu) << 24) | ((uint32_t) lt << 16) | ((uint32_t) rt << 8) | (pad & 0xFFu);
    return e;
}

/* ---- functions --------------------------------------------------------------------------- */

/** Opaque client handle. It is an id, never dereferenced: a destroyed handle is reported, not a crash. */
typedef struct PunktfunkClient PunktfunkClient;

/** Called on the client's decode thread for every picture; keep it short (copy or upload, then return). */
typedef void (*PunktfunkFrameCallback)(const PunktfunkFrame *frame, void *user);
/** Called on the client's audio thread (PCM) or the control event loop (Opus); never block in it. */
typedef void (*PunktfunkAudioCallback)(const PunktfunkAudio *audio, void *user);
/** Called on the control event loop for every applied level (also zeros on TTL expiry and at the end). */
typedef void (*PunktfunkRumbleCallback)(const PunktfunkRumble *rumble, void *user);

/** PUNKTFUNK_ABI_VERSION of the library (compare with the header's). */
uint32_t punktfunk_abi_version(void);

/** Fills *opts with zeros and struct_size. */
int punktfunk_options_init(PunktfunkOptions *opts);

/**
 * Creates a client (nothing is sent yet). The first call in a process starts the JVM, which can
 * take a second. *out is set only on success.
 */
int punktfunk_create(const PunktfunkOptions *opts, PunktfunkClient **out);

/** Runs the PIN ceremony with the host and pins its fingerprint in the config dir. Blocks. */
int punktfunk_pair(PunktfunkClient *client, const char *pin);

/** Connects to the paired host and starts the stream (video, audio, input). Blocks until streaming. */
int punktfunk_connect(PunktfunkClient *client);

/**
 * Takes the newest picture not taken yet, waiting up to timeout_ms (0 = do not wait,
 * -1 = forever). PUNKTFUNK_ERR_TIMEOUT if none came. Not while a frame callback is set.
 */
int punktfunk_poll_frame(PunktfunkClient *client, PunktfunkFrame *out, int32_t timeout_ms);

/** Sets (or with NULL removes) the frame callback; while set, poll_frame returns PUNKTFUNK_ERR_STATE. */
int punktfunk_set_frame_callback(PunktfunkClient *client, PunktfunkFrameCallback cb, void *user);

/** Takes the oldest queued audio frame (up to 500 ms are queued), waiting up to timeout_ms. */
int punktfunk_poll_audio(PunktfunkClient *client, PunktfunkAudio *out, int32_t timeout_ms);

/** Sets (or with NULL removes) the audio callback; while set, nothing is queued for poll_audio. */
int punktfunk_set_audio_callback(PunktfunkClient *client, PunktfunkAudioCallback cb, void *user);

/** Takes the oldest queued rumble level without waiting (PUNKTFUNK_ERR_TIMEOUT when none). */
int punktfunk_poll_rumble(PunktfunkClient *client, PunktfunkRumble *out);

/** Sets (or with NULL removes) the rumble callback; while set, nothing is queued for poll_rumble. */
int punktfunk_set_rumble_callback(PunktfunkClient *client, PunktfunkRumbleCallback cb, void *user);

/** Sends one input event (edges reliably, motion/axes/state as datagrams). Any thread. */
int punktfunk_send_input(PunktfunkClient *client, const PunktfunkInputEvent *event);

/** Fills *out with the counters now. */
int punktfunk_get_stats(PunktfunkClient *client, PunktfunkStats *out);

/** Asks the host for a keyframe (IDR) now. */
int punktfunk_request_keyframe(PunktfunkClient *client);

/** Ends the stream (the host sees CLIENT_QUIT with reason; NULL = "client done"). connect may follow. */
int punktfunk_disconnect(PunktfunkClient *client, const char *reason);

/** Disconnects if needed and frees the client; the handle is invalid afterwards. */
int punktfunk_destroy(PunktfunkClient *client);

/**
 * What the last failing punktfunk_* call on this thread said (UTF-8, never NULL, "" after
 * success). Valid until the next punktfunk_* call on this thread.
 */
const char *punktfunk_last_error(void);

/** The symbolic name of an error code ("PUNKTFUNK_ERR_STATE"), never NULL. */
const char *punktfunk_error_name(int code);

/* ---- the contract, checked where the header is compiled ---------------------------------- */

#if defined(__LP64__) && !defined(__cplusplus)
_Static_assert(sizeof(PunktfunkOptions) == 72, "PunktfunkOptions size");
_Static_assert(offsetof(PunktfunkOptions, host) == 8, "PunktfunkOptions.host");
_Static_assert(offsetof(PunktfunkOptions, width) == 32, "PunktfunkOptions.width");
_Static_assert(offsetof(PunktfunkOptions, connect_timeout_ms) == 64, "PunktfunkOptions.connect_timeout_ms");
_Static_assert(sizeof(PunktfunkFrame) == 80, "PunktfunkFrame size");
_Static_assert(offsetof(PunktfunkFrame, planes) == 16, "PunktfunkFrame.planes");
_Static_assert(offsetof(PunktfunkFrame, strides) == 40, "PunktfunkFrame.strides");
_Static_assert(offsetof(PunktfunkFrame, pts_ns) == 56, "PunktfunkFrame.pts_ns");
_Static_assert(offsetof(PunktfunkFrame, frame_index) == 64, "PunktfunkFrame.frame_index");
_Static_assert(offsetof(PunktfunkFrame, decoded_ns) == 72, "PunktfunkFrame.decoded_ns");
_Static_assert(sizeof(PunktfunkAudio) == 40, "PunktfunkAudio size");
_Static_assert(offsetof(PunktfunkAudio, data) == 16, "PunktfunkAudio.data");
_Static_assert(offsetof(PunktfunkAudio, pts_ns) == 32, "PunktfunkAudio.pts_ns");
_Static_assert(sizeof(PunktfunkRumble) == 12, "PunktfunkRumble size");
_Static_assert(sizeof(PunktfunkStats) == 168, "PunktfunkStats size");
_Static_assert(offsetof(PunktfunkStats, latency_p50_ms) == 120, "PunktfunkStats.latency_p50_ms");
_Static_assert(offsetof(PunktfunkStats, negotiated_kbps) == 144, "PunktfunkStats.negotiated_kbps");
_Static_assert(sizeof(PunktfunkInputEvent) == 20, "PunktfunkInputEvent size");
#endif

#ifdef __cplusplus
}
#endif

#endif /* PUNKTFUNK_CORE_H */
