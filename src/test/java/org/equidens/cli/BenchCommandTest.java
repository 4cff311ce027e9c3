package org.equidens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchCommandTest {
    @Test
    void blasBenchPrintsGflopsAndPassesItsOwnChecks() {
        CliRunner r = CliRunner.run("bench", "blas", "--n", "300", "--repeats", "1", "--threads", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("OpenBLAS kernel:"), r.out());
        assertTrue(r.out().matches("(?s).*DGEMM\\s+n=300.*GFLOP/s.*Cholesky solve\\s+n=300.*GFLOP/s.*"), r.out());
        // the benchmark verifies its own result; a wrong product would show a large check value
        for (String line : r.out().split("\n")) {
            if (line.contains("check ")) {
                double check = Double.parseDouble(line.replaceAll(".*\\(check ([^)]*)\\).*", "$1"));
                assertTrue(check < 1e-10, line);
            }
        }
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitTwo() {
        CliRunner r = CliRunner.run("bench", "blas", "--no-such-option");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("Unknown option"), r.err());
    }
}
