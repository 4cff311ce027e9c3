package org.equidens.descriptor;

import java.util.SplittableRandom;
import org.equidens.descriptor.EquivariantPowerSpectrum.Hypers;
import org.equidens.descriptor.EquivariantPowerSpectrum.PairSelection;
import org.equidens.util.Threads;

/**
 * Micro-benchmark (a main, not a test): µs per centre of λ-SOAP for N=8 radial functions, lmax=6,
 * 2 species, λ ≤ 5, both parities, on random dense coefficients (no zeros to skip: the worst case).
 * Usage: {@code java -cp <classpath incl. OpenBLAS jars> org.equidens.descriptor.PowerSpectrumBench [atoms] [threads]}.
 * Wall-clock best of several repetitions after warm-up, output allocation included (λ-SOAP writes
 * ~1–2 MB per centre at these hypers, so allocation and memory traffic are a large share); not a
 * JMH harness, so treat as ±20% on a shared machine.
 *
 * <p>Note: with {@code threads = 1}, {@link Threads} keeps the common pool, and the calling thread
 * helps it while joining, so two cores are used; pin with {@code taskset -c 0} for a single-core
 * figure.
 */
public final class PowerSpectrumBench {
    private PowerSpectrumBench() {}

    public static void main(String[] args) {
        int atoms = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Threads.configure(threads);
        int lmax = 6, n = 8, lambdaMax = 5;
        int[] species = {1, 8};
        int[] centers = new int[atoms];
        for (int i = 0; i < atoms; i++) centers[i] = species[i % 2];
        Expansion e = new Expansion(lmax, n, species, centers);
        SplittableRandom rng = new SplittableRandom(42);
        double[] v = e.values();
        for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian();
        System.out.printf("λ-SOAP bench: %d atoms, %d thread(s), N=%d lmax=%d S=%d λ≤%d, both parities%n",
                atoms, Threads.count(), n, lmax, species.length, lambdaMax);
        for (PairSelection sel : PairSelection.values()) {
            EquivariantPowerSpectrum ps = new EquivariantPowerSpectrum(Hypers.of(lambdaMax).withPairs(sel));
            long features = 0;
            BlockMap m = ps.compute(e);
            for (Key k : m.keys())
                if (k.centerSpecies() == species[0]) features += (long) m.get(k).componentCount() * m.get(k).propertyCount();
            double best = time(() -> ps.compute(e), atoms);
            double madds = multiplyAdds(lmax, lmax, lambdaMax, species.length * n, sel);
            System.out.printf("  %-18s %9.1f µs/atom  (%d values per atom, %.2f M multiply-adds → %.2f GFLOP/s)%n",
                    sel, best, features, madds / 1e6, 2 * madds / (best * 1e3));
        }
        double inv = time(() -> InvariantPowerSpectrum.computeFlat(e), atoms);
        System.out.printf("  invariant PS       %9.1f µs/atom  (%d features)%n", inv, InvariantPowerSpectrum.featureCount(e));
    }

    /** Multiply-adds per centre of the sparse kernel (mirrored pairs of ALL_ORDERED are copies, not counted). */
    static double multiplyAdds(int lmaxA, int lmaxB, int lambdaMax, int k, PairSelection sel) {
        double total = 0;
        for (int lambda = 0; lambda <= lambdaMax; lambda++)
            for (int l1 = 0; l1 <= lmaxA; l1++)
                for (int l2 = 0; l2 <= lmaxB; l2++) {
                    if (lambda < Math.abs(l1 - l2) || lambda > l1 + l2 || l1 > l2) continue;
                    SparseClebschGordan c = SparseClebschGordan.of(l1, l2, lambda);
                    total += (double) c.groups() * k * k + (double) c.nonzeros() * k;
                }
        return total;
    }

    private static double time(Runnable r, int atoms) {
        for (int w = 0; w < 3; w++) r.run();
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < 5; rep++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e3 / atoms);
        }
        return best;
    }
}
