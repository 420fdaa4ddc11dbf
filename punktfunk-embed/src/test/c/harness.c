/*
 * The C ABI harness: an app linked against libpunktfunk_client.so, run by EmbedHarnessTest against
 * a real host on loopback. It pairs, streams, sends input and checks every answer of the library,
 * including the failures (null handle, wrong state, unreachable host, wrong PIN), and that none
 * of them ends this process. Exit 0 and "HARNESS OK" only when every check held.
 *
 * usage: harness HOST PORT CONFIG_DIR PIN CLOSED_PORT
 */
#define _POSIX_C_SOURCE 200809L
#include "punktfunk_core.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The wire's values (reference §2.7, docs/control-plane.md §6.1): a changed header fails to compile. */
_Static_assert(PUNKTFUNK_BTN_A == 0x1000 && PUNKTFUNK_BTN_Y == 0x8000 && PUNKTFUNK_BTN_GUIDE == 0x400, "buttons");
_Static_assert(PUNKTFUNK_BTN_PADDLE1 == 0x10000 && PUNKTFUNK_BTN_MISC1 == 0x200000, "extra buttons");
_Static_assert(PUNKTFUNK_AXIS_LS_X == 0 && PUNKTFUNK_AXIS_RT == 5, "axes");
_Static_assert(PUNKTFUNK_INPUT_GAMEPAD_STATE == 12 && PUNKTFUNK_INPUT_SCROLL == 16, "input kinds");
_Static_assert(sizeof(PunktfunkInputEvent) == 20 && sizeof(PunktfunkStats) == 168, "sizes");

static int failures;

#define CHECK(cond, ...) \
    do { \
        if (!(cond)) { \
            failures++; \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
            fprintf(stderr, __VA_ARGS__); \
            fprintf(stderr, " [last error: %s]\n", punktfunk_last_error()); \
        } \
    } while (0)

#define EXPECT(call, want) \
    do { \
        int rc_ = (call); \
        CHECK(rc_ == (want), "%s returned %s, want %s", #call, punktfunk_error_name(rc_), punktfunk_error_name(want)); \
    } while (0)

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void sleep_ms(int ms) {
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

static PunktfunkOptions options(const char *host, int port, const char *dir) {
    PunktfunkOptions o;
    punktfunk_options_init(&o);
    o.host = host;
    o.port = (uint16_t) port;
    o.config_dir = dir;
    o.client_name = "c harness";
    o.width = 640;
    o.height = 360;
    o.refresh_hz = 60;
    o.bitrate_kbps = 4000;
    o.pixel_format = PUNKTFUNK_PIXFMT_I420;
    o.audio_format = PUNKTFUNK_AUDIO_PCM_S16;
    return o;
}

struct callback_count {
    int frames;
    int64_t last_index;
    int out_of_order;
    PunktfunkClient *client;
    int poll_inside;
};

static void on_frame(const PunktfunkFrame *f, void *user) {
    struct callback_count *c = user;
    if (f->frame_index <= c->last_index) {
        c->out_of_order++;
    }
    c->last_index = f->frame_index;
    if (c->frames++ == 0) {
        PunktfunkFrame other;
        c->poll_inside = punktfunk_poll_frame(c->client, &other, 0); /* callbacks own the frames now */
    }
}

struct opus_count {
    int packets, bad, out_of_order;
    uint32_t last_seq;
};

static void on_opus(const PunktfunkAudio *a, void *user) {
    struct opus_count *o = user;
    if (a->format != PUNKTFUNK_AUDIO_OPUS || a->bytes == 0 || a->bytes > 1500 || a->data == NULL || a->samples != 480) {
        o->bad++;
    }
    if (o->packets++ > 0 && (int32_t) (a->seq - o->last_seq) <= 0) {
        o->out_of_order++;
    }
    o->last_seq = a->seq;
}

struct worker {
    PunktfunkClient *client;
    int mismatches;
};

/* Threads the JVM has never seen (attached on first call, detached at exit), each alternating two
 * failures with different messages: every message must be the thread's own. */
static void *last_error_worker(void *p) {
    struct worker *w = p;
    PunktfunkStats st;
    for (int i = 0; i < 300; i++) {
        if (punktfunk_get_stats(w->client, &st) != PUNKTFUNK_ERR_STATE
            || strstr(punktfunk_last_error(), "not connected") == NULL) {
            w->mismatches++;
        }
        if (punktfunk_pair(w->client, "1") != PUNKTFUNK_ERR_INVALID_ARGUMENT
            || strstr(punktfunk_last_error(), "4 or more digits") == NULL) {
            w->mismatches++;
        }
    }
    return NULL;
}

static void last_error_is_per_thread(PunktfunkClient *c) {
    EXPECT(punktfunk_request_keyframe(c), PUNKTFUNK_ERR_STATE);
    char mine[256];
    snprintf(mine, sizeof mine, "%s", punktfunk_last_error());
    pthread_t t[4];
    struct worker w[4];
    for (int i = 0; i < 4; i++) {
        w[i].client = c;
        w[i].mismatches = 0;
        CHECK(pthread_create(&t[i], NULL, last_error_worker, &w[i]) == 0, "pthread_create");
    }
    int mismatches = 0;
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        mismatches += w[i].mismatches;
    }
    CHECK(mismatches == 0, "%d calls on 4 threads saw another call's result or message", mismatches);
    CHECK(strcmp(mine, punktfunk_last_error()) == 0, "this thread's message changed to '%s'", punktfunk_last_error());
}

static void error_paths_without_a_client(void) {
    PunktfunkClient *c = NULL;
    PunktfunkOptions o;
    EXPECT(punktfunk_connect(NULL), PUNKTFUNK_ERR_INVALID_ARGUMENT);
    CHECK(strstr(punktfunk_last_error(), "NULL") != NULL, "last error for a NULL handle: '%s'", punktfunk_last_error());
    EXPECT(punktfunk_create(NULL, &c), PUNKTFUNK_ERR_INVALID_ARGUMENT);
    EXPECT(punktfunk_options_init(&o), PUNKTFUNK_OK);
    o.struct_size = 12;
    o.host = "127.0.0.1";
    EXPECT(punktfunk_create(&o, &c), PUNKTFUNK_ERR_INVALID_ARGUMENT);
    CHECK(c == NULL, "create wrote a handle on failure");
    EXPECT(punktfunk_poll_frame(NULL, NULL, 0), PUNKTFUNK_ERR_INVALID_ARGUMENT);
    EXPECT(punktfunk_send_input(NULL, NULL), PUNKTFUNK_ERR_INVALID_ARGUMENT);
    EXPECT(punktfunk_destroy(NULL), PUNKTFUNK_ERR_INVALID_ARGUMENT);
    CHECK(strcmp(punktfunk_error_name(PUNKTFUNK_ERR_STATE), "PUNKTFUNK_ERR_STATE") == 0, "error name");
    CHECK(punktfunk_abi_version() == PUNKTFUNK_ABI_VERSION, "abi version %u", punktfunk_abi_version());
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: %s HOST PORT CONFIG_DIR PIN CLOSED_PORT\n", argv[0]);
        return 2;
    }
    const char *host = argv[1];
    int port = atoi(argv[2]);
    const char *dir = argv[3];
    const char *pin = argv[4];
    int closed_port = atoi(argv[5]);
    setvbuf(stdout, NULL, _IOLBF, 0);

    error_paths_without_a_client();

    /* bad options: the first call that needs Java starts the JVM */
    PunktfunkClient *c = NULL;
    PunktfunkOptions o = options(host, port, dir);
    o.width = 641;
    double t0 = now_ms();
    EXPECT(punktfunk_create(&o, &c), PUNKTFUNK_ERR_INVALID_ARGUMENT);
    printf("FIGURE jvm_start_ms %.0f\n", now_ms() - t0);
    o = options(host, port, dir);
    o.pixel_format = 7;
    EXPECT(punktfunk_create(&o, &c), PUNKTFUNK_ERR_INVALID_ARGUMENT);
    CHECK(strstr(punktfunk_last_error(), "pixel_format") != NULL, "message names the field: '%s'", punktfunk_last_error());

    /* unreachable host: a port nobody listens on */
    PunktfunkOptions u = options("127.0.0.1", closed_port, dir);
    u.connect_timeout_ms = 1500;
    PunktfunkClient *unreachable = NULL;
    EXPECT(punktfunk_create(&u, &unreachable), PUNKTFUNK_OK);
    EXPECT(punktfunk_pair(unreachable, pin), PUNKTFUNK_ERR_CONNECT); /* the first one also loads QUIC */
    t0 = now_ms();
    EXPECT(punktfunk_pair(unreachable, pin), PUNKTFUNK_ERR_CONNECT);
    CHECK(now_ms() - t0 < 1500 + 3000, "unreachable pair took %.0f ms with a 1500 ms timeout", now_ms() - t0);
    EXPECT(punktfunk_connect(unreachable), PUNKTFUNK_ERR_NOT_PAIRED);
    EXPECT(punktfunk_destroy(unreachable), PUNKTFUNK_OK);

    /* the real host, not paired yet: wrong state everywhere */
    o = options(host, port, dir);
    EXPECT(punktfunk_create(&o, &c), PUNKTFUNK_OK);
    CHECK(c != NULL, "no handle");
    PunktfunkFrame f;
    PunktfunkStats st;
    PunktfunkInputEvent key = {PUNKTFUNK_INPUT_KEY_DOWN, 0x41, 0, 0, PUNKTFUNK_MOD_SHIFT};
    EXPECT(punktfunk_connect(c), PUNKTFUNK_ERR_NOT_PAIRED);
    EXPECT(punktfunk_poll_frame(c, &f, 0), PUNKTFUNK_ERR_STATE);
    EXPECT(punktfunk_send_input(c, &key), PUNKTFUNK_ERR_STATE);
    EXPECT(punktfunk_get_stats(c, &st), PUNKTFUNK_ERR_STATE);
    EXPECT(punktfunk_request_keyframe(c), PUNKTFUNK_ERR_STATE);
    EXPECT(punktfunk_disconnect(c, "never connected"), PUNKTFUNK_ERR_STATE);
    EXPECT(punktfunk_pair(c, "12"), PUNKTFUNK_ERR_INVALID_ARGUMENT);
    last_error_is_per_thread(c);

    /* pairing: a wrong PIN is refused, the right one pins the host */
    char wrong[16];
    snprintf(wrong, sizeof wrong, "%04d", (atoi(pin) + 1) % 10000);
    EXPECT(punktfunk_pair(c, wrong), PUNKTFUNK_ERR_REFUSED);
    printf("wrong PIN: %s\n", punktfunk_last_error());
    EXPECT(punktfunk_pair(c, pin), PUNKTFUNK_OK);

    /* stream */
    t0 = now_ms();
    EXPECT(punktfunk_connect(c), PUNKTFUNK_OK);
    double connected = now_ms();
    EXPECT(punktfunk_connect(c), PUNKTFUNK_ERR_STATE);
    EXPECT(punktfunk_pair(c, pin), PUNKTFUNK_ERR_STATE);
    int frames = 0, bad_shape = 0, flat = 0;
    int64_t last_index = -1, last_pts = 0;
    double first_frame = 0, start = now_ms();
    while (now_ms() - start < 2500 || frames < 60) {
        if (now_ms() - start > 15000) {
            break;
        }
        int rc = punktfunk_poll_frame(c, &f, 500);
        if (rc == PUNKTFUNK_ERR_TIMEOUT) {
            continue;
        }
        if (rc != PUNKTFUNK_OK) {
            CHECK(0, "poll_frame: %s", punktfunk_error_name(rc));
            break;
        }
        if (frames++ == 0) {
            first_frame = now_ms();
        }
        CHECK(f.frame_index > last_index, "frame index %lld after %lld", (long long) f.frame_index, (long long) last_index);
        CHECK(f.pts_ns > last_pts, "pts %lld after %lld", (long long) f.pts_ns, (long long) last_pts);
        last_index = f.frame_index;
        last_pts = f.pts_ns;
        if (f.pixel_format != PUNKTFUNK_PIXFMT_I420 || f.width != 640 || f.height != 360 || f.plane_count != 3
            || f.planes[0] == NULL || f.planes[1] == NULL || f.planes[2] == NULL || f.strides[0] < 640
            || f.strides[1] < 320 || f.strides[2] < 320) {
            bad_shape++;
        }
        unsigned lo = 255, hi = 0; /* the synthetic picture is not one flat colour */
        for (int y = 0; y < 360; y += 7) {
            for (int x = 0; x < 640; x += 5) {
                unsigned v = f.planes[0][(size_t) y * f.strides[0] + x];
                lo = v < lo ? v : lo;
                hi = v > hi ? v : hi;
            }
        }
        if (hi - lo < 32) {
            flat++;
        }
    }
    double polled_s = (now_ms() - start) / 1e3;
    CHECK(frames >= 60, "only %d frames polled", frames);
    CHECK(bad_shape == 0, "%d frames with a wrong format, size, plane or stride", bad_shape);
    CHECK(flat == 0, "%d flat pictures", flat);
    printf("frames polled %d in %.1f s, last index %lld\n", frames, polled_s, (long long) last_index);
    printf("FIGURE connect_ms %.0f\n", connected - t0);
    printf("FIGURE connect_to_first_frame_ms %.0f\n", first_frame - t0);

    /* input: the host side of the test checks that these arrive */
    PunktfunkInputEvent up = {PUNKTFUNK_INPUT_KEY_UP, 0x41, 0, 0, 0};
    PunktfunkInputEvent move = {PUNKTFUNK_INPUT_MOUSE_MOVE, 0, 5, -3, 0};
    PunktfunkInputEvent pad = punktfunk_input_gamepad_state(0, 1, PUNKTFUNK_BTN_A | PUNKTFUNK_BTN_START,
                                                            1000, -2000, 0, 32767, 0, 255);
    PunktfunkInputEvent bad_kind = {99, 0, 0, 0, 0};
    PunktfunkInputEvent bad_key = {PUNKTFUNK_INPUT_KEY_DOWN, 0, 0, 0, 0};
    EXPECT(punktfunk_send_input(c, &key), PUNKTFUNK_OK);
    EXPECT(punktfunk_send_input(c, &up), PUNKTFUNK_OK);
    EXPECT(punktfunk_send_input(c, &move), PUNKTFUNK_OK);
    EXPECT(punktfunk_send_input(c, &pad), PUNKTFUNK_OK);
    EXPECT(punktfunk_send_input(c, &bad_kind), PUNKTFUNK_ERR_INVALID_ARGUMENT);
    EXPECT(punktfunk_send_input(c, &bad_key), PUNKTFUNK_ERR_INVALID_ARGUMENT);
    printf("bad key: %s\n", punktfunk_last_error());

    /* frames by callback on the decode thread; poll is refused meanwhile */
    struct callback_count cc = {0, -1, 0, c, PUNKTFUNK_OK};
    PunktfunkStats before, after_cb;
    EXPECT(punktfunk_get_stats(c, &before), PUNKTFUNK_OK);
    EXPECT(punktfunk_set_frame_callback(c, on_frame, &cc), PUNKTFUNK_OK);
    EXPECT(punktfunk_poll_frame(c, &f, 0), PUNKTFUNK_ERR_STATE);
    sleep_ms(1000);
    EXPECT(punktfunk_set_frame_callback(c, NULL, NULL), PUNKTFUNK_OK);
    EXPECT(punktfunk_get_stats(c, &after_cb), PUNKTFUNK_OK);
    /* through the ABI vs what the Java client decoded in the same second */
    printf("FIGURE callback_frames %d decoded_frames %llu\n", cc.frames,
           (unsigned long long) (after_cb.frames_decoded - before.frames_decoded));
    int after = cc.frames;
    sleep_ms(100);
    CHECK(cc.frames == after, "callback ran after it was removed");
    CHECK(cc.frames >= 20, "only %d frames by callback in 1 s", cc.frames);
    CHECK(cc.out_of_order == 0, "%d callback frames out of order", cc.out_of_order);
    CHECK(cc.poll_inside == PUNKTFUNK_ERR_STATE, "poll inside the callback: %s", punktfunk_error_name(cc.poll_inside));
    printf("frames by callback %d in 1 s\n", cc.frames);
    EXPECT(punktfunk_poll_frame(c, &f, 1000), PUNKTFUNK_OK);

    /* audio: decoded PCM, 10 ms frames of the host's tone */
    PunktfunkAudio a;
    int audio = 0, audio_bad = 0, loud = 0;
    start = now_ms();
    while (audio < 50 && now_ms() - start < 5000) {
        int rc = punktfunk_poll_audio(c, &a, 200);
        if (rc != PUNKTFUNK_OK) {
            continue;
        }
        audio++;
        if (a.format != PUNKTFUNK_AUDIO_PCM_S16 || a.sample_rate != 48000 || a.channels != 2 || a.samples != 480
            || a.bytes != 480 * 2 * 2 || a.data == NULL) {
            audio_bad++;
            continue;
        }
        const int16_t *pcm = (const int16_t *) a.data;
        int peak = 0;
        for (int i = 0; i < 960; i++) {
            int v = pcm[i] < 0 ? -pcm[i] : pcm[i];
            peak = v > peak ? v : peak;
        }
        if (peak > 1000) {
            loud++;
        }
    }
    CHECK(audio >= 50, "only %d audio frames", audio);
    CHECK(audio_bad == 0, "%d audio frames with a wrong shape", audio_bad);
    CHECK(loud >= audio / 2, "only %d of %d audio frames carry the tone", loud, audio);

    /* rumble: the test's host sends pad 1 low 0x1234 high 0x5678 while the stream runs */
    PunktfunkRumble r;
    int rumble_seen = 0;
    start = now_ms();
    while (!rumble_seen && now_ms() - start < 3000) {
        if (punktfunk_poll_rumble(c, &r) == PUNKTFUNK_OK) {
            rumble_seen = r.pad == 1 && r.low == 0x1234 && r.high == 0x5678;
        } else {
            sleep_ms(20);
        }
    }
    CHECK(rumble_seen, "no rumble level pad 1 0x1234/0x5678 arrived");

    /* keyframe request and stats */
    EXPECT(punktfunk_request_keyframe(c), PUNKTFUNK_OK);
    EXPECT(punktfunk_get_stats(c, &st), PUNKTFUNK_OK);
    printf("stats: received %llu decoded %llu delivered %llu replaced %llu lost %llu damaged %llu fec %llu "
           "packets %llu recv_dropped %llu send_dropped %llu keyframe_requests %llu audio %llu/%llu stamps %llu "
           "missing %llu p50 %.2f ms p99 %.2f ms %.0f kbps (negotiated %u) %ux%u@%u codec %u\n",
           (unsigned long long) st.frames_received, (unsigned long long) st.frames_decoded,
           (unsigned long long) st.frames_delivered, (unsigned long long) st.frames_replaced,
           (unsigned long long) st.frames_lost, (unsigned long long) st.frames_damaged,
           (unsigned long long) st.fec_recovered_shards, (unsigned long long) st.packets_received,
           (unsigned long long) st.packets_recv_dropped, (unsigned long long) st.packets_send_dropped,
           (unsigned long long) st.keyframe_requests, (unsigned long long) st.audio_frames_delivered,
           (unsigned long long) st.audio_frames_received, (unsigned long long) st.stamps_read,
           (unsigned long long) st.stamps_missing, st.latency_p50_ms, st.latency_p99_ms, st.bitrate_kbps,
           st.negotiated_kbps, st.width, st.height, st.refresh_hz, st.codec);
    CHECK(st.frames_received >= 60 && st.frames_decoded >= 60, "frames received %llu decoded %llu",
          (unsigned long long) st.frames_received, (unsigned long long) st.frames_decoded);
    CHECK(st.frames_delivered >= (uint64_t) (frames + cc.frames), "delivered %llu < polled %d + callback %d",
          (unsigned long long) st.frames_delivered, frames, cc.frames);
    CHECK(st.stamps_read >= 60, "stamps read %llu", (unsigned long long) st.stamps_read);
    CHECK(st.fec_recovered_shards > 0, "the host's data plane loses 1 %%, yet FEC rebuilt nothing");
    CHECK(st.packets_received > 0 && st.keyframe_requests >= 1, "packets %llu keyframe requests %llu",
          (unsigned long long) st.packets_received, (unsigned long long) st.keyframe_requests);
    CHECK(st.latency_p50_ms > 0 && st.latency_p99_ms >= st.latency_p50_ms, "latency p50 %.2f p99 %.2f",
          st.latency_p50_ms, st.latency_p99_ms);
    CHECK(st.bitrate_kbps > 0 && st.negotiated_kbps == 4000, "bitrate %.0f negotiated %u", st.bitrate_kbps,
          st.negotiated_kbps);
    CHECK(st.width == 640 && st.height == 360 && st.codec == PUNKTFUNK_CODEC_H264, "mode %ux%u codec %u", st.width,
          st.height, st.codec);
    CHECK(st.audio_frames_delivered >= 50, "audio delivered %llu", (unsigned long long) st.audio_frames_delivered);
    printf("FIGURE poll_fps %.1f\n", frames / polled_s);

    /* the boundary's own cost: a call that crosses into Java and back and finds nothing */
    t0 = now_ms();
    int calls = 20000;
    for (int i = 0; i < calls; i++) {
        punktfunk_poll_rumble(c, &r);
    }
    printf("FIGURE boundary_call_us %.2f\n", (now_ms() - t0) * 1e3 / calls);

    /* disconnect with a reason; the client can connect again */
    EXPECT(punktfunk_disconnect(c, "harness done"), PUNKTFUNK_OK);
    EXPECT(punktfunk_disconnect(c, "again"), PUNKTFUNK_ERR_STATE);
    EXPECT(punktfunk_poll_frame(c, &f, 0), PUNKTFUNK_ERR_STATE);
    t0 = now_ms();
    EXPECT(punktfunk_connect(c), PUNKTFUNK_OK);
    EXPECT(punktfunk_poll_frame(c, &f, 5000), PUNKTFUNK_OK);
    printf("FIGURE reconnect_to_first_frame_ms %.0f\n", now_ms() - t0);
    EXPECT(punktfunk_disconnect(c, NULL), PUNKTFUNK_OK);

    /* a second client on the same pairing: BGRA pictures, the host's Opus packets by callback */
    PunktfunkOptions o2 = options(host, port, dir);
    o2.pixel_format = PUNKTFUNK_PIXFMT_BGRA;
    o2.audio_format = PUNKTFUNK_AUDIO_OPUS;
    PunktfunkClient *c2 = NULL;
    struct opus_count oc = {0, 0, 0, 0};
    EXPECT(punktfunk_create(&o2, &c2), PUNKTFUNK_OK);
    EXPECT(punktfunk_set_audio_callback(c2, on_opus, &oc), PUNKTFUNK_OK); /* before connect: applies to the stream */
    EXPECT(punktfunk_connect(c2), PUNKTFUNK_OK);
    EXPECT(punktfunk_poll_frame(c2, &f, 5000), PUNKTFUNK_OK);
    CHECK(f.pixel_format == PUNKTFUNK_PIXFMT_BGRA && f.plane_count == 1 && f.planes[0] != NULL && f.planes[1] == NULL
          && f.strides[0] >= 640 * 4 && f.width == 640, "BGRA frame: format %u planes %u stride %u", f.pixel_format,
          f.plane_count, f.strides[0]);
    start = now_ms();
    while (oc.packets < 30 && now_ms() - start < 5000) {
        sleep_ms(50);
    }
    EXPECT(punktfunk_poll_audio(c2, &a, 0), PUNKTFUNK_ERR_TIMEOUT); /* the callback takes them all */
    EXPECT(punktfunk_disconnect(c2, "opus done"), PUNKTFUNK_OK);
    EXPECT(punktfunk_destroy(c2), PUNKTFUNK_OK);
    CHECK(oc.packets >= 30 && oc.bad == 0 && oc.out_of_order == 0, "opus: %d packets, %d malformed, %d out of order",
          oc.packets, oc.bad, oc.out_of_order);
    printf("opus packets by callback %d\n", oc.packets);

    EXPECT(punktfunk_destroy(c), PUNKTFUNK_OK);
    EXPECT(punktfunk_destroy(c), PUNKTFUNK_ERR_INVALID_ARGUMENT);
    EXPECT(punktfunk_connect(c), PUNKTFUNK_ERR_INVALID_ARGUMENT);
    EXPECT(punktfunk_get_stats((PunktfunkClient *) (uintptr_t) 987654, &st), PUNKTFUNK_ERR_INVALID_ARGUMENT);

    if (failures) {
        printf("HARNESS FAILED: %d checks\n", failures);
        return 1;
    }
    printf("HARNESS OK\n");
    return 0;
}
