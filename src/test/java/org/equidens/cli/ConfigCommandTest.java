package org.equidens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.equidens.workflow.CoefficientSettings;
import org.equidens.workflow.TensorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each template is a valid config as printed: it passes the same checks as `train` before any work. */
class ConfigCommandTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tensor", "density", "density-response", "response"})
    void templatesAreValidConfigs(String name) throws IOException {
        CliRunner r = CliRunner.run("config", "--example", name);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("#")), "templates are commented");
        // the template's relative paths point at data/ beside the config, as in a checkout
        Files.createSymbolicLink(tmp.resolve("data"), Path.of("data").toAbsolutePath());
        Path cfg = tmp.resolve(name + ".yaml");
        Files.writeString(cfg, r.out());
        if (name.equals("tensor")) {
            TensorSettings.load(cfg);
        } else {
            CoefficientSettings s = CoefficientSettings.load(cfg);
            assertEquals(name.equals("density") ? "density" : "response", s.task());
        }
    }

    @Test
    void listsTemplatesAndRefusesUnknownOnes() {
        CliRunner list = CliRunner.run("config");
        assertEquals(0, list.exitCode());
        assertTrue(list.out().contains("density-response"), list.out());
        CliRunner bad = CliRunner.run("config", "--example", "magnetism");
        assertEquals(2, bad.exitCode());
        assertEquals(1, bad.errLines(), bad.err());
        assertTrue(bad.err().contains("unknown template 'magnetism'"), bad.err());
    }
}
