package org.equidens.descriptor;

import java.io.Serializable;

/**
 * The key of a {@link Block} in a {@link BlockMap} (featomic's keys "o3_lambda", "o3_sigma",
 * "center_type"): angular order λ ≥ 0, parity σ = ±1 (+1 proper tensor, changes by (−1)^λ under
 * inversion; −1 pseudo-tensor, changes by (−1)^{λ+1}) and the centre atom's species as an atomic
 * number. Ordered by λ, then σ = +1 before −1, then species.
 */
public record Key(int lambda, int sigma, int centerSpecies) implements Comparable<Key>, Serializable {
    public Key {
        if (lambda < 0) throw new IllegalArgumentException("lambda must be >= 0: " + lambda);
        if (sigma != 1 && sigma != -1) throw new IllegalArgumentException("sigma must be +1 or -1: " + sigma);
    }

    @Override
    public int compareTo(Key o) {
        if (lambda != o.lambda) return Integer.compare(lambda, o.lambda);
        if (sigma != o.sigma) return Integer.compare(o.sigma, sigma);
        return Integer.compare(centerSpecies, o.centerSpecies);
    }
}
