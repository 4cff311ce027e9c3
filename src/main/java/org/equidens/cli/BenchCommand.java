package org.equidens.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.equidens.bench.BlasBenchmark;
import org.equidens.linalg.Blas;
import org.equidens.linalg.BlasInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Benchmarks that print figures; speed targets are checked here, never in timed unit tests. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark and print its figures.",
        subcommands = {BenchCommand.BlasBench.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "blas", mixinStandardHelpOptions = true,
            description = "DGEMM and Cholesky solve through native OpenBLAS; prints GFLOP/s and the CPU kernel in use.")
    static final class BlasBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--n", description = "Matrix size (default: ${DEFAULT-VALUE}).", defaultValue = "4000")
        int n;

        @Option(names = "--threads", description = "BLAS threads (default: all cores, ${DEFAULT-VALUE}).",
                defaultValue = "0")
        int threads;

        @Option(names = "--repeats", description = "Timed repeats; the best is kept (default: ${DEFAULT-VALUE}).",
                defaultValue = "3")
        int repeats;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
            Blas.setThreads(t);
            String core = System.getenv("OPENBLAS_CORETYPE");
            out.printf("OpenBLAS kernel: %s (OPENBLAS_CORETYPE=%s), threads: %d, cores: %d%n",
                    BlasInfo.coreType(), core == null ? "unset" : core, t, Runtime.getRuntime().availableProcessors());
            for (BlasBenchmark.Result r : new BlasBenchmark.Result[] {
                    BlasBenchmark.dgemm(n, repeats, 1), BlasBenchmark.choleskySolve(n, repeats, 2)}) {
                out.printf("%-15s n=%d  %8.3f s  %7.1f GFLOP/s  %7.1f GFLOP per CPU-second  (check %.1e)%n",
                        r.name(), r.n(), r.seconds(), r.gflops(), r.gflopsPerCpuSecond(), r.check());
            }
            return 0;
        }
    }
}
