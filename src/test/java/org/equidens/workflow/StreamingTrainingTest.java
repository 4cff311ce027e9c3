package org.equidens.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.equidens.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streaming: true} (features a chunk of structures at a time, nothing but λ=0 kept) runs the
 * same learning curve, cross-validation and committee as the in-memory path, to round-off.
 */
class StreamingTrainingTest {
    @TempDir
    Path tmp;

    private static final String CONFIG = """
            task: tensor
            structures: %s
            target: %s
            descriptor:
              n_max: 4
              l_max: 3
            sparse:
              m0: 25
            regression:
              cross_validation:
                folds: 3
                etas: [1.0e-6, 1.0e-4, 1.0e-2]
            split:
              train: [20, 40]
              test: 10
              pool: 60
              repeats: 1
              seed: 5
            committee:
              members: 4
            streaming: %s
            output: out-%s
            """;

    private TensorTraining.Result run(String target, boolean streaming) throws IOException {
        Path p = tmp.resolve("run-" + streaming + ".yaml");
        Files.writeString(p, CONFIG.formatted(Path.of("data/water-tensors/monomers_1000.xyz").toAbsolutePath(), target, streaming, streaming));
        TensorSettings s = TensorSettings.load(p);
        assertEquals(streaming, s.streaming());
        StringWriter log = new StringWriter();
        return TensorTraining.run(s, TensorTraining.read(s), new PrintWriter(log));
    }

    @Test
    @SuppressWarnings("unchecked")
    void streamingMatchesInMemoryOnMonomers() throws IOException {
        // every atom a centre (2 H per structure: kernel rows summed before projection), M0 below N
        TensorTraining.Result memory = run("alpha", false), streamed = run("alpha", true);
        assertEquals(memory.curve().size(), streamed.curve().size());
        for (int i = 0; i < memory.curve().size(); i++) {
            TensorTraining.CurvePoint a = memory.curve().get(i), b = streamed.curve().get(i);
            for (int k = 0; k < a.percent().length; k++) {
                assertEquals(a.percent()[k], b.percent()[k], 1e-7 * a.percent()[k], "N=" + a.train() + " block " + k);
                assertEquals(a.testStd()[k], b.testStd()[k], 1e-12 * a.testStd()[k]);
            }
        }
        Map<String, Object> fa = (Map<String, Object>) memory.finalMetrics().get("blocks"), fb = (Map<String, Object>) streamed.finalMetrics().get("blocks");
        for (String key : fa.keySet()) {
            Map<String, Object> x = (Map<String, Object>) fa.get(key), y = (Map<String, Object>) fb.get(key);
            assertEquals((double) x.get("rmse"), (double) y.get("rmse"), 1e-7 * (double) x.get("rmse"), key);
            assertEquals((double) x.get("alpha"), (double) y.get("alpha"), 1e-6 * (double) x.get("alpha"), key);
            assertEquals((double) x.get("fraction_within_1sigma"), (double) y.get("fraction_within_1sigma"), key);
        }
        for (int k = 0; k < 2; k++)
            assertEquals(memory.model().model().regression(k).eta(), streamed.model().model().regression(k).eta());
        assertTrue(streamed.finalMetrics().containsKey("stream_seconds_per_split"));
    }

    @Test
    void streamingIsOnlyForTensorTasks() throws IOException {
        Path p = tmp.resolve("density.yaml");
        Files.writeString(p, "task: density\ndataset: x\nstreaming: true\n");
        InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class, () -> CoefficientSettings.load(p));
        assertTrue(e.getMessage().contains("streaming"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
        Path q = tmp.resolve("tensor.yaml");
        Files.writeString(q, CONFIG.formatted(Path.of("data/water-tensors/monomers_1000.xyz").toAbsolutePath(), "mu", "[1, 2]", "x"));
        InputException bad = org.junit.jupiter.api.Assertions.assertThrows(InputException.class, () -> TensorSettings.load(q));
        assertTrue(bad.getMessage().contains("streaming") && !bad.getMessage().contains("\n"), bad.getMessage());
    }
}
