package org.equidens.realspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.equidens.io.InputException;
import org.equidens.io.Npy;

/**
 * The files of a grid-samples folder (written by {@code equidens grid-samples}):
 * <pre>
 * frames.npy       (K)      dataset frame of each sampled molecule
 * counts.npy       (K)      points per molecule
 * points_bohr.npy  (P, 3)   sampled points, molecules one after another (bohr)
 * values.npy       (P, 3)   ρ1_x, ρ1_y, ρ1_z at each point (e/bohr³ per a.u. of field)
 * sampling.json             the settings that made them
 * test-grids/frame_NNNNN.npy       (3, n1, n2, n3) float32: ρ1_x, ρ1_y, ρ1_z on a (subsampled) cube grid
 * test-grids/frame_NNNNN_grid.npy  (4, 3): grid origin, then the three voxel vectors (bohr)
 * </pre>
 */
public final class GridSamples {
    public static final String TEST_GRIDS = "test-grids";

    private GridSamples() {}

    /** Writes the sampled points of molecules {@code frames} (same order as {@code samples}). */
    public static void writeSamples(Path dir, int[] frames, List<RealSpaceTraining.Samples> samples) {
        if (frames.length != samples.size()) throw new IllegalArgumentException("one sample set per frame");
        int total = 0;
        for (RealSpaceTraining.Samples s : samples) total += s.count();
        double[] f = new double[frames.length], c = new double[frames.length], p = new double[3 * total], v = new double[3 * total];
        int off = 0;
        for (int k = 0; k < frames.length; k++) {
            RealSpaceTraining.Samples s = samples.get(k);
            f[k] = frames[k];
            c[k] = s.count();
            System.arraycopy(s.pointsBohr(), 0, p, off, 3 * s.count());
            System.arraycopy(s.values(), 0, v, off, 3 * s.count());
            off += 3 * s.count();
        }
        mkdirs(dir);
        Npy.write(dir.resolve("frames.npy"), f, frames.length);
        Npy.write(dir.resolve("counts.npy"), c, frames.length);
        Npy.write(dir.resolve("points_bohr.npy"), p, total, 3);
        Npy.write(dir.resolve("values.npy"), v, total, 3);
    }

    /** The sampled molecules of a folder, by frame. */
    public static TreeMap<Integer, RealSpaceTraining.Samples> readSamples(Path dir) {
        if (!Files.isRegularFile(dir.resolve("frames.npy"))) throw InputException.at(dir, "not a grid-samples folder (no frames.npy)");
        double[] f = Npy.read(dir.resolve("frames.npy")).data(), c = Npy.read(dir.resolve("counts.npy")).data();
        Npy.Array p = Npy.read(dir.resolve("points_bohr.npy")), v = Npy.read(dir.resolve("values.npy"));
        if (c.length != f.length) throw InputException.at(dir.resolve("counts.npy"), c.length + " counts for " + f.length + " frames");
        long total = 0;
        for (double x : c) total += (long) x;
        if (p.data().length != 3 * total || v.data().length != 3 * total)
            throw InputException.at(dir, "points_bohr.npy and values.npy must hold (" + total + ", 3) values, the sum of counts.npy");
        TreeMap<Integer, RealSpaceTraining.Samples> out = new TreeMap<>();
        int off = 0;
        for (int k = 0; k < f.length; k++) {
            int m = (int) c[k];
            if (out.put((int) f[k], new RealSpaceTraining.Samples(Arrays.copyOfRange(p.data(), off, off + 3 * m),
                    Arrays.copyOfRange(v.data(), off, off + 3 * m))) != null)
                throw InputException.at(dir.resolve("frames.npy"), "frame " + (int) f[k] + " listed twice");
            off += 3 * m;
        }
        return out;
    }

    /** Every {@code stride}-th point along each voxel axis (from the first): the same values on a coarser grid. */
    public static VolumetricData subsample(VolumetricData data, int stride) {
        if (stride < 1) throw new InputException("stride must be >= 1, got " + stride);
        Grid g = data.grid();
        int[] n = g.counts(), m = new int[3];
        for (int a = 0; a < 3; a++) m[a] = (n[a] + stride - 1) / stride;
        double[] vox = g.voxelVectors();
        for (int i = 0; i < 9; i++) vox[i] *= stride;
        Grid h = new Grid(g.origin(), vox, m);
        double[] v = new double[h.size()];
        for (int i = 0; i < m[0]; i++)
            for (int j = 0; j < m[1]; j++)
                for (int k = 0; k < m[2]; k++) v[h.index(i, j, k)] = data.values()[g.index(stride * i, stride * j, stride * k)];
        return new VolumetricData(h, v);
    }

    /** Writes the three response fields of one frame (same grid) to {@code dir/test-grids}. */
    public static void writeGrid(Path dir, int frame, VolumetricData[] fields) {
        Grid g = fields[0].grid();
        int size = g.size();
        double[] all = new double[3 * size];
        for (int d = 0; d < 3; d++) {
            if (!fields[d].grid().sameAs(g, 1e-6)) throw new InputException("the x, y and z fields of frame " + frame + " are on different grids");
            System.arraycopy(fields[d].values(), 0, all, d * size, size);
        }
        Path t = dir.resolve(TEST_GRIDS);
        mkdirs(t);
        int[] n = g.counts();
        Npy.writeFloat32(t.resolve(name(frame, "")), all, 3, n[0], n[1], n[2]);
        double[] geo = new double[12];
        System.arraycopy(g.origin(), 0, geo, 0, 3);
        System.arraycopy(g.voxelVectors(), 0, geo, 3, 9);
        Npy.write(t.resolve(name(frame, "_grid")), geo, 4, 3);
    }

    /** Frames with a test grid in {@code dir/test-grids}, ascending. */
    public static int[] gridFrames(Path dir) {
        Path t = dir.resolve(TEST_GRIDS);
        if (!Files.isDirectory(t)) throw InputException.at(dir, "no " + TEST_GRIDS + " folder");
        try (Stream<Path> s = Files.list(t)) {
            return s.map(p -> p.getFileName().toString()).filter(x -> x.matches("frame_\\d+\\.npy"))
                    .mapToInt(x -> Integer.parseInt(x.substring(6, x.length() - 4))).sorted().toArray();
        } catch (IOException e) {
            throw InputException.at(t, "cannot list: " + e.getMessage());
        }
    }

    /** The x, y, z fields of one frame's test grid. */
    public static VolumetricData[] readGrid(Path dir, int frame) {
        Path t = dir.resolve(TEST_GRIDS);
        Npy.Array a = Npy.read(t.resolve(name(frame, ""))), geo = Npy.read(t.resolve(name(frame, "_grid")));
        if (a.rank() != 4 || a.size(0) != 3) throw InputException.at(t.resolve(name(frame, "")), "expected shape (3, n1, n2, n3)");
        if (geo.data().length != 12) throw InputException.at(t.resolve(name(frame, "_grid")), "expected shape (4, 3)");
        Grid g = new Grid(Arrays.copyOfRange(geo.data(), 0, 3), Arrays.copyOfRange(geo.data(), 3, 12), new int[] {a.size(1), a.size(2), a.size(3)});
        VolumetricData[] out = new VolumetricData[3];
        int size = g.size();
        for (int d = 0; d < 3; d++) out[d] = new VolumetricData(g, Arrays.copyOfRange(a.data(), d * size, (d + 1) * size));
        return out;
    }

    private static String name(int frame, String suffix) {
        return String.format(Locale.ROOT, "frame_%05d%s.npy", frame, suffix);
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw InputException.at(dir, "cannot create: " + e.getMessage());
        }
    }

    /** Frames listed one per line (blank lines and # comments ignored). */
    public static List<Integer> readFrameList(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw InputException.at(file, "cannot read: " + e.getMessage());
        }
        List<Integer> out = new ArrayList<>();
        int no = 0;
        for (String l : lines) {
            no++;
            String t = l.replaceFirst("#.*", "").strip();
            if (t.isEmpty()) continue;
            try {
                int f = Integer.parseInt(t);
                if (f < 0) throw new NumberFormatException();
                out.add(f);
            } catch (NumberFormatException e) {
                throw InputException.at(file, "line " + no + ": '" + t + "' is not a frame index (integer >= 0)");
            }
        }
        if (out.isEmpty()) throw InputException.at(file, "no frames listed");
        return out;
    }
}
