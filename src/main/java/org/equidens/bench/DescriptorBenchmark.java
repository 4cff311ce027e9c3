package org.equidens.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.equidens.descriptor.Block;
import org.equidens.descriptor.BlockMap;
import org.equidens.descriptor.Expansion;
import org.equidens.descriptor.LambdaSoap;
import org.equidens.descriptor.SphericalExpansion;
import org.equidens.io.StructureIO;
import org.equidens.structure.Atoms;
import org.equidens.util.Threads;

/**
 * Timing of the descriptor pipeline, separately for the spherical expansion and the λ-SOAP coupling,
 * on two standard systems: (a) 32-molecule periodic liquid water (rc 4 Å, σ 0.3 Å, 8 radial
 * functions, l_max 6, λ ≤ 5, both parities) and (b) a 2057-atom fcc gold cuboctahedron (8 shells,
 * a = 4.08 Å; rc 5 Å, σ 0.3 Å, 8 radial functions, l_max 8, λ ≤ 7, both parities).
 *
 * <p>Figures are wall-clock µs per centre atom on {@link Threads#count()} threads, best of the
 * repeats after ~1 s of warm-up runs, output allocation included. λ-SOAP uses the √2-weighted l1 ≤ l2
 * pairs (LambdaSoap's default; same kernels as all ordered pairs). Gold's λ-SOAP is ~0.9 MB per atom
 * (1.8 GB for the cluster), so it is streamed in chunks of centres ({@link LambdaSoap#forEachChunk})
 * and each chunk is dropped after a checksum; the reported output size is the total that was
 * produced, the peak heap what was actually live. Peak heap is the sum of the heap pools' peak
 * usage during a stage (after a GC and a peak reset): an upper bound on the live set that includes
 * garbage not yet collected.
 */
public final class DescriptorBenchmark {
    private DescriptorBenchmark() {}

    /**
     * One system's figures.
     *
     * @param name            system
     * @param centres         centre atoms per run
     * @param threads         fork-join threads
     * @param expansionMicros µs per atom, spherical expansion (neighbour list included)
     * @param lambdaSoapMicros µs per atom, λ-SOAP from the expansion
     * @param valuesPerAtom   λ-SOAP values per centre (all blocks)
     * @param outputMegabytes λ-SOAP output produced per run, MB (8 bytes per value)
     * @param expansionPeakMegabytes peak heap during the expansion stage, MB
     * @param lambdaSoapPeakMegabytes peak heap during the λ-SOAP stage, MB
     * @param checksum        Σ of all λ-SOAP values (so nothing is optimised away; compare across runs)
     */
    public record Result(String name, int centres, int threads, double expansionMicros, double lambdaSoapMicros,
                         long valuesPerAtom, double outputMegabytes, double expansionPeakMegabytes,
                         double lambdaSoapPeakMegabytes, double checksum) {}

    /** Hypers of case (a). */
    public static LambdaSoap.Hypers waterHypers() {
        return LambdaSoap.Hypers.of(SphericalExpansion.Hypers.of(4.0, 0.3, 8, 6), 5);
    }

    /** Hypers of case (b). */
    public static LambdaSoap.Hypers goldHypers() {
        return LambdaSoap.Hypers.of(SphericalExpansion.Hypers.of(5.0, 0.3, 8, 8), 7);
    }

    /**
     * The fcc cuboctahedron of {@code shells} shells around one atom (magic numbers 1, 13, 55, 147,
     * …, 2057 for 8 shells): fcc sites (a/2)(i, j, k), i+j+k even, with |i|, |j|, |k| ≤ s and
     * |i|+|j|+|k| ≤ 2s (square {100} and triangular {111} faces). No cell.
     */
    public static Atoms cuboctahedron(String element, int shells, double latticeConstant) {
        List<double[]> sites = new ArrayList<>();
        double h = 0.5 * latticeConstant;
        for (int i = -shells; i <= shells; i++)
            for (int j = -shells; j <= shells; j++)
                for (int k = -shells; k <= shells; k++)
                    if (((i + j + k) & 1) == 0 && Math.abs(i) + Math.abs(j) + Math.abs(k) <= 2 * shells)
                        sites.add(new double[] {h * i, h * j, h * k});
        String[] symbols = new String[sites.size()];
        double[] pos = new double[3 * sites.size()];
        for (int s = 0; s < sites.size(); s++) {
            symbols[s] = element;
            System.arraycopy(sites.get(s), 0, pos, 3 * s, 3);
        }
        return Atoms.molecule(symbols, pos);
    }

    /** Case (a): the first {@code frames} frames of the liquid-water file, all λ-SOAP blocks in memory. */
    public static Result water(Path bulkXyz, int frames, int repeats) {
        List<Atoms> structures = new ArrayList<>();
        for (int f = 0; f < frames; f++) structures.add(StructureIO.read(bulkXyz, f));
        LambdaSoap soap = new LambdaSoap(waterHypers());
        int atoms = structures.stream().mapToInt(Atoms::size).sum();
        Supplier<List<Expansion>> expand = () -> {
            List<Expansion> out = new ArrayList<>();
            for (Atoms a : structures) out.add(soap.expansion().compute(a));
            return out;
        };
        List<Expansion> expansions = expand.get();
        double[] sum = new double[1];
        long[] values = new long[1];
        Runnable couple = () -> {
            double s = 0;
            long v = 0;
            for (Expansion e : expansions) {
                BlockMap m = soap.powerSpectrum().compute(e);
                for (Block b : m.blocks()) {
                    s += checksum(b.values());
                    v += b.values().length;
                }
            }
            sum[0] = s;
            values[0] = v;
        };
        Stage exp = Stage.run(() -> expand.get(), repeats);
        Stage lam = Stage.run(couple, repeats);
        return new Result("water, " + frames + " frames of 32 H2O (periodic)", atoms, Threads.count(), 1e6 * exp.seconds / atoms,
                1e6 * lam.seconds / atoms, values[0] / atoms, values[0] * 8e-6, exp.peakMegabytes, lam.peakMegabytes, sum[0]);
    }

    /** Case (b): the 2057-atom gold cuboctahedron, λ-SOAP streamed in chunks of {@code chunk} centres. */
    public static Result gold(int repeats, int chunk) {
        Atoms cluster = cuboctahedron("Au", 8, 4.08);
        LambdaSoap soap = new LambdaSoap(goldHypers());
        int atoms = cluster.size();
        Expansion[] e = {soap.expansion().compute(cluster)};
        double[] sum = new double[1];
        long[] values = new long[1];
        Runnable couple = () -> {
            double[] s = {0};
            long[] v = {0};
            soap.forEachChunk(e[0], chunk, m -> {
                for (Block b : m.blocks()) {
                    s[0] += checksum(b.values());
                    v[0] += b.values().length;
                }
            });
            sum[0] = s[0];
            values[0] = v[0];
        };
        Stage exp = Stage.run(() -> e[0] = soap.expansion().compute(cluster), repeats);
        Stage lam = Stage.run(couple, repeats);
        return new Result("gold cuboctahedron, " + atoms + " atoms (chunks of " + chunk + ")", atoms, Threads.count(),
                1e6 * exp.seconds / atoms, 1e6 * lam.seconds / atoms, values[0] / atoms, values[0] * 8e-6, exp.peakMegabytes,
                lam.peakMegabytes, sum[0]);
    }

    private static double checksum(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s;
    }

    /** Best wall time over repeats (after a warm-up) and the largest heap peak seen. */
    record Stage(double seconds, double peakMegabytes) {
        static Stage run(Runnable r, int repeats) {
            long warm = System.nanoTime();
            int runs = 0;
            do { // warm-up (JIT, CG tables): at least one run, up to ~1 s of them
                r.run();
                runs++;
            } while (runs < 20 && System.nanoTime() - warm < 1_000_000_000L);
            double best = Double.MAX_VALUE, peak = 0;
            for (int k = 0; k < Math.max(1, repeats); k++) {
                System.gc();
                List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
                heap.forEach(MemoryPoolMXBean::resetPeakUsage);
                long t0 = System.nanoTime();
                r.run();
                best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
                long bytes = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                peak = Math.max(peak, bytes / 1e6);
            }
            return new Stage(best, peak);
        }
    }
}
