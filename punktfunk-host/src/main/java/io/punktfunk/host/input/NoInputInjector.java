package io.punktfunk.host.input;

/** {@code --input none}: a view-only host; every event is counted as rejected and goes nowhere. */
final class NoInputInjector implements InputInjector {
    private volatile long rejected;

    @Override
    public String name() {
        return "none";
    }

    @Override
    public void keyDown(int vk) {
        rejected++;
    }

    @Override
    public void keyUp(int vk) {
        rejected++;
    }

    @Override
    public void text(int codePoint) {
        rejected++;
    }

    @Override
    public void pointerAbs(int x, int y, int viewWidth, int viewHeight) {
        rejected++;
    }

    @Override
    public void pointerRel(int dx, int dy) {
        rejected++;
    }

    @Override
    public void button(int button, boolean down) {
        rejected++;
    }

    @Override
    public void scroll(int axis, int delta, boolean precise) {
        rejected++;
    }

    @Override
    public void releaseAll() {
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
