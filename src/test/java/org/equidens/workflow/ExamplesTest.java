package org.equidens.workflow;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped example config is valid and fits the bundled data it names (the checks `train` runs before any feature). */
class ExamplesTest {
    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void loadsAndMatchesItsData(Path config) {
        TrainConfig tc = TrainConfig.read(config);
        if ("tensor".equals(tc.taskName())) {
            TensorSettings s = TensorSettings.of(tc, config);
            TensorTraining.Data d = TensorTraining.read(s);
            assertFalse(d.structures().isEmpty(), config.toString());
        } else {
            CoefficientSettings s = CoefficientSettings.of(tc, config);
            assertTrue(CoefficientRun.read(s).size() > 0, config.toString());
        }
    }
}
