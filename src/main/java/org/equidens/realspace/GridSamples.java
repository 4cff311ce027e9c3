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

    /**
     * Writes whole-grid projections ({@link RealSpaceTraining.Projection}) of molecules {@code frames}:
     * frames.npy, grid_geometry.npy (K, 4, 3: origin and voxel vectors, bohr), grid_counts.npy (K, 3),
     * ncoef.npy (K), projections.npy (Σ 3·ncoef: per molecule 3 × ncoef, internal m order of the
     * dataset's basis), norms.npy (K, 3).
     */
    public static void writeProjections(Path dir, int[] frames, List<RealSpaceTraining.Projection> data) {
        int k = frames.length, total = 0;
        for (RealSpaceTraining.Projection p : data) total += p.projections().length;
        double[] f = new double[k], geo = new double[12 * k], counts = new double[3 * k], nc = new double[k], proj = new double[total], norms = new double[3 * k];
        int off = 0;
        for (int i = 0; i < k; i++) {
            RealSpaceTraining.Projection p = data.get(i);
            f[i] = frames[i];
            System.arraycopy(p.grid().origin(), 0, geo, 12 * i, 3);
            System.arraycopy(p.grid().voxelVectors(), 0, geo, 12 * i + 3, 9);
            for (int a = 0; a < 3; a++) counts[3 * i + a] = p.grid().count(a);
            nc[i] = p.projections().length / 3;
            System.arraycopy(p.projections(), 0, proj, off, p.projections().length);
            off += p.projections().length;
            System.arraycopy(p.norms(), 0, norms, 3 * i, 3);
        }
        mkdirs(dir);
        Npy.write(dir.resolve("frames.npy"), f, k);
        Npy.write(dir.resolve("grid_geometry.npy"), geo, k, 4, 3);
        Npy.write(dir.resolve("grid_counts.npy"), counts, k, 3);
        Npy.write(dir.resolve("ncoef.npy"), nc, k);
        Npy.write(dir.resolve("projections.npy"), proj, total);
        Npy.write(dir.resolve("norms.npy"), norms, k, 3);
    }

    /** Whether a grid-samples folder holds whole-grid projections rather than sampled points. */
    public static boolean isProjections(Path dir) {
        return Files.isRegularFile(dir.resolve("projections.npy"));
    }

    /** The molecules of a grid-samples folder, by frame: sampled points or whole-grid projections, whichever it holds. */
    public static TreeMap<Integer, RealSpaceTraining.Data> read(Path dir) {
        if (!isProjections(dir)) return new TreeMap<>(readSamples(dir));
        if (!Files.isRegularFile(dir.resolve("frames.npy"))) throw InputException.at(dir, "not a grid-samples folder (no frames.npy)");
        double[] f = Npy.read(dir.resolve("frames.npy")).data(), geo = Npy.read(dir.resolve("grid_geometry.npy")).data(),
                counts = Npy.read(dir.resolve("grid_counts.npy")).data(), nc = Npy.read(dir.resolve("ncoef.npy")).data(),
                proj = Npy.read(dir.resolve("projections.npy")).data(), norms = Npy.read(dir.resolve("norms.npy")).data();
        int k = f.length;
        long total = 0;
        for (double x : nc) total += 3 * (long) x;
        if (geo.length != 12 * k || counts.length != 3 * k || nc.length != k || norms.length != 3 * k || proj.length != total)
            throw InputException.at(dir, "inconsistent projection files (frames.npy lists " + k + " molecules)");
        TreeMap<Integer, RealSpaceTraining.Data> out = new TreeMap<>();
        int off = 0;
        for (int i = 0; i < k; i++) {
            Grid g = new Grid(Arrays.copyOfRange(geo, 12 * i, 12 * i + 3), Arrays.copyOfRange(geo, 12 * i + 3, 12 * i + 12),
                    new int[] {(int) counts[3 * i], (int) counts[3 * i + 1], (int) counts[3 * i + 2]});
            int len = 3 * (int) nc[i];
            out.put((int) f[i], new RealSpaceTraining.Projection(g, Arrays.copyOfRange(proj, off, off + len), Arrays.copyOfRange(norms, 3 * i, 3 * i + 3)));
            off += len;
        }
        return out;
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

    /** The cube file of {@code field} (x, y, z) of {@code frame}: {frame} → 5-digit index, {field} → x, y or z. */
    public static Path cubePath(String pattern, int frame, String field) {
        return Path.of(pattern.replace("{frame}", String.format(Locale.ROOT, "%05d", frame)).replace("{field}", field));
    }

    /** The x, y, z response cubes of one frame, checked to hold the structure's atoms (to 1e-3 bohr). */
    public static VolumetricData[] readCubes(String pattern, int frame, org.equidens.structure.Atoms atoms) {
        VolumetricData[] out = new VolumetricData[3];
        for (int c = 0; c < 3; c++) {
            Path p = cubePath(pattern, frame, "xyz".substring(c, c + 1));
            if (!Files.isRegularFile(p)) throw InputException.at(p, "cube file not found (frame " + frame + ")");
            CubeFile cf = CubeFile.read(p);
            if (cf.atoms() != atoms.size()) throw InputException.at(p, "has " + cf.atoms() + " atoms, frame " + frame + " of the dataset " + atoms.size());
            for (int a = 0; a < atoms.size(); a++)
                for (int x = 0; x < 3; x++)
                    if (Math.abs(cf.positionsBohr()[3 * a + x] - org.equidens.basis.Units.angstromToBohr(atoms.x(a, x))) > 1e-3)
                        throw InputException.at(p, "atom " + a + " is not where frame " + frame + " of the dataset has it");
            out[c] = cf.data();
        }
        return out;
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
