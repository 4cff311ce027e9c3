package org.equidens.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Line-by-line reading of a text file straight from bytes, with 1-based line numbers for error
 * messages. Lines can be skipped without decoding (fast frame counting), and bytes that no text file
 * contains (NUL and other control characters, invalid UTF-8) are reported as "not a text file" instead
 * of surfacing later as a puzzling parse error. Accepts LF and CRLF line ends and a UTF-8 BOM.
 */
final class TextLines implements Closeable {
    /** A longer line is taken as a sign of a binary file rather than buffered without bound. */
    private static final int MAX_LINE = 1 << 26;

    private final InputStream in;
    private final Path name;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private boolean eof;
    private boolean nonAscii;
    private int line;

    TextLines(InputStream in, Path name) {
        this.in = in;
        this.name = name;
    }

    /** Number of the last line returned or skipped (1-based; 0 before the first). */
    int lineNumber() {
        return line;
    }

    Path name() {
        return name;
    }

    /** The next line without its terminator, or null at the end of the input. */
    String next() throws IOException {
        int end = findLineEnd();
        if (end < 0) return null;
        int start = pos;
        int stop = end;
        if (stop > start && buf[stop - 1] == '\r') stop--;
        line++;
        if (line == 1 && stop - start >= 3 && buf[start] == (byte) 0xEF && buf[start + 1] == (byte) 0xBB
                && buf[start + 2] == (byte) 0xBF) {
            start += 3;
        }
        String s = nonAscii ? decode(start, stop) : new String(buf, start, stop - start, StandardCharsets.ISO_8859_1);
        pos = end < lim ? end + 1 : lim;
        return s;
    }

    /** Skips a line (still checking that it is text); false at the end of the input. */
    boolean skip() throws IOException {
        int end = findLineEnd();
        if (end < 0) return false;
        line++;
        if (nonAscii) {
            int stop = end > pos && buf[end - 1] == '\r' ? end - 1 : end;
            decode(pos, stop);
        }
        pos = end < lim ? end + 1 : lim;
        return true;
    }

    private String decode(int start, int stop) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(buf, start, stop - start)).toString();
        } catch (CharacterCodingException e) {
            throw InputException.at(name, line, "not a text file (invalid UTF-8 bytes)");
        }
    }

    /** Index of the '\n' ending the current line, lim for a last line without one, or -1 at the end. */
    private int findLineEnd() throws IOException {
        nonAscii = false;
        int i = pos;
        while (true) {
            final byte[] b = buf;
            final int l = lim;
            for (; i < l; i++) {
                int c = b[i];
                if (c == '\n') return i;
                if (c < 0x20) { // control characters and, as negative bytes, everything beyond ASCII
                    if (c < 0) {
                        nonAscii = true;
                    } else if (c != '\t' && c != '\r' && c != 0x0b && c != 0x0c) {
                        throw InputException.at(name, line + 1, "not a text file (control byte 0x"
                                + Integer.toHexString(c) + ")");
                    }
                }
            }
            if (eof) return pos == lim ? -1 : lim;
            int scanned = i - pos;
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                pos = 0;
            }
            if (lim == buf.length) {
                if (buf.length >= MAX_LINE) {
                    throw InputException.at(name, line + 1, "not a text file (line longer than "
                            + (MAX_LINE >> 20) + " MiB)");
                }
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            i = scanned;
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) eof = true;
            else lim += n;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
