package org.equidens.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.equidens.bench.BlasBenchmark;
import org.equidens.bench.DescriptorBenchmark;
import org.equidens.io.InputException;
import org.equidens.util.Threads;
import org.equidens.linalg.Blas;
import org.equidens.linalg.BlasInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Benchmarks that print figures; speed targets are checked here, never in timed unit tests. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark and print its figures.",
        subcommands = {BenchCommand.BlasBench.class, BenchCommand.DescriptorsBench.class, BenchCommand.ResponseBench.class,
                BenchCommand.SamplingBench.class, BenchCommand.PredictBench.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "blas", mixinStandardHelpOptions = true,
            description = "DGEMM and Cholesky solve through native OpenBLAS; prints GFLOP/s and the CPU kernel in use.")
    static final class BlasBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--n", description = "Matrix size (default: ${DEFAULT-VALUE}).", defaultValue = "4000")
        int n;

        @picocli.CommandLine.Mixin
        RunOptions run;

        @Option(names = "--repeats", description = "Timed repeats; the best is kept (default: ${DEFAULT-VALUE}).",
                defaultValue = "3")
        int repeats;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            int t = run.threads() > 0 ? run.threads() : Runtime.getRuntime().availableProcessors();
            Blas.setThreads(t);
            String core = System.getenv("OPENBLAS_CORETYPE");
            out.printf("OpenBLAS kernel: %s (OPENBLAS_CORETYPE=%s), threads: %d, cores: %d%n",
                    BlasInfo.coreType(), core == null ? "unset" : core, t, Runtime.getRuntime().availableProcessors());
            for (BlasBenchmark.Result r : new BlasBenchmark.Result[] {
                    BlasBenchmark.dgemm(n, repeats, 1), BlasBenchmark.choleskySolve(n, repeats, 2)}) {
                out.printf("%-15s n=%d  %8.3f s  %7.1f GFLOP/s  %7.1f GFLOP per CPU-second  (check %.1e)%n",
                        r.name(), r.n(), r.seconds(), r.gflops(), r.gflopsPerCpuSecond(), r.check());
            }
            return 0;
        }
    }

    @Command(name = "descriptors", mixinStandardHelpOptions = true,
            description = {"µs per atom of the SOAP spherical expansion and of λ-SOAP, and peak heap, for",
                    "(a) periodic liquid water (32 H2O; rc 4, σ 0.3, 8 radial, l_max 6, λ ≤ 5, both parities) and",
                    "(b) a 2057-atom gold cuboctahedron (rc 5, σ 0.3, 8 radial, l_max 8, λ ≤ 7, streamed in chunks)."})
    static final class DescriptorsBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        RunOptions run;

        @Option(names = "--repeats", description = "Timed repeats after a warm-up; the best is kept (default: ${DEFAULT-VALUE}).",
                defaultValue = "3")
        int repeats;

        @Option(names = "--system", description = "water, gold or all (default: ${DEFAULT-VALUE}).", defaultValue = "all")
        String system;

        @Option(names = "--frames", description = "Water frames (default: ${DEFAULT-VALUE}).", defaultValue = "4")
        int frames;

        @Option(names = "--chunk", description = "Gold centres per λ-SOAP chunk (default: ${DEFAULT-VALUE}).", defaultValue = "256")
        int chunk;

        @Option(names = "--water", paramLabel = "FILE", description = "Liquid-water frames (default: ${DEFAULT-VALUE}).",
                defaultValue = "data/water-tensors/bulk_1000.xyz")
        Path water;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (!system.equals("water") && !system.equals("gold") && !system.equals("all"))
                throw new InputException("--system must be water, gold or all, got '" + system + "'");
            if (frames < 1 || chunk < 1 || repeats < 1) throw new InputException("--frames, --chunk and --repeats must be >= 1");
            Threads.configure(run.threads());
            out.printf("descriptor bench: %d thread(s), %d cores, max heap %.0f MB%n", Threads.count(),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1e6);
            if (!system.equals("gold")) print(out, DescriptorBenchmark.water(Main.installed(water), frames, repeats));
            if (!system.equals("water")) print(out, DescriptorBenchmark.gold(repeats, chunk));
            return 0;
        }

        private static void print(PrintWriter out, DescriptorBenchmark.Result r) {
            out.printf("%s: %d centres%n", r.name(), r.centres());
            out.printf("  spherical expansion %10.1f µs/atom   peak heap %8.1f MB%n", r.expansionMicros(), r.expansionPeakMegabytes());
            out.printf("  lambda-SOAP         %10.1f µs/atom   peak heap %8.1f MB   output %d values/atom, %.1f MB in all"
                    + " (checksum %.6e)%n", r.lambdaSoapMicros(), r.lambdaSoapPeakMegabytes(), r.valuesPerAtom(), r.outputMegabytes(),
                    r.checksum());
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = {"Wall time and heap of predicting the coefficients of large structures with a trained density,",
                    "response or SALTER model: a periodic liquid-water cell (96 atoms) repeated r×r×r (96·r³ atoms)."})
    static final class PredictBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        RunOptions run;

        @Option(names = "--model", paramLabel = "DIR", defaultValue = "demo-output/model",
                description = "Coefficient model directory (default: ${DEFAULT-VALUE}, written by ./equidens demo).")
        Path model;

        @Option(names = "--water", paramLabel = "FILE", defaultValue = "data/water-tensors/bulk_1000.xyz",
                description = "Periodic cell to repeat (default: ${DEFAULT-VALUE}).")
        Path water;

        @Option(names = "--frame", defaultValue = "0", description = "Frame of that file (default: ${DEFAULT-VALUE}).")
        int frame;

        @Option(names = "--replicate", split = ",", defaultValue = "1,2,3",
                description = "Repeats r of the cell along each axis (default: ${DEFAULT-VALUE}).")
        int[] replicate;

        @Option(names = "--repeats", defaultValue = "2", description = "Timed predictions per size, best kept (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (int r : replicate) if (r < 1 || r > 10) throw new InputException("--replicate values must be in 1..10, got " + r);
            if (repeats < 1) throw new InputException("--repeats must be >= 1, got " + repeats);
            if (!org.equidens.model.CoefficientModelFiles.isCoefficientModel(model))
                throw InputException.at(model, "not a density, response or SALTER model directory (run ./equidens demo first, or give --model)");
            org.equidens.model.CoefficientModel m = org.equidens.model.CoefficientModelFiles.read(model).model();
            org.equidens.structure.Atoms cell = org.equidens.io.StructureIO.read(Main.installed(water), frame);
            if (!cell.hasCell()) throw InputException.at(water, "frame " + frame + " has no cell to repeat");
            try {
                m.checkSpecies(cell, "frame " + frame);
            } catch (InputException e) {
                throw InputException.at(water, e.getMessage());
            }
            Threads.configureForStructures(run.threads());
            out.printf("prediction bench: %s model %s, %d thread(s), max heap %.0f MB%n", org.equidens.model.CoefficientModelFiles.task(m), model,
                    Threads.count(), Runtime.getRuntime().maxMemory() / 1e6);
            out.printf("%8s %12s %12s %10s %14s %16s%n", "atoms", "seconds", "ms/atom", "peak MB", "coefficients", "checksum Σ|c|");
            for (org.equidens.bench.PredictionBenchmark.Row row : org.equidens.bench.PredictionBenchmark.run(m, cell, replicate, repeats)) {
                out.printf("%8d %12.3f %12.3f %10.0f %14d %16.8e%n", row.atoms(), row.seconds(), 1e3 * row.seconds() / row.atoms(),
                        row.peakMegabytes(), row.coefficients(), row.checksum());
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "response", mixinStandardHelpOptions = true,
            description = {"The vector-field paper's Fig. 1 protocol: equivariant λ⊗1 response model vs SALTER, rotated copies,",
                    "α vs alpha_df and CPKS alpha, learning curves; prints the tables, writes metrics.json and learning_curve.png."})
    static final class ResponseBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dataset", defaultValue = "data/water-monomers-pbe", description = "Dataset folder (default: ${DEFAULT-VALUE}).")
        Path dataset;

        @Option(names = "--train", defaultValue = "100", description = "Training molecules of the main comparison (default: ${DEFAULT-VALUE}).")
        int train;

        @Option(names = "--curve", split = ",", defaultValue = "10,20,50,100,200,400,800",
                description = "Learning-curve sizes (default: ${DEFAULT-VALUE}); test set = complement of the largest.")
        int[] curve;

        @Option(names = "--m0", defaultValue = "100", description = "Sparse environments per species (default: ${DEFAULT-VALUE}).")
        int m0;

        @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--no-salter", description = "Skip the SALTER baseline.")
        boolean noSalter;

        @Option(names = "--out", defaultValue = "bench-response", description = "Output folder (default: ${DEFAULT-VALUE}).")
        Path out;

        @picocli.CommandLine.Mixin
        RunOptions run;

        @Override
        public Integer call() {
            PrintWriter pw = spec.commandLine().getOut();
            Threads.configureForStructures(run.threads());
            if (m0 < 1) throw new InputException("--m0 must be >= 1, got " + m0);
            org.equidens.io.Dataset d = org.equidens.io.Dataset.load(Main.installed(dataset));
            org.equidens.model.CoefficientOptions o = org.equidens.model.CoefficientOptions.benchmark(m0, seed);
            org.equidens.model.ResponseBenchmark.Result r = org.equidens.model.ResponseBenchmark.run(d,
                    new org.equidens.model.ResponseBenchmark.Settings(train, seed, o, curve, !noSalter, 100, false, 0), pw);
            ResponseReport.print(pw, r);
            ResponseReport.write(out.toAbsolutePath(), d, r, null);
            pw.printf("wrote %s (metrics.json, learning_curve.png)%n", out.toAbsolutePath());
            return 0;
        }
    }

    @Command(name = "sampling", mixinStandardHelpOptions = true,
            description = {"TS vs TS+LIFS (Fig. 7 of Feng, Zhang and Jiang 2025): a molecule's basis coefficients fitted from a cube's",
                    "values at sampled points, ε on the full grid; LIFS chooses points by --features basis (basis-function values)",
                    "or soap (invariant ghost-centre SOAP of the atoms around the point)."})
    static final class SamplingBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dataset", defaultValue = "data/water-monomers-pbe", description = "Dataset folder (default: ${DEFAULT-VALUE}).")
        Path dataset;

        @Option(names = "--frame", defaultValue = "0", description = "Frame of the cube (default: ${DEFAULT-VALUE}).")
        int frame;

        @Option(names = "--cube", paramLabel = "FILE", description = "Cube of the field (default: DATASET/cubes/response_z_00000.cube).")
        Path cube;

        @Option(names = "--features", defaultValue = "basis", description = "LIFS point features: basis or soap (default: ${DEFAULT-VALUE}).")
        String features;

        @Option(names = "--budgets", split = ",", defaultValue = "50,100,175,300,500,1000,2000",
                description = "Numbers of sampled points (default: ${DEFAULT-VALUE}).")
        int[] budgets;

        @Option(names = "--seed", defaultValue = "7", description = "TS seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @picocli.CommandLine.Mixin
        RunOptions run;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            org.equidens.realspace.SamplingStudy.Features kind = org.equidens.realspace.SamplingStudy.Features.parse(features);
            Threads.configure(run.threads());
            org.equidens.io.Dataset d = org.equidens.io.Dataset.load(Main.installed(dataset));
            if (frame < 0 || frame >= d.size()) throw new InputException("--frame must be in 0.." + (d.size() - 1) + ", got " + frame);
            for (int b : budgets) if (b < 1) throw new InputException("--budgets must be >= 1, got " + b);
            Path file = cube != null ? cube : d.root().resolve("cubes/response_z_00000.cube");
            org.equidens.structure.Atoms atoms = d.structures().get(frame);
            if (atoms.isPeriodic()) throw new InputException("bench sampling handles molecules only; frame " + frame + " is periodic");
            org.equidens.realspace.RealSpaceBasis rb = org.equidens.realspace.RealSpaceBasis.molecule(d.basisFunctions(frame));
            org.equidens.realspace.VolumetricData field = org.equidens.realspace.CubeFile.read(file).data();
            int max = 0;
            for (int b : budgets) max = Math.max(max, b);
            org.equidens.realspace.SamplingStudy.Settings st = org.equidens.realspace.SamplingStudy.Settings.standard(budgets, field, seed);
            if (st.poolSize() < max) st = new org.equidens.realspace.SamplingStudy.Settings(budgets, max, st.sigma(), st.tolerance(), st.ridge(), seed);
            org.equidens.realspace.SamplingStudy.Result r = org.equidens.realspace.SamplingStudy.run(rb, field, kind.create(rb, atoms), st);
            out.printf("%s, frame %d, LIFS features: %s%n", file, frame, kind.name().toLowerCase(java.util.Locale.ROOT));
            out.print(org.equidens.realspace.SamplingStudy.table(r));
            return 0;
        }
    }
}
