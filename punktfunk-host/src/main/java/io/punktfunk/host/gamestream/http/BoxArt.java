package io.punktfunk.host.gamestream.http;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** The box art /appasset returns: one plain PNG in Moonlight's poster shape (apps have no art of their own yet). */
final class BoxArt {
    private BoxArt() {
    }

    static byte[] png() {
        BufferedImage img = new BufferedImage(130, 180, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(new Color(0x1f2a44));
            g.fillRect(0, 0, 130, 180);
            g.setColor(new Color(0xf2b134));
            g.fillOval(40, 65, 50, 50);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
