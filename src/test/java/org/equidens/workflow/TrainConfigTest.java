package org.equidens.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.equidens.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The train config: defaults, and every user mistake as one line naming the key, before any work. */
class TrainConfigTest {
    @TempDir
    Path tmp;

    private static final String MINIMAL = """
            task: tensor
            structures: %s
            target: alpha
            split:
              train: 20
            output: out
            """;

    private Path write(String text) throws IOException {
        Path p = tmp.resolve("run.yaml");
        Files.writeString(p, text);
        return p;
    }

    private String minimal() {
        return MINIMAL.formatted(Path.of("data/water-tensors/monomers_1000.xyz").toAbsolutePath());
    }

    @Test
    void defaults() throws IOException {
        TensorSettings s = TensorSettings.load(write(minimal()));
        assertEquals("alpha", s.target());
        assertArrayEquals(new int[] {20}, s.train());
        assertEquals(2.0, s.zeta());
        assertEquals(1000, s.m0());
        assertEquals("fps", s.selection());
        assertEquals(1e-8, s.eta());
        assertNull(s.etaGrid());
        assertEquals(0, s.members());
        assertEquals(4.0, s.hypers().expansion().cutoff());
        assertEquals(8, s.hypers().expansion().radialFunctions());
        assertEquals(6, s.hypers().expansion().maxAngular());
        assertEquals(tmp.resolve("out").toAbsolutePath().normalize(), s.output());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "colour: red|unknown key 'colour'",
        "kernel: {zeta: two}|key 'kernel.zeta'",
        "kernel: {zeta: 0.5}|key 'kernel.zeta': must be a finite number >= 1",
        "kernel: {gamma: 1}|unknown key 'kernel.gamma'",
        "descriptor: {cutoff: -1}|key 'descriptor.cutoff': must be > 0",
        "descriptor: {lambda_max: 3}|key 'descriptor.lambda_max': set by the target",
        "descriptor: {n_max: 50}|key 'descriptor.n_max'",
        "sparse: {selection: kmeans}|key 'sparse.selection': unknown value 'kmeans'",
        "sparse: {m0: 0}|key 'sparse.m0': must be >= 1",
        "regression: {eta: -1}|key 'regression.eta': must be > 0",
        "regression: {eta: 1.0e-8, cross_validation: {folds: 3}}|key 'regression': give either eta or cross_validation",
        "regression: {cross_validation: {folds: 1}}|key 'regression.cross_validation.folds': must be >= 2",
        "regression: {cross_validation: {etas: [1.0e-8, 0]}}|key 'regression.cross_validation.etas[1]': must be > 0",
        "committee: {members: 2}|key 'committee.members': must be 0 (off) or 4..1000",
        "committee: {members: 8, subsample: 1.5}|key 'committee.subsample': must be in (0, 1]",
        "threads: -1|key 'threads': must be >= 0",
        "tensor_rank: 4|key 'tensor_rank': must be 1, 2 or 3",
    })
    void badValuesNameTheKey(String extra, String expected) throws IOException {
        InputException e = assertThrows(InputException.class, () -> TensorSettings.load(write(minimal() + extra + "\n")));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(tmp.resolve("run.yaml").toString()), e.getMessage());
    }

    @Test
    void missingAndWrongTopLevelKeys() throws IOException {
        String m = minimal();
        assertMessage(m.replace("task: tensor", "task: magnetism"), "key 'task': unknown task 'magnetism'");
        assertMessage(m.replace("task: tensor\n", ""), "key 'task': missing");
        assertMessage(m.replace("target: alpha\n", ""), "key 'target': missing");
        assertMessage(m.replace("train: 20", "train: [20, 0]"), "key 'split.train[1]': must be >= 2");
        assertMessage(m.replace("train: 20", "train: [a]"), "key 'split.train[0]'");
        assertMessage(m.replace("train: 20", "train: 20\n  test: 1"), "key 'split.test': must be >= 2 (or 0 = all remaining)");
        assertMessage(m.replace("monomers_1000", "nothing_here"), "key 'structures': file not found");
        assertMessage(m.replace("output: out\n", ""), "key 'output': missing");
    }

    /** Data-dependent problems are found right after reading the structures, before any feature. */
    @Test
    void dataProblems() throws IOException {
        String m = minimal();
        assertDataMessage(m.replace("target: alpha", "target: gamma"), "has no numeric info key 'gamma'");
        assertDataMessage(m.replace("target: alpha", "target: alpha\ntensor_rank: 1"), "key 'tensor_rank': 1 but 'alpha' has 9 values");
        assertDataMessage(m.replace("train: 20", "train: 1000"), "key 'split.train': 1000 training + 2 test structures need more");
        assertDataMessage(m.replace("train: 20", "train: 999"), "key 'split.train': 999 training + 2 test structures need more");
        TensorTraining.Data d = TensorTraining.read(TensorSettings.load(write(m)));
        assertTrue(d.decomposition().symmetric(), "monomer α is symmetric: inferred");
        assertEquals(2, d.decomposition().rank());
        TensorTraining.Data beta = TensorTraining.read(TensorSettings.load(write(m.replace("target: alpha", "target: beta"))));
        assertEquals(3, beta.decomposition().rank());
    }

    private void assertMessage(String yaml, String expected) throws IOException {
        Path p = write(yaml);
        InputException e = assertThrows(InputException.class, () -> TensorSettings.load(p));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private void assertDataMessage(String yaml, String expected) throws IOException {
        Path p = write(yaml);
        InputException e = assertThrows(InputException.class, () -> TensorTraining.read(TensorSettings.load(p)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
