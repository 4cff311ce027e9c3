package org.equidens.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.equidens.descriptor.LambdaSoap;
import org.equidens.io.InputException;
import org.equidens.io.Plots;
import org.equidens.io.StructureIO;
import org.equidens.kernel.EquivariantFeatures;
import org.equidens.kernel.SparseSelection;
import org.equidens.kernel.SparseSelection.Selection;
import org.equidens.model.Committee;
import org.equidens.model.FeatureSet;
import org.equidens.model.StreamingDesign;
import org.equidens.model.StructureFeatures;
import org.equidens.model.TensorCommittee;
import org.equidens.model.TensorModel;
import org.equidens.properties.CartesianTensors.Decomposition;
import org.equidens.structure.Atoms;
import org.equidens.util.Progress;
import org.equidens.util.OrderedMaps;
import org.equidens.util.Threads;

/**
 * {@code task: tensor} end to end: read the structures and targets, compute λ-SOAP features once,
 * train SA-GPR models on seeded random splits for every training-set size of the learning curve,
 * measure the test error per spherical component, and keep the model of the largest size (first
 * split, with its committee if asked) as the saved model.
 *
 * <p>Error measure (TENSOAP's "% of intrinsic deviation"): for each λ block,
 * 100·RMSE/std, where RMSE runs over all test structures and μ components of the block and std is
 * the standard deviation of the same flattened test values about their common mean (numpy
 * {@code np.std(y_test)}). For molecules stored in a common orientation (data/water-tensors
 * monomers) the spread between components dominates that std, so these percentages are small.
 */
public final class TensorTraining {
    private TensorTraining() {}

    /** Mean and spread over the repeats for one training-set size. */
    public record CurvePoint(int train, int test, int repeats, double[] rmse, double[] rmseSd, double[] percent, double[] percentSd,
                             double[] testStd, double trainSeconds) {}

    /** The learning curve, the saved model, and its own test metrics. */
    public record Result(SagprModel model, List<CurvePoint> curve, Map<String, Object> finalMetrics, Map<String, Object> fingerprint,
                         double featureSeconds, TestSet test) {}

    /** The saved model's test set: frames, reference and predicted Cartesian tensors (structures × 3^rank, row-major). */
    public record TestSet(int[] frames, double[] reference, double[] predicted) {}

    /** The data of a run after reading: targets checked, decomposition decided. */
    public record Data(List<Atoms> structures, int[] frames, double[] targets, Decomposition decomposition, boolean symmetricData) {}

    /** Reads the structures and the target, checks sizes; everything the config says about the data. */
    public static Data read(TensorSettings s) {
        List<Atoms> all = StructureIO.readAll(s.structures());
        int total = all.size();
        int pool = s.pool() == 0 ? total : s.pool();
        if (pool > total) throw InputException.at(s.config(), "key 'split.pool': " + pool + " structures asked, " + s.structures() + " has " + total);
        int[] frames = new int[pool];
        if (s.pool() == 0) for (int i = 0; i < pool; i++) frames[i] = i;
        else {
            frames = SparseSelection.random(total, pool, s.seed() ^ 0x5DEECE66DL).indices();
            Arrays.sort(frames);
        }
        int largest = s.train()[s.train().length - 1];
        int needTest = s.test() == 0 ? TensorSettings.MIN_TEST : s.test();
        if (largest + needTest > pool)
            throw InputException.at(s.config(), "key 'split.train': " + largest + " training + " + needTest + " test structures need more than the "
                    + pool + " available");
        List<Atoms> used = new ArrayList<>(pool);
        for (int f : frames) used.add(all.get(f));
        double[] first = used.get(0).infoVector(s.target());
        if (first == null) throw InputException.at(s.structures(), "frame " + frames[0] + " has no numeric info key '" + s.target() + "'");
        int size = first.length;
        int rank = size == 3 ? 1 : size == 9 ? 2 : size == 27 ? 3 : -1;
        if (rank < 0) throw InputException.at(s.structures(), "info '" + s.target() + "' has " + size + " values: expected 3, 9 or 27 (rank 1, 2, 3)");
        if (s.tensorRank() != null && s.tensorRank() != rank)
            throw InputException.at(s.config(), "key 'tensor_rank': " + s.tensorRank() + " but '" + s.target() + "' has " + size + " values (rank " + rank + ")");
        double[] y = new double[pool * size];
        double asym = 0;
        for (int i = 0; i < pool; i++) {
            double[] v = used.get(i).infoVector(s.target());
            if (v == null || v.length != size)
                throw InputException.at(s.structures(), "frame " + frames[i] + ": info '" + s.target() + "' " + (v == null ? "missing" : "has " + v.length + " values, expected " + size));
            for (double x : v) if (!Double.isFinite(x)) throw InputException.at(s.structures(), "frame " + frames[i] + ": info '" + s.target() + "' is not finite");
            System.arraycopy(v, 0, y, i * size, size);
            asym = Math.max(asym, asymmetry(v, rank));
        }
        boolean symmetricData = asym <= 1e-6;
        if (rank == 3 && !symmetricData && s.symmetric() == null)
            throw InputException.at(s.structures(), "'" + s.target() + "' is not fully symmetric (relative asymmetry " + String.format("%.1e", asym)
                    + "); only symmetric rank-3 tensors are supported (set symmetric: true to learn the symmetric part)");
        boolean symmetric = s.symmetric() != null ? s.symmetric() : rank != 2 || symmetricData;
        return new Data(used, frames, y, SagprModel.decomposition(rank, symmetric), symmetricData);
    }

    /** Largest |T − T_perm| over index permutations relative to ‖T‖ (0 for rank 1). */
    static double asymmetry(double[] t, int rank) {
        if (rank == 1) return 0;
        double norm = 0, diff = 0;
        for (double x : t) norm += x * x;
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++) {
                if (rank == 2) diff = Math.max(diff, Math.abs(t[a * 3 + b] - t[b * 3 + a]));
                else for (int c = 0; c < 3; c++) {
                    double v = t[(a * 3 + b) * 3 + c];
                    diff = Math.max(diff, Math.max(Math.abs(v - t[(b * 3 + a) * 3 + c]), Math.abs(v - t[(a * 3 + c) * 3 + b])));
                }
            }
        return norm == 0 ? 0 : diff / Math.sqrt(norm);
    }

    /** Runs the whole task; progress lines go to {@code log}. Does not write anything. */
    public static Result run(TensorSettings s, Data data, PrintWriter log) {
        Threads.configure(s.threads());
        return run(s, data, log, null);
    }

    /**
     * As above on the threads already configured, with a restart state (null: none): finished
     * (split, N) points are taken from it; it is not removed here (the caller writes the model first).
     */
    public static Result run(TensorSettings s, Data data, PrintWriter log, TrainingCheckpoint checkpoint) {
        Decomposition dec = data.decomposition();
        int[] lambdas = dec.lambdas();
        int nb = lambdas.length, pool = data.structures().size(), size = dec.cartesianSize();
        if (dec.rank() == 2 && !dec.symmetric() && data.symmetricData())
            log.println("note: the target is symmetric but symmetric: false was asked; λ=1 will be learned as zero");
        if (dec.symmetric() && !data.symmetricData())
            log.printf("note: '%s' is not exactly symmetric; the symmetric part is learned%n", s.target());
        LambdaSoap.Hypers hypers = StructureFeatures.resolveSpecies(s.hypers(), data.structures());
        long t0 = System.nanoTime();
        // in memory: every block of every structure; streaming: λ=0 only (for the sparse selection),
        // the other blocks are recomputed a chunk at a time and dropped after their kernel rows
        FeatureSet all = features(s, data, hypers, s.streaming() ? new int[][] {{0, 1}} : StructureFeatures.blocksFor(dec));
        StreamingDesign.Source source = s.streaming() ? StreamingDesign.lambdaSoap(data.structures(), hypers, s.potential(), StructureFeatures.blocksFor(dec)) : null;
        double featureSeconds = (System.nanoTime() - t0) * 1e-9;
        log.printf("features: %d structures, %d centres, λ %s, %.1f s%s%n", pool, all.atoms(), Arrays.toString(lambdas), featureSeconds,
                s.streaming() ? " (λ=0 kept for the sparse selection; all blocks streamed per split, " + chunk(all) + " structures at a time)" : "");

        TensorModel.Options options = new TensorModel.Options(s.zeta(), s.m0(), s.eta(), s.rkhsCutoff(), SparseSelection.Start.seeded(s.seed()), s.lambdaDecay());
        int[] sizes = s.train();
        double[][][] rmse = new double[sizes.length][s.repeats()][], pct = new double[sizes.length][s.repeats()][], std = new double[sizes.length][s.repeats()][];
        double[] seconds = new double[sizes.length];
        double streamSeconds = 0;
        int[] testCounts = new int[sizes.length];
        SplittableRandom root = new SplittableRandom(s.seed());
        TensorModel finalModel = null;
        double[] finalPredicted = null; // the saved single model's spherical test predictions
        int[] finalTrain = null, finalTest = null;
        Progress.Task curveBar = Progress.task("learning curve (splits × sizes)", (long) s.repeats() * sizes.length);
        double[][] finalTrainPsi = null, finalTestPsi = null;
        for (int r = 0; r < s.repeats(); r++) {
            long splitSeed = root.split().nextLong();
            int[] perm = s.fileOrder() ? java.util.stream.IntStream.range(0, pool).toArray() : SparseSelection.random(pool, pool, splitSeed).indices();
            int[][] trains = new int[sizes.length][], tests = new int[sizes.length][];
            for (int k = 0; k < sizes.length; k++) {
                trains[k] = Arrays.copyOfRange(perm, 0, sizes[k]);
                tests[k] = Arrays.copyOfRange(perm, sizes[k], s.test() == 0 ? pool : sizes[k] + s.test());
                testCounts[k] = tests[k].length;
            }
            StreamingDesign.Split streamed = null;
            if (source != null) {
                long a = System.nanoTime();
                streamed = stream(all, source, trains, tests, dec, s, options, r);
                double sec = (System.nanoTime() - a) * 1e-9;
                streamSeconds += sec / s.repeats();
                log.printf("split %d: sparse sets and Ψ of %d sizes streamed (%.1f s; of which the pass over the structures %.1f s)%n", r, sizes.length, sec,
                        streamed.passSeconds());
            }
            for (int k = 0; k < sizes.length; k++) {
                int n = sizes[k];
                int[] train = trains[k], test = tests[k];
                // the first split's largest N is always trained: its model is the one written
                boolean finalPoint = r == 0 && k == sizes.length - 1;
                String step = "split" + r + "_N" + n;
                com.fasterxml.jackson.databind.JsonNode done = checkpoint == null || finalPoint ? null : checkpoint.record(step);
                if (done != null) {
                    rmse[k][r] = doubles(done.get("rmse"));
                    std[k][r] = doubles(done.get("std"));
                    pct[k][r] = doubles(done.get("percent"));
                    seconds[k] += done.get("seconds").asDouble() / s.repeats();
                    log.printf("split %d, N=%d: %s  (finished before, checkpoint)%n", r, n, describe(lambdas, pct[k][r]));
                    curveBar.step();
                    continue;
                }
                TensorModel m;
                double[] predicted;
                double sec;
                if (streamed == null) {
                    FeatureSet ft = all.subset(train), fe = all.subset(test);
                    long a = System.nanoTime();
                    m = train(ft, rows(data.targets(), train, size), dec, s, options, r);
                    sec = (System.nanoTime() - a) * 1e-9;
                    predicted = m.predictSpherical(fe);
                } else {
                    long a = System.nanoTime();
                    m = TensorModel.fit(dec, streamed.selections()[k], streamed.maps()[k], streamed.trainPsi()[k], atomCounts(all, train),
                            rows(data.targets(), train, size), options, s.etaGrid(), s.folds(), s.seed() + r);
                    sec = (System.nanoTime() - a) * 1e-9;
                    predicted = m.predictSpherical(streamed.testPsi()[k], atomCounts(all, test));
                }
                seconds[k] += sec / s.repeats();
                double[] err = errors(dec, predicted, dec.toSpherical(rows(data.targets(), test, size), test.length), test.length);
                rmse[k][r] = Arrays.copyOfRange(err, 0, nb);
                std[k][r] = Arrays.copyOfRange(err, nb, 2 * nb);
                pct[k][r] = Arrays.copyOfRange(err, 2 * nb, 3 * nb);
                log.printf("split %d, N=%d: %s  (%.1f s)%n", r, n, describe(lambdas, pct[k][r]), sec);
                log.flush();
                if (checkpoint != null && !finalPoint)
                    checkpoint.record(step, Map.of("rmse", rmse[k][r], "std", std[k][r], "percent", pct[k][r], "seconds", sec));
                curveBar.step();
                if (r == 0 && k == sizes.length - 1) {
                    finalModel = m;
                    finalPredicted = predicted;
                    finalTrain = train;
                    finalTest = test;
                    if (streamed != null) {
                        finalTrainPsi = streamed.trainPsi()[k];
                        finalTestPsi = streamed.testPsi()[k];
                    }
                }
            }
        }
        curveBar.close();
        List<CurvePoint> curve = new ArrayList<>();
        for (int k = 0; k < sizes.length; k++)
            curve.add(new CurvePoint(sizes[k], testCounts[k], s.repeats(), mean(rmse[k]), sd(rmse[k]), mean(pct[k]), sd(pct[k]), mean(std[k]), seconds[k]));

        TensorCommittee committee = null;
        Map<String, Object> fin = new LinkedHashMap<>();
        if (s.members() > 0) {
            int calib = (int) Math.round(s.calibration() * finalTrain.length);
            int[] members = Arrays.copyOfRange(finalTrain, 0, finalTrain.length - calib), cal = Arrays.copyOfRange(finalTrain, finalTrain.length - calib, finalTrain.length);
            long a = System.nanoTime();
            Committee.Options co = new Committee.Options(s.members(), s.subsample(), s.subsample(), s.seed() + 17, true);
            TensorCommittee.Calibration how = s.calibrationMethod().equals("coverage") ? TensorCommittee.Calibration.COVERAGE : TensorCommittee.Calibration.LIKELIHOOD;
            if (finalTrainPsi == null) {
                committee = TensorCommittee.fit(finalModel, all.subset(members), rows(data.targets(), members, size), all.subset(cal),
                        rows(data.targets(), cal, size), co, how, checkpoint == null ? null : checkpoint::members);
            } else {
                // members and calibration structures are the first and last rows of the final training set
                int[] mi = new int[members.length], ci = new int[cal.length];
                for (int i = 0; i < mi.length; i++) mi[i] = i;
                for (int i = 0; i < ci.length; i++) ci[i] = members.length + i;
                double[][] mp = new double[nb][], cp = new double[nb][];
                for (int k = 0; k < nb; k++) {
                    int c = 2 * lambdas[k] + 1, d = finalModel.featureMap(k).dimension();
                    mp[k] = StreamingDesign.structureRows(finalTrainPsi[k], c, d, mi);
                    cp[k] = StreamingDesign.structureRows(finalTrainPsi[k], c, d, ci);
                }
                committee = TensorCommittee.fit(finalModel, mp, atomCounts(all, members), rows(data.targets(), members, size), cp, atomCounts(all, cal),
                        rows(data.targets(), cal, size), co, how, checkpoint == null ? null : checkpoint::members);
            }
            fin.put("committee_seconds", (System.nanoTime() - a) * 1e-9);
            fin.put("committee_calibration_structures", cal.length);
        }
        if (source != null) fin.put("stream_seconds_per_split", streamSeconds);
        SagprModel model = new SagprModel(s.target(), hypers, s.potential(), finalModel, committee);
        SagprModel.Prediction p;
        if (committee == null) p = new SagprModel.Prediction(dec.toCartesian(finalPredicted, finalTest.length), null, finalPredicted, null);
        else if (finalTestPsi == null) p = model.predict(all.subset(finalTest));
        else {
            TensorCommittee.Prediction q = committee.predict(finalTestPsi, atomCounts(all, finalTest));
            p = new SagprModel.Prediction(q.cartesian(), q.cartesianStd(), q.spherical(), q.sphericalStd());
        }
        double[] ref = dec.toSpherical(rows(data.targets(), finalTest, size), finalTest.length);
        double[] err = errors(dec, p.spherical(), ref, finalTest.length);
        fin.put("train_structures", finalTrain.length);
        fin.put("test_structures", finalTest.length);
        fin.put("prediction", committee == null ? "single model" : "committee mean");
        Map<String, Object> per = new LinkedHashMap<>();
        for (int k = 0; k < nb; k++) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("rmse", err[k]);
            b.put("test_std", err[nb + k]);
            b.put("percent_of_std", err[2 * nb + k]);
            if (committee != null) {
                b.put("alpha", committee.committee(k).alpha());
                b.put("fraction_within_1sigma", coverage(dec, k, p.spherical(), p.sphericalStd(), ref, finalTest.length));
            }
            per.put("lambda_" + lambdas[k], b);
        }
        fin.put("blocks", per);
        // the whole tensor at once (TENSOAP's Cartesian figure), against the part of the reference the model can represent
        double[] cart = cartesianErrors(p.cartesian(), dec.toCartesian(ref, finalTest.length), size);
        fin.put("cartesian", OrderedMaps.of("rmse", cart[0], "test_std", cart[1], "percent_of_std", cart[2]));
        log.printf("final model, whole tensor: RMSE %.4g = %.4f %% of the test std (Frobenius)%n", cart[0], cart[2]);
        // the single model on its own training set (how closely it fits), and on training and test
        // together (what TENSOAP's bulk example reports: it predicts every frame after training on half)
        double[] trainPred = finalTrainPsi == null ? finalModel.predictSpherical(all.subset(finalTrain))
                : finalModel.predictSpherical(finalTrainPsi, atomCounts(all, finalTrain));
        double[] trainRef = dec.toSpherical(rows(data.targets(), finalTrain, size), finalTrain.length);
        int both = finalTrain.length + finalTest.length;
        double[] trainErr = errors(dec, trainPred, trainRef, finalTrain.length);
        double[] allErr = errors(dec, concat(trainPred, finalPredicted), concat(trainRef, ref), both);
        Map<String, Object> onTrain = new LinkedHashMap<>(), onAll = new LinkedHashMap<>();
        for (int k = 0; k < nb; k++) {
            onTrain.put("lambda_" + lambdas[k], OrderedMaps.of("rmse", trainErr[k], "std", trainErr[nb + k], "percent_of_std", trainErr[2 * nb + k]));
            onAll.put("lambda_" + lambdas[k], OrderedMaps.of("rmse", allErr[k], "std", allErr[nb + k], "percent_of_std", allErr[2 * nb + k]));
        }
        fin.put("training_set", onTrain);
        fin.put("training_and_test", onAll);
        log.printf("final model (single): training set %s; training + test %s%n", describe(lambdas, Arrays.copyOfRange(trainErr, 2 * nb, 3 * nb)),
                describe(lambdas, Arrays.copyOfRange(allErr, 2 * nb, 3 * nb)));
        if (committee != null) log.printf("committee (%d members): test errors within ±1σ: %s%n", s.members(), describeCoverage(lambdas, per));

        Map<String, Object> fp = new LinkedHashMap<>();
        fp.put("structures", s.structures().toString());
        fp.put("sha256", sha256(s.structures()));
        int[] frames = new int[finalTrain.length];
        for (int i = 0; i < frames.length; i++) frames[i] = data.frames()[finalTrain[i]];
        fp.put("train_frames", frames);
        int[] testFrames = new int[finalTest.length];
        for (int i = 0; i < testFrames.length; i++) testFrames[i] = data.frames()[finalTest[i]];
        fp.put("test_frames", testFrames);
        return new Result(model, curve, fin, fp, featureSeconds, new TestSet(testFrames, rows(data.targets(), finalTest, size), p.cartesian()));
    }

    private static TensorModel train(FeatureSet ft, double[] y, Decomposition dec, TensorSettings s, TensorModel.Options options, int repeat) {
        Map<Integer, Selection> sparse = select(ft, s.selection(), s.m0(), s.seed() + 1000L * repeat);
        return TensorModel.train(dec, ft, y, options, sparse, s.etaGrid(), s.folds(), s.seed() + repeat);
    }

    /** Features of the whole pool for the given blocks; errors name the file and frame. */
    private static FeatureSet features(TensorSettings s, Data data, LambdaSoap.Hypers hypers, int[][] blocks) {
        try {
            return StructureFeatures.compute(data.structures(), hypers, s.potential(), blocks);
        } catch (InputException e) {
            // "structure i" counts the pool: name the file and its frame
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^structure (\\d+)").matcher(e.getMessage());
            String msg = m.find() && Integer.parseInt(m.group(1)) < data.frames().length
                    ? "frame " + data.frames()[Integer.parseInt(m.group(1))] + e.getMessage().substring(m.end()) : e.getMessage();
            throw InputException.at(s.structures(), msg);
        }
    }

    /** Centres per structure of the pool's structures {@code idx}. */
    private static int[] atomCounts(FeatureSet pool, int[] idx) {
        int[] n = new int[idx.length];
        for (int i = 0; i < idx.length; i++) n[i] = pool.atomsIn(idx[i]);
        return n;
    }

    /** Structures per streamed chunk: about 2048 centres (their features, all blocks, are what a chunk holds). */
    static int chunk(FeatureSet pool) {
        double perStructure = (double) pool.atoms() / pool.structures();
        return (int) Math.max(1, Math.round(2048 / perStructure));
    }

    /**
     * The streaming path for one split: the sparse sets come from the λ=0 features of each training set
     * (the same selection as in memory), everything else from {@link StreamingDesign#forSizes}.
     */
    @SuppressWarnings("unchecked")
    private static StreamingDesign.Split stream(FeatureSet pool0, StreamingDesign.Source source, int[][] trains, int[][] tests, Decomposition dec,
                                                TensorSettings s, TensorModel.Options options, int repeat) {
        Map<Integer, Selection>[] selections = new Map[trains.length];
        for (int k = 0; k < trains.length; k++) selections[k] = select(pool0.subset(trains[k]), s.selection(), s.m0(), s.seed() + 1000L * repeat);
        return StreamingDesign.forSizes(pool0, source, trains, tests, selections, dec, options, chunk(pool0));
    }

    /** Per-species sparse environments (indices into ft) in pick order. */
    static Map<Integer, Selection> select(FeatureSet ft, String method, int m0, long seed) {
        if (method.equals("fps")) return SparseSelection.farthestPointPerSpecies(ft.block(0), ft.species(), m0, SparseSelection.Start.seeded(seed));
        Map<Integer, Selection> out = new LinkedHashMap<>();
        SplittableRandom rng = new SplittableRandom(seed);
        for (Map.Entry<Integer, int[]> e : SparseSelection.groupBySpecies(ft.species()).entrySet()) {
            int[] idx = e.getValue();
            int count = Math.min(m0, idx.length);
            Selection local;
            if (method.equals("random")) local = SparseSelection.random(idx.length, count, rng.nextLong());
            else {
                EquivariantFeatures x = ft.block(0).select(idx).normalised();
                local = SparseSelection.cur(x.data(), x.samples(), x.features(), count, Math.min(count, 20));
            }
            int[] global = new int[count];
            for (int i = 0; i < count; i++) global[i] = idx[local.indices()[i]];
            out.put(e.getKey(), new Selection(global, local.distances()));
        }
        return out;
    }

    /** [rmse per block, test std per block, percent per block]. */
    static double[] errors(Decomposition dec, double[] pred, double[] ref, int count) {
        int[] lambdas = dec.lambdas();
        int nb = lambdas.length;
        double[] out = new double[3 * nb];
        for (int k = 0; k < nb; k++) {
            double[] p = dec.block(pred, count, k), t = dec.block(ref, count, k);
            double se = 0, mean = 0;
            for (int i = 0; i < t.length; i++) {
                se += (p[i] - t[i]) * (p[i] - t[i]);
                mean += t[i];
            }
            mean /= t.length;
            double var = 0;
            for (double v : t) var += (v - mean) * (v - mean);
            out[k] = Math.sqrt(se / t.length);
            out[nb + k] = Math.sqrt(var / t.length);
            out[2 * nb + k] = 100 * out[k] / out[nb + k];
        }
        return out;
    }

    /**
     * Whole-tensor errors: RMSE = sqrt(mean over structures of ‖ΔT‖²_F), std = sqrt(mean ‖T − T̄‖²_F)
     * with T̄ the mean tensor of the set, and 100·RMSE/std.
     */
    static double[] cartesianErrors(double[] pred, double[] ref, int size) {
        int n = ref.length / size;
        double[] mean = new double[size];
        for (int i = 0; i < n; i++) for (int c = 0; c < size; c++) mean[c] += ref[i * size + c] / n;
        double se = 0, var = 0;
        for (int i = 0; i < n; i++)
            for (int c = 0; c < size; c++) {
                double d = pred[i * size + c] - ref[i * size + c], v = ref[i * size + c] - mean[c];
                se += d * d;
                var += v * v;
            }
        double rmse = Math.sqrt(se / n), std = Math.sqrt(var / n);
        return new double[] {rmse, std, 100 * rmse / std};
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static double coverage(Decomposition dec, int k, double[] pred, double[] std, double[] ref, int count) {
        double[] p = dec.block(pred, count, k), sd = dec.block(std, count, k), t = dec.block(ref, count, k);
        double floor = TensorCommittee.informativeFloor(sd);
        int in = 0, n = 0;
        for (int i = 0; i < t.length; i++) {
            if (sd[i] <= floor) continue; // fixed by symmetry: no information
            n++;
            if (Math.abs(p[i] - t[i]) <= sd[i]) in++;
        }
        return n == 0 ? Double.NaN : (double) in / n;
    }

    static double[] rows(double[] y, int[] idx, int size) {
        double[] out = new double[idx.length * size];
        for (int i = 0; i < idx.length; i++) System.arraycopy(y, idx[i] * size, out, i * size, size);
        return out;
    }

    private static double[] mean(double[][] v) {
        double[] m = new double[v[0].length];
        for (double[] row : v) for (int j = 0; j < m.length; j++) m[j] += row[j] / v.length;
        return m;
    }

    private static double[] sd(double[][] v) {
        double[] m = mean(v), out = new double[m.length];
        if (v.length < 2) return out;
        for (double[] row : v) for (int j = 0; j < m.length; j++) out[j] += (row[j] - m[j]) * (row[j] - m[j]);
        for (int j = 0; j < m.length; j++) out[j] = Math.sqrt(out[j] / (v.length - 1));
        return out;
    }

    private static String describe(int[] lambdas, double[] pct) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < lambdas.length; k++) b.append(k == 0 ? "" : ", ").append(String.format("λ=%d %.4f %%", lambdas[k], pct[k]));
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static String describeCoverage(int[] lambdas, Map<String, Object> per) {
        StringBuilder b = new StringBuilder();
        for (int l : lambdas) {
            Map<String, Object> m = (Map<String, Object>) per.get("lambda_" + l);
            b.append(b.length() == 0 ? "" : ", ").append(String.format("λ=%d %.1f %%", l, 100 * (double) m.get("fraction_within_1sigma")));
        }
        return b.toString();
    }

    /** SHA-256 of a file, hex. */
    private static double[] doubles(com.fasterxml.jackson.databind.JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).asDouble();
        return v;
    }

    /** SHA-256 of the settings (threads aside: they do not change the result) and of the structure file. */
    public static String fingerprint(TensorSettings s) {
        return TrainingCheckpoint.fingerprint(s.toMap(), s.structures());
    }

    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            DigestInputStream d = (DigestInputStream) in;
            while (d.read(buf) >= 0) {
                // digest while reading
            }
            return HexFormat.of().formatHex(d.getMessageDigest().digest());
        } catch (IOException e) {
            throw InputException.at(file, "cannot read: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** metrics.json content. */
    public static Map<String, Object> metrics(TensorSettings s, Data data, Result res) {
        int[] lambdas = data.decomposition().lambdas();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", s.target());
        m.put("tensor", data.decomposition().toString());
        m.put("error_measure", "percent = 100 * RMSE / std of the flattened test values of each spherical block (numpy np.std), mean over repeats");
        m.put("feature_seconds", res.featureSeconds());
        List<Object> curve = new ArrayList<>();
        for (CurvePoint p : res.curve()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("train", p.train());
            c.put("test", p.test());
            c.put("repeats", p.repeats());
            c.put("train_seconds", p.trainSeconds());
            Map<String, Object> blocks = new LinkedHashMap<>();
            for (int k = 0; k < lambdas.length; k++) {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("rmse", p.rmse()[k]);
                b.put("rmse_sd", p.rmseSd()[k]);
                b.put("percent_of_std", p.percent()[k]);
                b.put("percent_of_std_sd", p.percentSd()[k]);
                b.put("test_std", p.testStd()[k]);
                blocks.put("lambda_" + lambdas[k], b);
            }
            c.put("blocks", blocks);
            curve.add(c);
        }
        m.put("learning_curve", curve);
        m.put("final_model", res.finalMetrics());
        return m;
    }

    /** The learning-curve PNG: % of test std against N, one line per λ. */
    /**
     * parity.png (predicted against reference Cartesian components of the saved model's test set) and
     * error_histogram.png (per test structure, the RMSE over its components, in the target's units).
     */
    public static void plotTest(Path dir, TensorSettings s, Result res) {
        TestSet t = res.test();
        int n = t.frames().length, size = n == 0 ? 1 : t.reference().length / n;
        int rank = size == 3 ? 1 : size == 9 ? 2 : 3;
        Map<String, double[][]> groups = new LinkedHashMap<>();
        // diagonal and off-diagonal components apart for rank 2: their scales differ by orders of magnitude
        String[] names = rank == 2 ? new String[] {"diagonal", "off-diagonal"} : new String[] {"components"};
        for (int g = 0; g < names.length; g++) {
            List<double[]> pts = new ArrayList<>();
            for (int k = 0; k < n; k++)
                for (int c = 0; c < size; c++) {
                    boolean diagonal = c / 3 == c % 3;
                    if (rank == 2 && diagonal != (g == 0)) continue;
                    pts.add(new double[] {t.reference()[k * size + c], t.predicted()[k * size + c]});
                }
            double[][] xy = new double[2][pts.size()];
            for (int q = 0; q < pts.size(); q++) {
                xy[0][q] = pts.get(q)[0];
                xy[1][q] = pts.get(q)[1];
            }
            groups.put(names[g], xy);
        }
        Plots.parity(dir.resolve("parity.png"), "'" + s.target() + "' on " + n + " test structures", "", groups);
        double[] err = new double[n];
        for (int k = 0; k < n; k++) {
            double e = 0;
            for (int c = 0; c < size; c++) e += Math.pow(t.predicted()[k * size + c] - t.reference()[k * size + c], 2);
            err[k] = Math.sqrt(e / size);
        }
        Plots.histogram(dir.resolve("error_histogram.png"), "'" + s.target() + "': error per test structure", "RMSE over the components (target's units)",
                err, Math.max(5, Math.min(40, (int) Math.ceil(Math.sqrt(n)))));
    }

    public static void plot(Path png, TensorSettings s, Data data, Result res) {
        int[] lambdas = data.decomposition().lambdas();
        List<Plots.Series> series = new ArrayList<>();
        for (int k = 0; k < lambdas.length; k++) {
            double[] x = new double[res.curve().size()], y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = res.curve().get(i).train();
                y[i] = Math.max(1e-12, res.curve().get(i).percent()[k]);
            }
            series.add(new Plots.Series("λ=" + lambdas[k], x, y));
        }
        Plots.learningCurve(png, "SA-GPR " + s.target() + " (" + s.structures().getFileName() + ")", "RMSE, % of test std", series);
    }
}
