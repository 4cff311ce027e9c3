package org.equidens.util;

import java.util.Objects;

/**
 * Progress reporting of long steps (features, design rows, PCG iterations, prediction, grids,
 * learning-curve and committee loops), kept free of any terminal library so the library runs
 * silently by default: {@link #NONE} unless a caller (the CLI) installs another with {@link #use}.
 * Steps may be reported from several threads at once.
 */
public interface Progress {

    /** Starts a task of {@code total} steps ({@code total ≤ 0}: unknown length). */
    Task start(String name, long total);

    /** One running task; close it when the step ends (also on failure). */
    interface Task extends AutoCloseable {
        /** Advances by n steps (thread-safe). */
        void step(long n);

        default void step() {
            step(1);
        }

        /** Sets a short status text shown next to the bar (e.g. a residual). */
        default void status(String text) {}

        @Override
        void close();
    }

    /** Does nothing: the default, and what tests and library users get unless they ask. */
    Progress NONE = (name, total) -> new Task() {
        @Override
        public void step(long n) {}

        @Override
        public void close() {}
    };

    /** The reporter in use (process-wide, like {@link Threads}). */
    static Progress current() {
        return Holder.current;
    }

    /** Installs a reporter for everything that follows; returns the previous one. */
    static Progress use(Progress p) {
        Progress old = Holder.current;
        Holder.current = Objects.requireNonNull(p);
        return old;
    }

    /** {@code current().start(name, total)}. */
    static Task task(String name, long total) {
        return Holder.current.start(name, total);
    }

    final class Holder {
        private static volatile Progress current = NONE;

        private Holder() {}
    }
}
