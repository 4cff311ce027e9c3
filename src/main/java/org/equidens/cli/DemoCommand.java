package org.equidens.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.equidens.basis.BasisFunctions;
import org.equidens.basis.Integrals;
import org.equidens.basis.MOrder;
import org.equidens.model.CoefficientOptions;
import org.equidens.model.ResponseBenchmark;
import org.equidens.io.Dataset;
import org.equidens.io.Npy;
import org.equidens.properties.CoefficientProperties;
import org.equidens.structure.Atoms;
import org.equidens.util.Threads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The main job on the bundled data: a short preamble (dataset → auxiliary basis → analytic integrals →
 * physics from the reference coefficients, checked against Psi4's own integrals and the reference α),
 * then the seed paper's Fig. 1 benchmark of the equivariant λ⊗1 density-response model against SALTER
 * ({@link ResponseBenchmark}) at N training molecules (default 100), leaving the trained model
 * directory and {@code metrics.json} in {@code --out}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the main pipeline on a dataset (default: the bundled water monomers) and print",
                "what it finds against the reference values."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", description = "Dataset folder (default: ${DEFAULT-VALUE}).",
            defaultValue = "data/water-monomers-pbe")
    Path datasetPath;

    @picocli.CommandLine.Mixin
    RunOptions run;

    @Option(names = "--out", description = "Output folder: trained model (model/) and metrics.json (default: ${DEFAULT-VALUE}).",
            defaultValue = "demo-output")
    Path outDir;

    @Option(names = "--train", description = "Training molecules (default: ${DEFAULT-VALUE}; the rest are the test set).", defaultValue = "100")
    int train;

    @Option(names = "--m0", description = "Sparse environments per species M0 (default: ${DEFAULT-VALUE}).", defaultValue = "100")
    int m0;

    @Option(names = "--seed", description = "Seed of the training-set draw and FPS starts (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--no-salter", description = "Skip the SALTER baseline.")
    boolean noSalter;

    @Option(names = "--test", description = "Test molecules (default: 0 = all the others).", defaultValue = "0")
    int test;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Threads.configure(run.threads());
        if (train < 1) throw new org.equidens.io.InputException("--train must be >= 1, got " + train);
        if (m0 < 1) throw new org.equidens.io.InputException("--m0 must be >= 1, got " + m0);
        if (test < 0) throw new org.equidens.io.InputException("--test must be >= 0, got " + test);
        org.equidens.io.AtomicFiles.checkFolder(outDir);
        long t0 = System.nanoTime();
        Dataset d = Dataset.load(Main.installed(datasetPath));
        if (d.hasTarget("response") && train >= d.size()) {
            throw org.equidens.io.InputException.at(d.yaml(), "--train " + train + " leaves no test structures: the dataset has " + d.size());
        }
        out.printf("dataset %s: %d structures, basis %s (m order %s), targets %s  [%.2f s]%n", d.name(), d.size(),
                d.basis().name(), d.mOrder().label(), d.targets().keySet(), seconds(t0));

        fixtureCheck(out, d);

        long t1 = System.nanoTime();
        CoefficientProperties.PerStructure[] props = CoefficientProperties.compute(d);
        double elapsed = seconds(t1);
        out.printf("moments of the auxiliary basis and properties of %d structures  [%.2f s, %.2f ms per structure]%n",
                d.size(), elapsed, 1e3 * elapsed / d.size());

        if (d.hasTarget("density")) {
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (CoefficientProperties.PerStructure p : props) {
                min = Math.min(min, p.electrons());
                max = Math.max(max, p.electrons());
            }
            out.printf("density: electrons ∫ρ from coefficients %.5f to %.5f%n", min, max);
        }
        if (d.hasTarget("response")) {
            double qmax = 0;
            for (CoefficientProperties.PerStructure p : props) {
                for (double q : p.responseCharges()) qmax = Math.max(qmax, Math.abs(q));
            }
            out.printf("response: max |∫ρ1_k| = %.2e (zero for an exact response; the Coulomb fit does not constrain it)%n", qmax);
            compareAlpha(out, d, props, "alpha_df", "α from coefficients vs the dataset's alpha_df (same quantity)");
            compareAlpha(out, d, props, "alpha", "α from coefficients vs CPKS alpha (the density-fitting floor)");
        }
        if (d.hasTarget("response")) {
            Threads.configureForStructures(run.threads());
            CoefficientOptions options = CoefficientOptions.benchmark(m0, seed);
            out.printf("%nbenchmark (vector-field paper, Fig. 1 protocol): rc 4 Å, σ 0.3 Å, n_max 8, l_max 6, ζ 2, η 1e-8, M0 %d, N %d%n", m0, train);
            ResponseBenchmark.Result r = ResponseBenchmark.run(d, new ResponseBenchmark.Settings(train, seed, options, new int[0], !noSalter, 100, false, Math.max(0, test)), out);
            ResponseReport.print(out, r);
            Path dir = resolveOut(outDir);
            ResponseReport.write(dir, d, r, dir.resolve("model"));
            out.printf("wrote %s (model/, metrics.json)%n", dir);
        }
        out.printf("total %.2f s%n", seconds(t0));
        return 0;
    }

    private static Path resolveOut(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** Psi4's overlap and Coulomb matrices of frame 0, when the dataset ships them. */
    private static void fixtureCheck(PrintWriter out, Dataset d) {
        Path s = d.root().resolve("fixtures/aux_overlap_00000.npy");
        Path j = d.root().resolve("fixtures/aux_coulomb_00000.npy");
        if (!s.toFile().isFile() || !j.toFile().isFile()) return;
        BasisFunctions bf = d.basisFunctions(0);
        long t = System.nanoTime();
        double[] ours = Integrals.overlapMatrix(bf);
        double[] coulomb = Integrals.coulombMatrix(bf);
        double ms = 1e3 * seconds(t);
        double es = maxAbsDiff(d.mOrder().matrixFromInternal(bf, ours), Npy.read(s).data());
        double ej = maxAbsDiff(d.mOrder().matrixFromInternal(bf, coulomb), Npy.read(j).data());
        out.printf("frame 0 integrals vs Psi4 (%d×%d): overlap max |Δ| = %.1e, Coulomb max |Δ| = %.1e  [%.1f ms]%n",
                bf.size(), bf.size(), es, ej, ms);
    }

    private static void compareAlpha(PrintWriter out, Dataset d, CoefficientProperties.PerStructure[] props, String property, String label) {
        String key = d.referenceProperty(property);
        if (key == null) return;
        double sq = 0, max = 0, iso = 0;
        int n = 0;
        for (int s = 0; s < d.size(); s++) {
            Atoms a = d.structures().get(s);
            double[] ref = a.infoVector(key);
            if (ref == null || ref.length != 9) continue;
            for (int k = 0; k < 9; k++) {
                double diff = props[s].alpha()[k] - ref[k];
                sq += diff * diff;
                max = Math.max(max, Math.abs(diff));
            }
            iso += (ref[0] + ref[4] + ref[8]) / 3;
            n++;
        }
        if (n == 0) return;
        out.printf("%s: RMSE %.2e bohr³, max %.2e bohr³ over %d structures (mean isotropic α %.3f bohr³)%n",
                label, Math.sqrt(sq / (9.0 * n)), max, n, iso / n);
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) * 1e-9;
    }

    static {
        MOrder.values(); // keep the convention table loaded before parallel work
    }
}
