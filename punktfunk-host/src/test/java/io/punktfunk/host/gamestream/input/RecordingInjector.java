package io.punktfunk.host.gamestream.input;

import io.punktfunk.host.input.InputInjector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link InputInjector} that records every call as one line, for tests of the GameStream input path. */
public final class RecordingInjector implements InputInjector {
    public final List<String> calls = new CopyOnWriteArrayList<>();
    private long rejected;

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public void keyDown(int vk) {
        calls.add("keyDown " + vk);
    }

    @Override
    public void keyUp(int vk) {
        calls.add("keyUp " + vk);
    }

    @Override
    public void text(int codePoint) {
        calls.add("text " + Character.toString(codePoint));
    }

    @Override
    public void pointerAbs(int x, int y, int viewWidth, int viewHeight) {
        calls.add("pointerAbs " + x + " " + y + " " + viewWidth + "x" + viewHeight);
    }

    @Override
    public void pointerRel(int dx, int dy) {
        calls.add("pointerRel " + dx + " " + dy);
    }

    @Override
    public void button(int button, boolean down) {
        calls.add("button " + button + (down ? " down" : " up"));
    }

    @Override
    public void scroll(int axis, int delta, boolean precise) {
        calls.add("scroll " + (axis == 0 ? "v " : "h ") + delta + (precise ? " precise" : ""));
    }

    @Override
    public void padArrive(int pad, int kind) {
        calls.add("padArrive " + pad + " kind " + kind);
    }

    @Override
    public void padRemove(int pad) {
        calls.add("padRemove " + pad);
    }

    @Override
    public void padState(int pad, int buttons, int lsX, int lsY, int rsX, int rsY, int lt, int rt) {
        calls.add(String.format("padState %d buttons 0x%x ls %d,%d rs %d,%d lt %d rt %d", pad, buttons, lsX, lsY, rsX, rsY, lt, rt));
    }

    @Override
    public void releaseAll() {
        calls.add("releaseAll");
    }

    @Override
    public long rejected() {
        return rejected;
    }

    @Override
    public void countRejected() {
        rejected++;
    }

    @Override
    public void close() {
    }
}
