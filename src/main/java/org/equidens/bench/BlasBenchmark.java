package org.equidens.bench;

import java.util.SplittableRandom;
import org.equidens.linalg.Blas;

/** Measures the native backend: DGEMM and a Cholesky solve (factor + two triangular solves) at size n. */
public final class BlasBenchmark {
    private BlasBenchmark() {}

    /**
     * One measurement: best wall time over the repeats and the GFLOP/s it implies; the GFLOP/s per
     * second of process CPU time (robust when other jobs share the cores); a correctness check.
     */
    public record Result(String name, int n, double seconds, double gflops, double gflopsPerCpuSecond, double check) {}

    private static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    public static Result dgemm(int n, int repeats, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = random(rng, n * n);
        double[] b = random(rng, n * n);
        double[] c = new double[n * n];
        Blas.gemm(false, false, n, n, n, 1.0, a, b, 0.0, c); // warm-up
        double best = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            long c0 = cpuNanos();
            Blas.gemm(false, false, n, n, n, 1.0, a, b, 0.0, c);
            best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
            bestCpu = Math.min(bestCpu, (cpuNanos() - c0) * 1e-9);
        }
        // Check one entry against a plain dot product.
        int i = n / 3, j = n / 2;
        double ref = 0;
        for (int k = 0; k < n; k++) ref += a[i * n + k] * b[k * n + j];
        double err = Math.abs(ref - c[i * n + j]) / Math.max(1.0, Math.abs(ref));
        double flops = 2.0 * n * (double) n * n;
        return new Result("DGEMM", n, best, flops / best * 1e-9, flops / bestCpu * 1e-9, err);
    }

    public static Result choleskySolve(int n, int repeats, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] g = random(rng, n * n);
        double[] spd = new double[n * n];
        Blas.syrkTransposed(n, n, 1.0 / n, g, 0.0, spd);
        for (int i = 0; i < n; i++) spd[i * n + i] += 1.0;
        double[] rhs = random(rng, n);
        double best = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        double[] x = null;
        for (int r = 0; r <= repeats; r++) { // first round is the warm-up
            double[] f = spd.clone();
            double[] b = rhs.clone();
            long t0 = System.nanoTime();
            long c0 = cpuNanos();
            Blas.cholesky(f, n);
            Blas.choleskySolve(f, n, b, 1);
            double t = (System.nanoTime() - t0) * 1e-9;
            double tc = (cpuNanos() - c0) * 1e-9;
            if (r > 0) {
                best = Math.min(best, t);
                bestCpu = Math.min(bestCpu, tc);
            }
            x = b;
        }
        double[] ax = new double[n];
        Blas.gemv(false, n, n, 1.0, spd, x, 0.0, ax);
        double num = 0, den = 0;
        for (int i = 0; i < n; i++) {
            num += (ax[i] - rhs[i]) * (ax[i] - rhs[i]);
            den += rhs[i] * rhs[i];
        }
        double flops = n * (double) n * n / 3.0 + 2.0 * n * (double) n;
        return new Result("Cholesky solve", n, best, flops / best * 1e-9, flops / bestCpu * 1e-9, Math.sqrt(num / den));
    }

    private static double[] random(SplittableRandom rng, int size) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) v[i] = rng.nextDouble(-1, 1);
        return v;
    }
}
