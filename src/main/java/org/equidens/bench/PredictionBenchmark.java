package org.equidens.bench;

import java.util.ArrayList;
import java.util.List;
import org.equidens.model.CoefficientModel;
import org.equidens.structure.Atoms;

/**
 * How long a trained coefficient model (density, response or SALTER) takes to predict the
 * coefficients of large structures: a periodic cell repeated r×r×r (liquid water: 96·r³ atoms), the
 * whole prediction timed (λ-SOAP of every atom, kernels against the sparse set, coefficients), best
 * of the repeats after a warm-up, with the heap peak of the timed runs (an upper bound on the live
 * set; see {@link DescriptorBenchmark}).
 */
public final class PredictionBenchmark {
    private PredictionBenchmark() {}

    /**
     * @param atoms         atoms of the structure
     * @param seconds       best wall time of one prediction
     * @param peakMegabytes heap peak during the timed runs
     * @param coefficients  predicted numbers (rows × coefficients)
     * @param checksum      Σ|c| of the prediction (to compare runs)
     */
    public record Row(int atoms, double seconds, double peakMegabytes, long coefficients, double checksum) {}

    public static List<Row> run(CoefficientModel model, Atoms cell, int[] replicas, int repeats) {
        List<Row> out = new ArrayList<>();
        for (int r : replicas) {
            Atoms big = cell.repeated(r, r, r);
            double[][] last = new double[1][];
            DescriptorBenchmark.Stage stage = DescriptorBenchmark.Stage.run(() -> last[0] = model.predict(List.of(big)).get(0), repeats);
            double sum = 0;
            for (double v : last[0]) sum += Math.abs(v);
            out.add(new Row(big.size(), stage.seconds(), stage.peakMegabytes(), last[0].length, sum));
        }
        return out;
    }
}
