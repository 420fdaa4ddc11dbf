package io.punktfunk.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.punktfunk.control.input.VirtualKeys;
import io.punktfunk.control.message.InputEvent;
import io.punktfunk.media.source.SyntheticStamp;
import io.punktfunk.media.video.Picture;
import io.punktfunk.media.video.PixelFormat;
import io.punktfunk.testkit.Environment;
import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.Rectangle;
import java.awt.Toolkit;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The viewer on a private Xvfb: a real x264 stream decoded to BGRA and presented, then checked from
 * an {@code import} screenshot taken by another process — the stamp band decodes from the screen,
 * the picture matches the decoded pixels, the overlay darkens its box and shows text — plus input
 * from {@code xdotool} (XTest) arriving at the {@link InputSink}, and a clean close.
 */
class ViewerWindowTest {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;
    private static final Path TARGET = Path.of("target");
    private static PrivateXvfb xvfb;

    @BeforeAll
    static void startDisplay() throws Throwable {
        Environment.require(PrivateXvfb.onPath("Xvfb"),
                "Xvfb not installed (apt-get install xvfb): viewer not tested on a display");
        Environment.require(PrivateXvfb.onPath("import"),
                "ImageMagick's import not installed (apt-get install imagemagick): no screenshots, viewer not tested");
        xvfb = PrivateXvfb.start(1600, 900);
        xvfb.becomeAwtDisplay();
        Files.createDirectories(TARGET);
    }

    @AfterAll
    static void stopDisplay() {
        if (xvfb != null) {
            xvfb.close();
        }
    }

    @Test
    void showsTheDecodedStreamWithTheStatsOverlay() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        ViewerWindow window = ViewerWindow.open("punktfunk viewer", WIDTH, HEIGHT, true, InputSink.NONE,
                closed::countDown);
        window.stats(new ViewerStats(59.9, 18.42, 9.6, 15.3, 0.35, 12, 1));
        try (SyntheticStream stream = new SyntheticStream(WIDTH, HEIGHT, 60, true);
             Picture expected = Picture.allocate(PixelFormat.BGRA, WIDTH, HEIGHT)) {
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long presentAllocated = 0;
            Picture last = null;
            for (int i = 0; i < 60; i++) {
                last = stream.next();
                long before = threads.getCurrentThreadAllocatedBytes();
                window.present(last);
                presentAllocated += threads.getCurrentThreadAllocatedBytes() - before;
            }
            last.copyTo(expected);
            long lastCounter = expected.frameCounter();
            awaitTrue(() -> window.lastShownFrameCounter() == lastCounter, "last picture shown");
            Rectangle video = placedVideoBounds(window, "punktfunk viewer");
            assertThat(video.getSize()).as("video area at native size")
                    .isEqualTo(new java.awt.Dimension(WIDTH, HEIGHT));

            BufferedImage withOverlay = crop(xvfb.screenshot(TARGET.resolve("viewer-screen.png")), video);
            ImageIO.write(withOverlay, "png", TARGET.resolve("viewer.png").toFile());
            assertThat(stampOnScreen(withOverlay)).as("stamp read back from the screenshot")
                    .hasValueSatisfying(s -> assertThat(s.counter()).isEqualTo(lastCounter & 0xFFFF_FFFFL));
            Rectangle middle = new Rectangle(200, 200, 880, 320);
            assertThat(differingFraction(withOverlay, expected, middle, 12))
                    .as("screen pixels in the middle equal the decoded picture").isLessThan(0.001);
            Rectangle overlayBox = new Rectangle(12, HEIGHT - 70, 260, 56);
            double darkened = differingFraction(withOverlay, expected, overlayBox, 40);
            double text = whiteFraction(withOverlay, overlayBox);
            System.out.printf("overlay box: %.1f %% of pixels darkened, %.1f %% white text%n",
                    100 * darkened, 100 * text);
            assertThat(darkened).as("overlay box darkens the video under it").isGreaterThan(0.6);
            assertThat(text).as("overlay text").isGreaterThan(0.03);

            window.statsVisible(false);
            awaitTrue(() -> !window.statsVisible(), "overlay hidden");
            Thread.sleep(300); // the queued render has run; nothing else changes the screen now
            BufferedImage without = crop(xvfb.screenshot(TARGET.resolve("viewer-screen-plain.png")), video);
            assertThat(differingFraction(without, expected, overlayBox, 12))
                    .as("without the overlay the box region is the picture").isLessThan(0.001);

            System.out.printf("viewer 1280x720: presented %d shown %d dropped %d; copy %s; draw %s; to screen %s%n",
                    window.framesPresented(), window.framesShown(), window.framesDropped(), window.copyTiming(),
                    window.drawTiming(), window.presentToScreenTiming());
            System.out.printf("present() allocated %d bytes in 60 calls on the decode thread%n", presentAllocated);
            // The pixels go into reused images; only the event-queue post (one small event) may allocate.
            assertThat(presentAllocated / 60).as("bytes allocated per present()").isLessThan(256);
            assertThat(window.framesPresented()).isEqualTo(60);
            assertThat(window.framesShown() + window.framesDropped()).isEqualTo(60);
        } finally {
            window.close();
        }
        assertThat(closed.await(5, TimeUnit.SECONDS)).as("onClosed ran").isTrue();
    }

    @Test
    void forwardsKeysTextMouseAndWheelFromTheXServer() throws Exception {
        Environment.require(PrivateXvfb.onPath("xdotool"), "xdotool not installed (apt-get install xdotool): input not tested");
        ConcurrentLinkedQueue<ViewerInputEvent> received = new ConcurrentLinkedQueue<>();
        ViewerWindow window = ViewerWindow.open("punktfunk input", 640, 360, false, received::add, () -> { });
        try (Picture black = Picture.allocate(PixelFormat.BGRA, 640, 360)) {
            window.present(black);
            awaitTrue(() -> window.framesShown() == 1, "first picture shown");
            Rectangle video = placedVideoBounds(window, "punktfunk input");
            xvfb.xdotool("mousemove", String.valueOf(video.x + 100), String.valueOf(video.y + 50));
            awaitTrue(() -> received.contains(new MouseMoveInput(100, 50, 640, 360)), "pointer at video (100, 50): " + received);
            xvfb.xdotool("click", "3");
            awaitTrue(() -> received.contains(new MouseButtonInput(3, false)), "right button up: " + received);
            xvfb.xdotool("key", "a");
            awaitTrue(() -> received.contains(new KeyInput(VirtualKeys.fromEvdev(30), false, 0)), "A up: " + received);
            xvfb.xdotool("key", "shift+slash");
            awaitTrue(() -> received.contains(new KeyInput(VirtualKeys.VK_OEM_2, true, InputEvent.MOD_SHIFT)),
                    "? as Shift + VK_OEM_2: " + received);
            xvfb.xdotool("click", "5");
            awaitTrue(() -> received.contains(new MouseWheelInput(InputEvent.SCROLL_VERTICAL, -1)), "wheel down: " + received);
            xvfb.xdotool("click", "7");
            awaitTrue(() -> received.contains(new MouseWheelInput(InputEvent.SCROLL_HORIZONTAL, 1)), "wheel right: " + received);
            xvfb.xdotool("click", "8");
            awaitTrue(() -> received.contains(new MouseButtonInput(InputEvent.BUTTON_X1, false)), "back button: " + received);
            // X11 wheels come in whole detents; a high-resolution one (other toolkits) arrives fractional
            java.awt.Component canvas = findFrame("punktfunk input").getComponent(0);
            EventQueue.invokeAndWait(() -> canvas.dispatchEvent(new java.awt.event.MouseWheelEvent(canvas,
                    java.awt.event.MouseEvent.MOUSE_WHEEL, System.currentTimeMillis(), 0, 10, 10, 0, 0, 0, false,
                    java.awt.event.MouseWheelEvent.WHEEL_UNIT_SCROLL, 1, 0, 0.25)));
            assertThat(received).contains(new MouseWheelInput(InputEvent.SCROLL_VERTICAL, -0.25));
            xvfb.xdotool("type", "\u00fc"); // no key for it on a US map: xdotool borrows a spare keycode
            awaitTrue(() -> received.contains(new TextInput(0xFC)), "ü as text: " + received);

            List<ViewerInputEvent> inOrder = new ArrayList<>(received);
            assertThat(inOrder).containsSubsequence(new MouseButtonInput(3, true), new MouseButtonInput(3, false),
                    new KeyInput(0x41, true, 0), new KeyInput(0x41, false, 0),
                    new KeyInput(VirtualKeys.VK_LSHIFT, true, InputEvent.MOD_SHIFT),
                    new KeyInput(VirtualKeys.VK_OEM_2, true, InputEvent.MOD_SHIFT),
                    new KeyInput(VirtualKeys.VK_LSHIFT, false, 0), // xdotool lets go of Shift first
                    new KeyInput(VirtualKeys.VK_OEM_2, false, 0));
            assertThat(inOrder).as("a key with a wire code is never also sent as text")
                    .noneMatch(e -> e instanceof TextInput t && (t.codePoint() == 'a' || t.codePoint() == '?'));

            xvfb.xdotool("key", "ctrl+alt+s");
            awaitTrue(window::statsVisible, "Ctrl+Alt+S shows the overlay");
            Thread.sleep(200);
            assertThat(received).as("the hotkey's S stays local")
                    .noneMatch(e -> e instanceof KeyInput k && k.vk() == 0x53);
        } finally {
            window.close();
        }
    }

    @Test
    void xdotoolInputLeavesAsWireEvents() throws Exception {
        Environment.require(PrivateXvfb.onPath("xdotool"), "xdotool not installed (apt-get install xdotool): input not tested");
        ConcurrentLinkedQueue<InputEvent> wire = new ConcurrentLinkedQueue<>();
        io.punktfunk.client.input.RemoteInput remote = new io.punktfunk.client.input.RemoteInput();
        remote.attach(e -> {
            io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.buffer();
            e.encode(buf);
            try {
                wire.add(InputEvent.decode(buf)); // what the host decodes from the 18 bytes
            } catch (io.punktfunk.control.message.ControlProtocolException ex) {
                throw new AssertionError("malformed " + e, ex);
            }
        });
        ViewerWindow window = ViewerWindow.open("punktfunk wire", 640, 360, false, remote, () -> { });
        try (Picture black = Picture.allocate(PixelFormat.BGRA, 640, 360)) {
            window.present(black);
            awaitTrue(() -> window.framesShown() == 1, "first picture shown");
            Rectangle video = placedVideoBounds(window, "punktfunk wire");
            xvfb.xdotool("mousemove", String.valueOf(video.x + 320), String.valueOf(video.y + 90));
            xvfb.xdotool("click", "1");
            xvfb.xdotool("key", "ctrl+Return");
            xvfb.xdotool("click", "4");
            xvfb.xdotool("type", "\u00e9");
            awaitTrue(() -> wire.contains(new InputEvent(InputEvent.TEXT_INPUT, 0xE9, 0, 0, 0)), "é as text: " + wire);
            assertThat(wire).contains(new InputEvent(InputEvent.MOUSE_MOVE_ABS, 0, 320, 90, 640 << 16 | 360));
            assertThat(wire).filteredOn(e -> e.isEdge() && e.kind() != InputEvent.TEXT_INPUT).containsExactly(
                    new InputEvent(InputEvent.MOUSE_BUTTON_DOWN, InputEvent.BUTTON_LEFT, 0, 0, 0),
                    new InputEvent(InputEvent.MOUSE_BUTTON_UP, InputEvent.BUTTON_LEFT, 0, 0, 0),
                    new InputEvent(InputEvent.KEY_DOWN, VirtualKeys.VK_LCONTROL, 0, 0, InputEvent.MOD_CTRL),
                    new InputEvent(InputEvent.KEY_DOWN, VirtualKeys.VK_RETURN, 0, 0, InputEvent.MOD_CTRL),
                    new InputEvent(InputEvent.KEY_UP, VirtualKeys.VK_LCONTROL, 0, 0, 0),
                    new InputEvent(InputEvent.KEY_UP, VirtualKeys.VK_RETURN, 0, 0, 0));
            assertThat(wire).contains(new InputEvent(InputEvent.MOUSE_SCROLL, InputEvent.SCROLL_VERTICAL, 120, 0, 0));
        } finally {
            window.close();
        }
    }

    @Test
    void pointerLockSendsRelativeMotionAndTheChordTogglesIt() throws Exception {
        Environment.require(PrivateXvfb.onPath("xdotool"), "xdotool not installed (apt-get install xdotool): input not tested");
        ConcurrentLinkedQueue<ViewerInputEvent> received = new ConcurrentLinkedQueue<>();
        ViewerWindow window = ViewerWindow.open("punktfunk lock", 640, 360, false, received::add, () -> { });
        try (Picture black = Picture.allocate(PixelFormat.BGRA, 640, 360)) {
            window.present(black);
            awaitTrue(() -> window.framesShown() == 1, "first picture shown");
            Rectangle video = placedVideoBounds(window, "punktfunk lock");
            xvfb.xdotool("mousemove", String.valueOf(video.x + 10), String.valueOf(video.y + 10));
            awaitTrue(() -> received.contains(new MouseMoveInput(10, 10, 640, 360)), "absolute first: " + received);
            xvfb.xdotool("key", "ctrl+alt+shift+m");
            awaitTrue(window::pointerLocked, "Ctrl+Alt+Shift+M locks the pointer");
            int cx = video.x + 320;
            int cy = video.y + 180;
            awaitTrue(() -> pointerAt(cx, cy), "the lock warps the pointer to the centre");
            received.clear();
            xvfb.xdotool("mousemove_relative", "--", "7", "-4");
            awaitTrue(() -> received.contains(new MouseDeltaInput(7, -4)), "relative motion: " + received);
            awaitTrue(() -> pointerAt(cx, cy), "warped back to the centre");
            xvfb.xdotool("mousemove_relative", "--", "-3", "5");
            awaitTrue(() -> received.contains(new MouseDeltaInput(-3, 5)), "second relative motion: " + received);
            assertThat(received).as("no absolute positions while locked").noneMatch(e -> e instanceof MouseMoveInput);
            assertThat(received).as("the chord's M stays local").noneMatch(e -> e instanceof KeyInput k && k.vk() == 0x4D);
            xvfb.xdotool("key", "ctrl+alt+shift+m");
            awaitTrue(() -> !window.pointerLocked(), "the chord frees it again");
            xvfb.xdotool("mousemove", String.valueOf(video.x + 20), String.valueOf(video.y + 30));
            awaitTrue(() -> received.contains(new MouseMoveInput(20, 30, 640, 360)), "absolute again: " + received);
        } finally {
            window.close();
        }
    }

    @Test
    void focusLossAndCloseReleaseEveryHeldKeyAndButton() throws Exception {
        Environment.require(PrivateXvfb.onPath("xdotool"), "xdotool not installed (apt-get install xdotool): input not tested");
        ConcurrentLinkedQueue<ViewerInputEvent> received = new ConcurrentLinkedQueue<>();
        CountDownLatch closed = new CountDownLatch(1);
        ViewerWindow window = ViewerWindow.open("punktfunk focus", 640, 360, false, received::add, closed::countDown);
        Frame other = null;
        try (Picture black = Picture.allocate(PixelFormat.BGRA, 640, 360)) {
            window.present(black);
            awaitTrue(() -> window.framesShown() == 1, "first picture shown");
            Rectangle video = placedVideoBounds(window, "punktfunk focus");
            xvfb.xdotool("mousemove", String.valueOf(video.x + 50), String.valueOf(video.y + 50));
            xvfb.xdotool("mousedown", "1");
            xvfb.xdotool("keydown", "d");
            xvfb.xdotool("keydown", "Control_L");
            awaitTrue(() -> received.contains(new KeyInput(VirtualKeys.VK_LCONTROL, true, InputEvent.MOD_CTRL)), "held: " + received);
            assertThat(received).contains(new MouseButtonInput(1, true), new KeyInput(0x44, true, 0));
            received.clear();

            Frame[] opened = new Frame[1];
            EventQueue.invokeAndWait(() -> {
                opened[0] = new Frame("punktfunk other");
                opened[0].setBounds(700, 500, 200, 100);
                opened[0].setVisible(true);
                opened[0].toFront();
                opened[0].requestFocus();
            });
            other = opened[0];
            awaitTrue(() -> received.contains(new KeyInput(0x44, false, 0))
                    && received.contains(new KeyInput(VirtualKeys.VK_LCONTROL, false, 0))
                    && received.contains(new MouseButtonInput(1, false)), "ups on focus loss: " + received);
            xvfb.xdotool("keyup", "d");
            xvfb.xdotool("keyup", "Control_L");
            xvfb.xdotool("mouseup", "1");
            Thread.sleep(200);
            assertThat(received).as("each up sent once, nothing else")
                    .filteredOn(e -> !(e instanceof MouseMoveInput)).hasSize(3);

            // focus back, hold a key, close: the up goes out before onClosed runs
            received.clear();
            Frame back = findFrame("punktfunk focus");
            EventQueue.invokeAndWait(() -> {
                back.toFront();
                back.requestFocus();
            });
            xvfb.xdotool("mousemove", String.valueOf(video.x + 60), String.valueOf(video.y + 60));
            xvfb.xdotool("mousedown", "1"); // clicking the canvas gives it the keyboard focus
            xvfb.xdotool("keydown", "e");
            awaitTrue(() -> received.contains(new KeyInput(0x45, true, 0)), "E held: " + received);
            window.close();
            assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(received).as("close released E and the button").contains(new KeyInput(0x45, false, 0),
                    new MouseButtonInput(1, false));
            xvfb.xdotool("keyup", "e");
            xvfb.xdotool("mouseup", "1");
        } finally {
            window.close();
            if (other != null) {
                other.dispose();
            }
        }
    }

    @Test
    void keysArePositionalWhateverTheLayout() throws Exception {
        Environment.require(PrivateXvfb.onPath("xdotool"), "xdotool not installed (apt-get install xdotool): input not tested");
        Environment.require(PrivateXvfb.onPath("setxkbmap"),
                "setxkbmap not installed (apt-get install x11-xkb-utils): layouts not tested");
        assertThat(AwtKeys.positional()).as("KeyEvent.rawCode readable (--add-opens java.desktop/java.awt.event)").isTrue();
        ConcurrentLinkedQueue<ViewerInputEvent> received = new ConcurrentLinkedQueue<>();
        ViewerWindow window = ViewerWindow.open("punktfunk layout", 320, 180, false, received::add, () -> { });
        try (Picture black = Picture.allocate(PixelFormat.BGRA, 320, 180)) {
            window.present(black);
            awaitTrue(() -> window.framesShown() == 1, "first picture shown");
            xvfb.command("setxkbmap", "de");
            xvfb.xdotool("key", "z"); // on a German map Z sits where US keyboards have Y
            awaitTrue(() -> received.contains(new KeyInput(0x59, false, 0)), "German Z is VK_Y: " + received);
            assertThat(received).noneMatch(e -> e instanceof KeyInput k && k.vk() == 0x5A);
        } finally {
            xvfb.command("setxkbmap", "us");
            window.close();
        }
    }

    /**
     * The video's bounds on the screen as the X server has them: where xdotool's pointer must go for the
     * events to land in the video. AWT's own idea of the frame's screen position can lag the server's
     * (seen under load) or stay at (0,0) without a window manager (seen on an idle box), so only the video's
     * offset inside the frame is taken from AWT, and the frame's position from X once it holds still.
     */
    private static Rectangle placedVideoBounds(ViewerWindow window, String title) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Rectangle before = xvfb.windowGeometry(title);
        while (true) {
            Thread.sleep(50);
            Rectangle server = xvfb.windowGeometry(title);
            if (server.equals(before)) {
                Rectangle[] awt = new Rectangle[2];
                EventQueue.invokeAndWait(() -> {
                    Frame f = findFrame(title);
                    awt[0] = new Rectangle(f.getLocationOnScreen(), f.getSize());
                    awt[1] = window.videoBoundsOnScreen();
                });
                if (!awt[0].getLocation().equals(server.getLocation())) {
                    System.out.printf("%s: X has the frame at %s, AWT at %s; using X's%n", title, server, awt[0]);
                }
                return new Rectangle(server.x + awt[1].x - awt[0].x, server.y + awt[1].y - awt[0].y,
                        awt[1].width, awt[1].height);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("X keeps moving " + title + ": " + before + " then " + server);
            }
            before = server;
        }
    }

    private static boolean pointerAt(int x, int y) {
        java.awt.Point p = java.awt.MouseInfo.getPointerInfo().getLocation();
        return p.x == x && p.y == y;
    }

    @Test
    void closingTheWindowRunsTheCallbackOnceAndStopsPresenting() throws Exception {
        AtomicInteger closedCalls = new AtomicInteger();
        CountDownLatch closed = new CountDownLatch(1);
        ViewerWindow window = ViewerWindow.open("punktfunk close", 640, 360, false, InputSink.NONE, () -> {
            closedCalls.incrementAndGet();
            closed.countDown();
        });
        try (Picture picture = Picture.allocate(PixelFormat.BGRA, 640, 360)) {
            window.present(picture);
            Frame frame = findFrame("punktfunk close");
            // What the window manager's close button delivers.
            Toolkit.getDefaultToolkit().getSystemEventQueue()
                    .postEvent(new WindowEvent(frame, WindowEvent.WINDOW_CLOSING));
            assertThat(closed.await(5, TimeUnit.SECONDS)).as("onClosed ran").isTrue();
            awaitTrue(() -> !frame.isDisplayable(), "window disposed");
            window.present(picture);
            window.close();
            Thread.sleep(200);
            assertThat(window.isClosed()).isTrue();
            assertThat(window.framesPresented()).as("pictures after close are ignored").isEqualTo(1);
            assertThat(closedCalls).as("callback ran once").hasValue(1);
        }
    }

    private static Frame findFrame(String title) {
        for (Frame frame : Frame.getFrames()) {
            if (title.equals(frame.getTitle()) && frame.isDisplayable()) {
                return frame;
            }
        }
        throw new AssertionError("no window titled " + title);
    }

    private static BufferedImage crop(BufferedImage screen, Rectangle r) {
        assertThat(new Rectangle(0, 0, screen.getWidth(), screen.getHeight()).contains(r))
                .as("video %s on the %dx%d screen", r, screen.getWidth(), screen.getHeight()).isTrue();
        BufferedImage out = new BufferedImage(r.width, r.height, BufferedImage.TYPE_INT_RGB);
        out.createGraphics().drawImage(screen.getSubimage(r.x, r.y, r.width, r.height), 0, 0, null);
        return out;
    }

    /** Reads the synthetic stamp from screen pixels: RGB back to BT.601 limited-range luma. */
    private static java.util.Optional<SyntheticStamp> stampOnScreen(BufferedImage shot) {
        try (Picture luma = Picture.allocate(PixelFormat.I420, shot.getWidth(), shot.getHeight())) {
            MemorySegment y = luma.plane(0);
            for (int row = 0; row < shot.getHeight(); row++) {
                for (int x = 0; x < shot.getWidth(); x++) {
                    int rgb = shot.getRGB(x, row);
                    double value = 16 + (65.481 * ((rgb >> 16) & 0xFF) + 128.553 * ((rgb >> 8) & 0xFF)
                            + 24.966 * (rgb & 0xFF)) / 255;
                    y.set(ValueLayout.JAVA_BYTE, (long) row * luma.stride(0) + x, (byte) Math.round(value));
                }
            }
            return SyntheticStamp.read(luma);
        }
    }

    /** Fraction of pixels in {@code r} where a channel differs from the BGRA picture by more than {@code tolerance}. */
    private static double differingFraction(BufferedImage shot, Picture bgra, Rectangle r, int tolerance) {
        int differing = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                long at = (long) y * bgra.stride(0) + 4L * x;
                int b = bgra.plane(0).get(ValueLayout.JAVA_BYTE, at) & 0xFF;
                int g = bgra.plane(0).get(ValueLayout.JAVA_BYTE, at + 1) & 0xFF;
                int red = bgra.plane(0).get(ValueLayout.JAVA_BYTE, at + 2) & 0xFF;
                int rgb = shot.getRGB(x, y);
                if (Math.abs(((rgb >> 16) & 0xFF) - red) > tolerance || Math.abs(((rgb >> 8) & 0xFF) - g) > tolerance
                        || Math.abs((rgb & 0xFF) - b) > tolerance) {
                    differing++;
                }
            }
        }
        return (double) differing / (r.width * r.height);
    }

    private static double whiteFraction(BufferedImage shot, Rectangle r) {
        int white = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                int rgb = shot.getRGB(x, y);
                if (((rgb >> 16) & 0xFF) > 200 && ((rgb >> 8) & 0xFF) > 200 && (rgb & 0xFF) > 200) {
                    white++;
                }
            }
        }
        return (double) white / (r.width * r.height);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
