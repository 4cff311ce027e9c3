package org.equidens.util;

import java.util.concurrent.ForkJoinPool;
import org.equidens.linalg.Blas;

/**
 * One place that decides how many cores equidens uses: Java's fork-join pool (parallel streams over
 * atoms and structures) and OpenBLAS. Oversubscribing either on a shared node costs far more than
 * it gains, so both follow the same number.
 */
public final class Threads {
    private static volatile ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());

    private Threads() {}

    /** Use n threads (n ≤ 0: all available cores). */
    public static synchronized void configure(int n) {
        int threads = n > 0 ? n : Runtime.getRuntime().availableProcessors();
        // A dedicated pool, never the common one: the common pool's parallelism is cores − 1 and a
        // thread joining it helps run its tasks, so "1 thread" would really use two.
        if (threads != pool.getParallelism()) {
            ForkJoinPool old = pool;
            pool = new ForkJoinPool(threads);
            old.shutdown();
        }
        Blas.setThreads(threads);
    }

    /**
     * n threads (n ≤ 0: all cores) for work that runs in parallel over structures and (species, λ)
     * blocks, with OpenBLAS on one thread throughout: nested BLAS threads oversubscribe the cores, and
     * even the one large Cholesky left outside the parallel loops ran 4× slower on two BLAS threads
     * while another process was busy (OpenBLAS's spinning workers). The policy of every coefficient
     * command (train, validate, predict, demo, bench response).
     */
    public static synchronized void configureForStructures(int n) {
        configure(n);
        Blas.setThreads(1);
    }

    /**
     * Runs body(i) for i in [from, to) on the pool. While Java threads run in parallel, OpenBLAS is
     * held to one thread each ({@link Blas#singleThreaded}): n Java threads × n BLAS threads on n
     * cores makes OpenBLAS's spin-waiting threads collapse.
     */
    public static void parallelFor(int from, int to, java.util.function.IntConsumer body) {
        if (to - from <= 1 || pool.getParallelism() == 1) {
            for (int i = from; i < to; i++) body.accept(i);
            return;
        }
        Blas.singleThreaded(() -> pool.submit(() -> java.util.stream.IntStream.range(from, to).parallel().forEach(body)).join());
    }

    /** The pool that parallel work runs in: {@code Threads.pool().submit(() -> stream.parallel()...).join()}. */
    public static ForkJoinPool pool() {
        return pool;
    }

    public static int count() {
        return pool.getParallelism();
    }
}
