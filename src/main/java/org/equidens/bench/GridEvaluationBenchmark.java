package org.equidens.bench;

import java.nio.file.Path;
import java.util.Arrays;
import org.equidens.basis.BasisFunctions;
import org.equidens.io.Dataset;
import org.equidens.realspace.Grid;
import org.equidens.realspace.RealSpaceBasis;
import org.equidens.util.Threads;

/**
 * Times Σ_f c_f φ_f on a 100×100×100 grid (10⁶ points, 0.2 bohr, the frame-0 water molecule at its
 * centre: 196 functions). Target: under 2 s on 2 cores. Prints wall time (best of the repeats) and the
 * CPU seconds it took. A main, not a timed test, because timings on a shared node are noise for CI.
 *
 * <p>Usage: {@code java -cp target/equidens.jar org.equidens.bench.GridEvaluationBenchmark [DATASET] [THREADS] [REPEATS]}
 */
public final class GridEvaluationBenchmark {
    private GridEvaluationBenchmark() {}

    /** Best wall seconds, CPU seconds of that run, points, functions, and the integral of the field (a check). */
    public record Result(double seconds, double cpuSeconds, int points, int functions, double integral) {}

    public static Result run(Path dataset, int frame, String target, int side, double spacing, int repeats) {
        Dataset ds = Dataset.load(dataset);
        BasisFunctions bf = ds.basisFunctions(frame);
        double[] all = ds.coefficients(target).data();
        double[] c = Arrays.copyOfRange(all, frame * bf.size() * (target.equals("response") ? 3 : 1),
                frame * bf.size() * (target.equals("response") ? 3 : 1) + bf.size());
        RealSpaceBasis rb = RealSpaceBasis.molecule(bf);
        double[] centre = new double[3];
        for (int a = 0; a < bf.atoms(); a++) for (int k = 0; k < 3; k++) centre[k] += bf.centre(a)[k] / bf.atoms();
        double half = 0.5 * (side - 1) * spacing;
        Grid g = new Grid(new double[] {centre[0] - half, centre[1] - half, centre[2] - half},
                new double[] {spacing, 0, 0, 0, spacing, 0, 0, 0, spacing}, new int[] {side, side, side});
        double[] v = rb.evaluate(c, g); // warm-up (JIT)
        double best = Double.MAX_VALUE, bestCpu = 0;
        for (int r = 0; r < repeats; r++) {
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            v = rb.evaluate(c, g);
            double t = (System.nanoTime() - t0) * 1e-9;
            double cpu = (cpuNanos() - cpu0) * 1e-9;
            if (t < best) {
                best = t;
                bestCpu = cpu;
            }
        }
        double s = 0;
        for (double x : v) s += x;
        return new Result(best, bestCpu, g.size(), bf.size(), s * g.voxelVolume());
    }

    private static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    public static void main(String[] args) {
        Path ds = Path.of(args.length > 0 ? args[0] : "data/water-monomers-pbe");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Threads.configure(threads);
        for (String target : new String[] {"density", "response"}) {
            Result r = run(ds, 0, target, 100, 0.2, repeats);
            System.out.printf("%-8s %d functions on %d points: %.3f s wall (best of %d), %.3f CPU s, %d threads; ∫ = %.6f%n",
                    target, r.functions(), r.points(), r.seconds(), repeats, r.cpuSeconds(), threads, r.integral());
        }
    }
}
