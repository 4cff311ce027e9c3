package org.equidens.workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.equidens.descriptor.LambdaSoap;
import org.equidens.descriptor.LambdaSoapConfig;
import org.equidens.descriptor.LodeConfig;
import org.equidens.descriptor.MultiscaleSoap;
import org.equidens.io.InputException;

/**
 * A validated {@code task: tensor} configuration with every default filled in. Relative paths are
 * resolved against the folder of the config file, so a config means the same from any working
 * directory. Data-dependent checks (target present, sizes within the structure count) happen in
 * {@link TensorTraining} right after the structures are read, still before any feature is computed.
 *
 * @param config      the config file (named in errors)
 * @param structures  extxyz file with the targets
 * @param target      info key of the Cartesian tensor
 * @param tensorRank  null = inferred from the number of values (3 → 1, 9 → 2, 27 → 3)
 * @param symmetric   null = inferred (rank 2: symmetric if the data is; rank 3: symmetric)
 * @param hypers      λ-SOAP hypers (λ_max and parities are set by the target, not here)
 * @param zeta        kernel exponent
 * @param m0          sparse environments per species (M0)
 * @param selection   fps, cur or random
 * @param lambdaDecay M_λ = round(M0·exp(−0.05λ²))
 * @param rkhsCutoff  relative eigenvalue cutoff of K_MM
 * @param eta         fixed η (used when etaGrid is null)
 * @param etaGrid     cross-validation grid, or null
 * @param folds       cross-validation folds
 * @param train       training-set sizes of the learning curve, ascending
 * @param test        test structures per split (0 = all remaining)
 * @param pool        structures drawn (seeded) from the file before splitting (0 = all)
 * @param repeats     random splits per size
 * @param seed        seeds every random choice
 * @param fileOrder   split.order: file — training set = the first N structures of the pool in file order, test = the ones after
 *                    (TENSOAP's {@code -sel 0 N}); otherwise random (seeded) splits
 * @param members     committee size (0 = no committee)
 * @param subsample   fraction of the committee's training structures each member sees
 * @param calibration fraction of the training structures held out to calibrate the committee
 * @param calibrationMethod likelihood (Musil et al.) or coverage (68 % quantile of |r|/s)
 * @param output      model directory
 * @param streaming   λ-SOAP a chunk of structures at a time (kernel rows summed per structure, features dropped)
 * @param potential   long-range part of multi-scale features (section {@code lode}), or null for ρ⊗ρ alone
 * @param threads     cores (0 = all)
 */
public record TensorSettings(Path config, Path structures, String target, Integer tensorRank, Boolean symmetric,
                             LambdaSoap.Hypers hypers, double zeta, int m0, String selection, boolean lambdaDecay, double rkhsCutoff,
                             double eta, double[] etaGrid, int folds, int[] train, int test, int pool, int repeats, long seed, boolean fileOrder,
                             int members, double subsample, double calibration, String calibrationMethod, Path output, boolean streaming,
                             MultiscaleSoap.Potential potential, int threads) {

    /** Fewest test structures: errors are % of the test set's standard deviation, which one structure does not have. */
    public static final int MIN_TEST = 2;

    /** Reads and validates; every problem is a one-line InputException naming the file and key. */
    public static TensorSettings load(Path file) {
        return of(TrainConfig.read(file), file);
    }

    public static TensorSettings of(TrainConfig c, Path file) {
        if (!"tensor".equals(c.taskName())) throw bad(file, "task", "'" + c.task() + "' is not a tensor task");
        if (c.dataset() != null) throw bad(file, "dataset", "only for tasks density, response, salter (a tensor task reads 'structures')");
        if (c.baseline() != null) throw bad(file, "baseline", "only for task density");
        if (c.solver() != null) throw bad(file, "solver", "only for tasks density, response, salter");
        Path base = file.toAbsolutePath().getParent();
        if (c.structures() == null || c.structures().isBlank()) throw bad(file, "structures", "missing (path of an extxyz file)");
        Path structures = base.resolve(c.structures()).normalize();
        if (!Files.isRegularFile(structures)) throw bad(file, "structures", "file not found: " + structures);
        if (c.target() == null || c.target().isBlank()) throw bad(file, "target", "missing (the extxyz info key of the tensor, e.g. alpha)");
        if (c.tensorRank() != null && (c.tensorRank() < 1 || c.tensorRank() > 3)) throw bad(file, "tensor_rank", "must be 1, 2 or 3, got " + c.tensorRank());
        if (c.tensorRank() != null && c.tensorRank() == 3 && Boolean.FALSE.equals(c.symmetric()))
            throw bad(file, "symmetric", "only fully symmetric rank-3 tensors are supported");
        if (c.tensorRank() != null && c.tensorRank() == 1 && Boolean.FALSE.equals(c.symmetric()))
            throw bad(file, "symmetric", "a rank-1 tensor has no symmetry to choose");

        LambdaSoapConfig d = c.descriptor() == null ? LambdaSoapConfig.empty() : c.descriptor();
        if (d.lambdaMax() != null) throw bad(file, "descriptor.lambda_max", "set by the target's λ, remove it");
        if (d.parities() != null) throw bad(file, "descriptor.parities", "set by the target (σ=+1; σ=−1 for λ=1 of a general rank-2 tensor), remove it");
        LambdaSoap.Hypers hypers = c.descriptorHypers(file);

        double zeta = c.zeta(file);

        TrainConfig.Sparse sp = c.sparse();
        int m0 = sp == null || sp.m0() == null ? 1000 : sp.m0();
        if (m0 < 1) throw bad(file, "sparse.m0", "must be >= 1, got " + m0);
        String selection = sp == null || sp.selection() == null ? "fps" : sp.selection().strip().toLowerCase(Locale.ROOT);
        if (!List.of("fps", "cur", "random").contains(selection)) throw bad(file, "sparse.selection", "unknown value '" + selection + "' (known: fps, cur, random)");
        boolean decay = sp == null || sp.lambdaDecay() == null || sp.lambdaDecay();
        double cutoff = sp == null || sp.rkhsCutoff() == null ? 1e-12 : sp.rkhsCutoff();
        if (!(cutoff > 0 && cutoff < 1)) throw bad(file, "sparse.rkhs_cutoff", "must be in (0, 1), got " + cutoff);

        TrainConfig.Regression r = c.regression();
        double eta = 1e-8;
        double[] grid = null;
        int folds = 0;
        if (r != null) {
            if (r.eta() != null && r.crossValidation() != null) throw bad(file, "regression", "give either eta or cross_validation, not both");
            if (r.eta() != null) {
                eta = r.eta();
                if (!(eta > 0) || Double.isInfinite(eta)) throw bad(file, "regression.eta", "must be > 0, got " + eta);
            }
            if (r.crossValidation() != null) {
                TrainConfig.CrossValidationSection cv = r.crossValidation();
                folds = cv.folds() == null ? 5 : cv.folds();
                if (folds < 2) throw bad(file, "regression.cross_validation.folds", "must be >= 2, got " + folds);
                List<Double> etas = cv.etas() == null ? List.of(1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2) : cv.etas();
                if (etas.isEmpty()) throw bad(file, "regression.cross_validation.etas", "empty list");
                grid = new double[etas.size()];
                for (int i = 0; i < grid.length; i++) {
                    Double v = etas.get(i);
                    if (v == null || !(v > 0) || v.isInfinite()) throw bad(file, "regression.cross_validation.etas[" + i + "]", "must be > 0, got " + v);
                    grid[i] = v;
                }
            }
        }

        TrainConfig.Split s = c.split();
        if (s == null || s.train() == null || s.train().isEmpty()) throw bad(file, "split.train", "missing (a training-set size or a list of sizes)");
        int[] train = new int[s.train().size()];
        for (int i = 0; i < train.length; i++) {
            Integer n = s.train().get(i);
            if (n == null || n < 2) throw bad(file, "split.train[" + i + "]", "must be >= 2, got " + n);
            train[i] = n;
        }
        Arrays.sort(train);
        for (int i = 1; i < train.length; i++) if (train[i] == train[i - 1]) throw bad(file, "split.train", "size " + train[i] + " given twice");
        int test = s.test() == null ? 0 : s.test();
        if (test < 0 || (test > 0 && test < MIN_TEST))
            throw bad(file, "split.test", "must be >= " + MIN_TEST + " (or 0 = all remaining), got " + test);
        int pool = s.pool() == null ? 0 : s.pool();
        if (pool < 0) throw bad(file, "split.pool", "must be >= 1 (or 0 = every structure), got " + pool);
        int repeats = s.repeats() == null ? 1 : s.repeats();
        if (repeats < 1) throw bad(file, "split.repeats", "must be >= 1, got " + repeats);
        long seed = s.seed() == null ? 0L : s.seed();
        String order = s.order() == null ? "random" : s.order().strip().toLowerCase(Locale.ROOT);
        if (!List.of("random", "file").contains(order)) throw bad(file, "split.order", "unknown value '" + s.order() + "' (known: random, file)");
        if (order.equals("file") && repeats != 1) throw bad(file, "split.repeats", "must be 1 with split.order: file (every repeat would be the same split)");
        if (order.equals("file") && pool != 0) throw bad(file, "split.pool", "must be 0 with split.order: file (the split follows the file)");

        TrainConfig.CommitteeSection cm = c.committee();
        int members = cm == null || cm.members() == null ? 0 : cm.members();
        if (members != 0 && (members < 4 || members > 1000)) throw bad(file, "committee.members", "must be 0 (off) or 4..1000, got " + members);
        double subsample = cm == null || cm.subsample() == null ? 0.8 : cm.subsample();
        if (!(subsample > 0 && subsample <= 1)) throw bad(file, "committee.subsample", "must be in (0, 1], got " + subsample);
        double calibration = cm == null || cm.calibration() == null ? 0.2 : cm.calibration();
        if (!(calibration > 0 && calibration < 1)) throw bad(file, "committee.calibration", "must be in (0, 1), got " + calibration);
        String method = cm == null || cm.calibrationMethod() == null ? "coverage" : cm.calibrationMethod().strip().toLowerCase(Locale.ROOT);
        if (!List.of("likelihood", "coverage").contains(method))
            throw bad(file, "committee.calibration_method", "unknown value '" + method + "' (known: likelihood, coverage)");
        if (members > 0) {
            int calib = (int) Math.round(calibration * train[0]);
            if (calib < 1 || train[0] - calib < 2)
                throw bad(file, "committee.calibration", "leaves no calibration or member structures at split.train " + train[0]);
        }

        Path output = ModelDirectory.checkOutput(file, base, c.output());
        int threads = c.threads() == null ? 0 : c.threads();
        if (threads < 0) throw bad(file, "threads", "must be >= 0 (0 = all cores), got " + threads);
        return new TensorSettings(file, structures, c.target().strip(), c.tensorRank(), c.symmetric(), hypers, zeta, m0, selection, decay,
                cutoff, eta, grid, folds, train, test, pool, repeats, seed, order.equals("file"), members, subsample, calibration, method, output,
                Boolean.TRUE.equals(c.streaming()), c.lode() == null ? null : c.lode().toPotential(file, "lode.", hypers), threads);
    }

    /** Every setting under its YAML key (defaults filled in), for model.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", "tensor");
        m.put("structures", structures.toString());
        m.put("target", target);
        m.put("tensor_rank", tensorRank);
        m.put("symmetric", symmetric);
        m.put("descriptor", LambdaSoapConfig.toMap(hypers));
        if (potential != null) m.put("lode", LodeConfig.toMap(potential));
        m.put("kernel", Map.of("zeta", zeta));
        Map<String, Object> sp = new LinkedHashMap<>();
        sp.put("m0", m0);
        sp.put("selection", selection);
        sp.put("lambda_decay", lambdaDecay);
        sp.put("rkhs_cutoff", rkhsCutoff);
        m.put("sparse", sp);
        Map<String, Object> r = new LinkedHashMap<>();
        if (etaGrid == null) r.put("eta", eta);
        else r.put("cross_validation", org.equidens.util.OrderedMaps.of("folds", folds, "etas", etaGrid));
        m.put("regression", r);
        Map<String, Object> s = new LinkedHashMap<>();
        List<Integer> t = new ArrayList<>();
        for (int n : train) t.add(n);
        s.put("train", t);
        s.put("test", test);
        s.put("pool", pool);
        s.put("repeats", repeats);
        s.put("seed", seed);
        s.put("order", fileOrder ? "file" : "random");
        m.put("split", s);
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("members", members);
        cm.put("subsample", subsample);
        cm.put("calibration", calibration);
        cm.put("calibration_method", calibrationMethod);
        m.put("committee", cm);
        m.put("streaming", streaming);
        m.put("output", output.toString());
        m.put("threads", threads);
        return m;
    }

    private static InputException bad(Path file, String key, String problem) {
        return ModelDirectory.badKey(file, key, problem);
    }
}
