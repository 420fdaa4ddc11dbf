/*
 * Prints what the C compiler makes of punktfunk_core.h: struct sizes, field offsets and constant
 * values, one "kind name value" line each. AbiLayoutTest compares them with the Java side.
 */
#include "punktfunk_core.h"

#include <stdio.h>

#define SIZE(t) printf("size %s %zu\n", #t, sizeof(t))
#define OFF(t, f) printf("offset %s.%s %zu\n", #t, #f, offsetof(t, f))
#define CONST(c) printf("const %s %lld\n", #c, (long long) (c))

int main(void) {
    SIZE(PunktfunkFrame);
    OFF(PunktfunkFrame, pixel_format); OFF(PunktfunkFrame, width); OFF(PunktfunkFrame, height);
    OFF(PunktfunkFrame, plane_count); OFF(PunktfunkFrame, planes); OFF(PunktfunkFrame, strides);
    OFF(PunktfunkFrame, reserved); OFF(PunktfunkFrame, pts_ns); OFF(PunktfunkFrame, frame_index);
    OFF(PunktfunkFrame, decoded_ns);
    SIZE(PunktfunkAudio);
    OFF(PunktfunkAudio, format); OFF(PunktfunkAudio, sample_rate); OFF(PunktfunkAudio, channels);
    OFF(PunktfunkAudio, samples); OFF(PunktfunkAudio, data); OFF(PunktfunkAudio, bytes); OFF(PunktfunkAudio, seq);
    OFF(PunktfunkAudio, pts_ns);
    SIZE(PunktfunkRumble);
    OFF(PunktfunkRumble, pad); OFF(PunktfunkRumble, low); OFF(PunktfunkRumble, high);
    OFF(PunktfunkRumble, left_trigger); OFF(PunktfunkRumble, right_trigger); OFF(PunktfunkRumble, reserved);
    SIZE(PunktfunkStats);
    OFF(PunktfunkStats, frames_received); OFF(PunktfunkStats, frames_decoded); OFF(PunktfunkStats, frames_delivered);
    OFF(PunktfunkStats, frames_replaced); OFF(PunktfunkStats, frames_lost); OFF(PunktfunkStats, frames_damaged);
    OFF(PunktfunkStats, fec_recovered_shards); OFF(PunktfunkStats, packets_received);
    OFF(PunktfunkStats, packets_recv_dropped); OFF(PunktfunkStats, packets_send_dropped);
    OFF(PunktfunkStats, keyframe_requests); OFF(PunktfunkStats, audio_frames_received);
    OFF(PunktfunkStats, audio_frames_delivered); OFF(PunktfunkStats, stamps_read); OFF(PunktfunkStats, stamps_missing);
    OFF(PunktfunkStats, latency_p50_ms); OFF(PunktfunkStats, latency_p99_ms); OFF(PunktfunkStats, bitrate_kbps);
    OFF(PunktfunkStats, negotiated_kbps); OFF(PunktfunkStats, codec); OFF(PunktfunkStats, width);
    OFF(PunktfunkStats, height); OFF(PunktfunkStats, refresh_hz); OFF(PunktfunkStats, reserved);

    CONST(PUNKTFUNK_OK); CONST(PUNKTFUNK_ERR_INVALID_ARGUMENT); CONST(PUNKTFUNK_ERR_STATE);
    CONST(PUNKTFUNK_ERR_RUNTIME); CONST(PUNKTFUNK_ERR_CONNECT); CONST(PUNKTFUNK_ERR_NOT_PAIRED);
    CONST(PUNKTFUNK_ERR_REFUSED); CONST(PUNKTFUNK_ERR_TIMEOUT); CONST(PUNKTFUNK_ERR_CLOSED);
    CONST(PUNKTFUNK_ERR_IO); CONST(PUNKTFUNK_ERR_INTERNAL);
    CONST(PUNKTFUNK_CODEC_H264); CONST(PUNKTFUNK_CODEC_HEVC); CONST(PUNKTFUNK_CODEC_AV1);
    CONST(PUNKTFUNK_PIXFMT_BGRA); CONST(PUNKTFUNK_PIXFMT_I420);
    CONST(PUNKTFUNK_AUDIO_NONE); CONST(PUNKTFUNK_AUDIO_PCM_S16); CONST(PUNKTFUNK_AUDIO_OPUS);
    CONST(PUNKTFUNK_INPUT_KEY_DOWN); CONST(PUNKTFUNK_INPUT_KEY_UP); CONST(PUNKTFUNK_INPUT_MOUSE_MOVE);
    CONST(PUNKTFUNK_INPUT_MOUSE_MOVE_ABS); CONST(PUNKTFUNK_INPUT_MOUSE_BUTTON_DOWN);
    CONST(PUNKTFUNK_INPUT_MOUSE_BUTTON_UP); CONST(PUNKTFUNK_INPUT_MOUSE_SCROLL); CONST(PUNKTFUNK_INPUT_GAMEPAD_BUTTON);
    CONST(PUNKTFUNK_INPUT_GAMEPAD_AXIS); CONST(PUNKTFUNK_INPUT_TOUCH_DOWN); CONST(PUNKTFUNK_INPUT_TOUCH_MOVE);
    CONST(PUNKTFUNK_INPUT_TOUCH_UP); CONST(PUNKTFUNK_INPUT_GAMEPAD_STATE); CONST(PUNKTFUNK_INPUT_GAMEPAD_REMOVE);
    CONST(PUNKTFUNK_INPUT_GAMEPAD_ARRIVAL); CONST(PUNKTFUNK_INPUT_TEXT); CONST(PUNKTFUNK_INPUT_SCROLL);
    CONST(PUNKTFUNK_MOD_SHIFT); CONST(PUNKTFUNK_MOD_CTRL); CONST(PUNKTFUNK_MOD_ALT); CONST(PUNKTFUNK_MOD_META);
    CONST(PUNKTFUNK_MOUSE_LEFT); CONST(PUNKTFUNK_MOUSE_MIDDLE); CONST(PUNKTFUNK_MOUSE_RIGHT);
    CONST(PUNKTFUNK_MOUSE_X1); CONST(PUNKTFUNK_MOUSE_X2);
    CONST(PUNKTFUNK_SCROLL_VERTICAL); CONST(PUNKTFUNK_SCROLL_HORIZONTAL); CONST(PUNKTFUNK_SCROLL_FLAG_PRECISE);
    CONST(PUNKTFUNK_WHEEL_DELTA); CONST(PUNKTFUNK_SCROLL_Q8_PER_DETENT); CONST(PUNKTFUNK_SCROLL_SOURCE_WHEEL);
    CONST(PUNKTFUNK_SCROLL_SOURCE_FINGER); CONST(PUNKTFUNK_SCROLL_SOURCE_CONTINUOUS);
    CONST(PUNKTFUNK_BTN_DPAD_UP); CONST(PUNKTFUNK_BTN_DPAD_DOWN); CONST(PUNKTFUNK_BTN_DPAD_LEFT);
    CONST(PUNKTFUNK_BTN_DPAD_RIGHT); CONST(PUNKTFUNK_BTN_START); CONST(PUNKTFUNK_BTN_BACK);
    CONST(PUNKTFUNK_BTN_LS_CLICK); CONST(PUNKTFUNK_BTN_RS_CLICK); CONST(PUNKTFUNK_BTN_LB); CONST(PUNKTFUNK_BTN_RB);
    CONST(PUNKTFUNK_BTN_GUIDE); CONST(PUNKTFUNK_BTN_A); CONST(PUNKTFUNK_BTN_B); CONST(PUNKTFUNK_BTN_X);
    CONST(PUNKTFUNK_BTN_Y); CONST(PUNKTFUNK_BTN_PADDLE1); CONST(PUNKTFUNK_BTN_PADDLE2); CONST(PUNKTFUNK_BTN_PADDLE3);
    CONST(PUNKTFUNK_BTN_PADDLE4); CONST(PUNKTFUNK_BTN_TOUCHPAD); CONST(PUNKTFUNK_BTN_MISC1);
    CONST(PUNKTFUNK_AXIS_LS_X); CONST(PUNKTFUNK_AXIS_LS_Y); CONST(PUNKTFUNK_AXIS_RS_X); CONST(PUNKTFUNK_AXIS_RS_Y);
    CONST(PUNKTFUNK_AXIS_LT); CONST(PUNKTFUNK_AXIS_RT);
    CONST(PUNKTFUNK_MAX_PADS); CONST(PUNKTFUNK_ARRIVAL_HAPTICS); CONST(PUNKTFUNK_ARRIVAL_SPEAKER);

    /* the inline packer against the wire rule of GamepadState (x = ls_x << 16 | ls_y, flags = seq,lt,rt,pad) */
    PunktfunkInputEvent e = punktfunk_input_gamepad_state(3, 200, PUNKTFUNK_BTN_A, -1, 2, 32767, -32768, 10, 250);
    printf("gamepad_state %u %u %d %d %u\n", e.kind, e.code, e.x, e.y, e.flags);
    return 0;
}
