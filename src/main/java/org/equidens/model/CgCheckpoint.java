package org.equidens.model;

/**
 * Where a PCG solve of the coefficient models saves and finds its iteration state, so a killed
 * training can resume at the last saved iteration and still end with the same weights: the state
 * (x, r, p, r·z, iteration) determines every later iteration exactly, as the operator and the
 * preconditioner are rebuilt bit-identically from the same data.
 */
public interface CgCheckpoint {
    /** The loop state after {@code iteration} completed iterations (arrays of the weight dimension). */
    record State(int iteration, double rz, double[] x, double[] r, double[] p) {}

    /** The state saved for weight set {@code set} of a problem of {@code dimension} weights, or null. */
    State restore(int set, int dimension);

    /** Whether to save after this iteration (e.g. every few seconds). */
    boolean due(int iteration);

    /** Saves the state atomically (the arrays are live: copy or write them before returning). */
    void save(int set, State state);
}
