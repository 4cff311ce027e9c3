package org.equidens.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripKeepsShapeAndBits() {
        double[] data = {1.5, -2.25, Math.PI, 1e-300, Double.MAX_VALUE, -0.0};
        Path f = tmp.resolve("a.npy");
        Npy.write(f, data, 2, 3);
        Npy.Array a = Npy.read(f);
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(data, a.data());
        assertArrayEquals(new int[] {2, 3}, Npy.shape(f));
        assertEquals(Math.PI, a.get(0, 2));
        assertEquals(1e-300, a.get(1, 0));
    }

    @Test
    void float32RoundTripKeepsShapeAndSinglePrecisionValues() throws Exception {
        double[] data = {1.5, -2.25, Math.PI, 1e-7, -0.0, 3e5};
        Path f = tmp.resolve("f.npy");
        Npy.writeFloat32(f, data, 3, 2);
        assertEquals(0, Files.size(f) % 2);
        assertTrue(new String(Files.readAllBytes(f), 0, 128, StandardCharsets.ISO_8859_1).contains("'descr': '<f4'"));
        Npy.Array a = Npy.read(f);
        assertArrayEquals(new int[] {3, 2}, a.shape());
        for (int i = 0; i < data.length; i++) assertEquals((double) (float) data[i], a.data()[i]);
        assertThrows(IllegalArgumentException.class, () -> Npy.writeFloat32(tmp.resolve("g.npy"), data, 4, 2));
    }

    @Test
    void headerIsSixtyFourByteAligned() throws Exception {
        Path f = tmp.resolve("v.npy");
        Npy.write(f, new double[7], 7);
        long size = Files.size(f);
        assertEquals(0, (size - 7 * 8) % 64);
        assertArrayEquals(new int[] {7}, Npy.read(f).shape());
    }

    @Test
    void readsFortranOrderAndBigEndianInt32() throws Exception {
        // 2x3 array [[0,1,2],[3,4,5]] stored column by column, big-endian int32.
        ByteBuffer body = ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN);
        for (int v : new int[] {0, 3, 1, 4, 2, 5}) body.putInt(v);
        Path f = tmp.resolve("f.npy");
        Files.write(f, npyBytes("{'descr': '>i4', 'fortran_order': True, 'shape': (2, 3), }", body.array()));
        Npy.Array a = Npy.read(f);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, a.data());
    }

    @Test
    void readsReferenceDataOfTheProject() {
        Npy.Array s = Npy.read(Path.of("data/water-monomers-pbe/fixtures/aux_overlap_00000.npy"));
        assertArrayEquals(new int[] {196, 196}, s.shape());
        assertEquals(1.0, s.get(0, 0), 1e-12);
        assertArrayEquals(new int[] {1000, 3, 196}, Npy.shape(Path.of("data/water-monomers-pbe/response_coefficients.npy")));
    }

    @Test
    void truncatedOrForeignFilesGiveOneLineErrorsNamingTheFile() throws Exception {
        Path good = tmp.resolve("good.npy");
        Npy.write(good, new double[100], 10, 10);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = tmp.resolve("cut.npy");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 8));
        InputException e = assertThrows(InputException.class, () -> Npy.read(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()) && e.getMessage().contains("truncated"), e.getMessage());

        Path text = tmp.resolve("text.npy");
        Files.writeString(text, "hello, not numpy");
        e = assertThrows(InputException.class, () -> Npy.read(text));
        assertTrue(e.getMessage().contains("not a .npy file"), e.getMessage());

        Path missing = tmp.resolve("missing.npy");
        e = assertThrows(InputException.class, () -> Npy.read(missing));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
    }

    private static byte[] npyBytes(String dict, byte[] body) throws Exception {
        String header = dict;
        int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        return out.toByteArray();
    }
}
