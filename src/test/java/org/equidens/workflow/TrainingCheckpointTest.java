package org.equidens.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resuming a tensor run: finished (split, N) points and committee members come from the checkpoint
 * (a tampered record shows up in the result, so they are really read) and, when the records are the
 * run's own, the resumed run's curve and committee predictions equal the first run's exactly. A
 * killed committee (members missing) is completed with the members a full run would have fitted.
 */
class TrainingCheckpointTest {
    static final Path DATA = Path.of("data").toAbsolutePath();

    @TempDir
    Path tmp;

    private TensorSettings settings() throws IOException {
        Path cfg = tmp.resolve("config.yaml");
        Files.writeString(cfg, "task: tensor\nstructures: " + DATA.resolve("water-tensors/monomers_1000.xyz") + "\ntarget: alpha\n"
                + "descriptor:\n  n_max: 4\n  l_max: 3\n  center_species: [O]\n"
                + "sparse:\n  m0: 10\n"
                + "split:\n  train: [10, 20]\n  test: 10\n  pool: 40\n  repeats: 2\n  seed: 5\n"
                + "committee:\n  members: 4\n"
                + "output: model\n");
        return TensorSettings.of(TrainConfig.read(cfg), cfg);
    }

    private static TrainingCheckpoint open(TensorSettings s, boolean resume, StringWriter log) {
        return TrainingCheckpoint.open(s.output(), TensorTraining.fingerprint(s), resume, 0, new PrintWriter(log, true));
    }

    @Test
    void resumedTensorRunReadsFinishedPointsAndMembersAndEndsTheSame() throws IOException {
        TensorSettings s = settings();
        TensorTraining.Data data = TensorTraining.read(s);
        StringWriter log1 = new StringWriter();
        TensorTraining.Result first = TensorTraining.run(s, data, new PrintWriter(log1, true), open(s, false, log1));
        Path dir = TrainingCheckpoint.folder(s.output());
        List<String> records;
        try (Stream<Path> f = Files.list(dir)) {
            records = f.map(p -> p.getFileName().toString()).sorted().toList();
        }
        // the first split's largest N makes the model: never recorded; 3 curve points; 4 members per block
        assertTrue(records.containsAll(List.of("split0_N10.json", "split1_N10.json", "split1_N20.json", "fingerprint.txt")), records.toString());
        assertTrue(!records.contains("split0_N20.json"), records.toString());
        long members = records.stream().filter(r -> r.startsWith("committee")).count();
        assertTrue(members >= 8 && members % 4 == 0, records.toString());

        // a kill during the committee: the last two members of block 0 never finished
        Files.delete(dir.resolve("committee0_member2.json"));
        Files.delete(dir.resolve("committee0_member3.json"));
        StringWriter log2 = new StringWriter();
        TensorTraining.Result resumed = TensorTraining.run(s, data, new PrintWriter(log2, true), open(s, true, log2));
        assertEquals(3, log2.toString().split("finished before", -1).length - 1, log2.toString());
        assertArrayEquals(first.test().predicted(), resumed.test().predicted(), "committee mean of the resumed run");
        for (int k = 0; k < first.curve().size(); k++) {
            assertArrayEquals(first.curve().get(k).percent(), resumed.curve().get(k).percent());
            assertArrayEquals(first.curve().get(k).percentSd(), resumed.curve().get(k).percentSd());
        }

        // records are read, not recomputed: a changed record changes the curve
        int blocks = first.curve().get(0).percent().length; // symmetric α: λ = 0 and 2
        double[] fifty = new double[blocks], ones = new double[blocks];
        java.util.Arrays.fill(fifty, 50);
        java.util.Arrays.fill(ones, 1);
        ModelDirectory.writeJson(dir.resolve("split1_N10.json"), Map.of("rmse", ones, "std", ones, "percent", fifty, "seconds", 1.0));
        TensorTraining.Result tampered = TensorTraining.run(s, data, new PrintWriter(new StringWriter(), true), open(s, true, new StringWriter()));
        assertTrue(tampered.curve().get(0).percent()[0] != first.curve().get(0).percent()[0]);
        // and a changed member changes the committee's prediction
        com.fasterxml.jackson.databind.JsonNode m0 = ModelDirectory.JSON.readTree(dir.resolve("committee0_member0.json").toFile());
        double[] w = new double[m0.get("weights").size()];
        for (int i = 0; i < w.length; i++) w[i] = 3 * m0.get("weights").get(i).asDouble();
        ModelDirectory.writeJson(dir.resolve("committee0_member0.json"), Map.of("weights", w));
        TensorTraining.Result changed = TensorTraining.run(s, data, new PrintWriter(new StringWriter(), true), open(s, true, new StringWriter()));
        assertTrue(!java.util.Arrays.equals(first.test().predicted(), changed.test().predicted()), "member 0 was refitted, not read");
    }
}
