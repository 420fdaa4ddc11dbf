package io.punktfunk.host.input;

/**
 * A way to put a client's input into the host's desktop. Every method runs on the one injector thread
 * ({@link InputPump}), so implementations need no locking and may hold non-thread-safe handles (an Xlib
 * display). Codes are the wire's (reference §2.7): keys are Windows virtual keys, mouse buttons 1 left,
 * 2 middle, 3 right, 4 back, 5 forward, scroll deltas 120 per detent. An event an implementation cannot
 * inject is counted in {@link #rejected()}, never thrown.
 */
public interface InputInjector extends AutoCloseable {
    /** Backend name for logs and the report ({@code xtest}, {@code uinput}, {@code none}). */
    String name();

    void keyDown(int vk);

    void keyUp(int vk);

    /** Types one Unicode scalar value. */
    void text(int codePoint);

    /** Moves to {@code (x, y)} of a client view {@code viewWidth × viewHeight}, scaled to the host screen and clamped. */
    void pointerAbs(int x, int y, int viewWidth, int viewHeight);

    void pointerRel(int dx, int dy);

    void button(int button, boolean down);

    /**
     * Scrolls {@code delta} (120 = one detent; positive = up or right) on {@code axis} (0 vertical,
     * 1 horizontal); {@code precise} marks a touchpad's fine-grained delta.
     */
    void scroll(int axis, int delta, boolean precise);

    /** A pad {@code 0..15} was plugged in on the client ({@code kind} = GamepadPref byte). */
    default void padArrive(int pad, int kind) {
        countRejected();
    }

    /** A pad was unplugged on the client: its virtual device goes away. */
    default void padRemove(int pad) {
    }

    /**
     * The whole state of a pad: {@code buttons} in the wire's bits, sticks as signed 16-bit values with
     * +y up, triggers 0..255.
     */
    default void padState(int pad, int buttons, int lsX, int lsY, int rsX, int rsY, int lt, int rt) {
        countRejected();
    }

    /** Called after each batch of events: push them out (XFlush, SYN_REPORT). */
    default void flush() {
    }

    /** Releases every key and button this injector holds down and removes every virtual pad. */
    void releaseAll();

    /** Events that could not be injected (unmapped key, unknown button, no gamepad support …). */
    long rejected();

    /** Adds one to {@link #rejected()}. */
    void countRejected();

    /** Releases everything, then frees the backend's handles. */
    @Override
    void close();
}
