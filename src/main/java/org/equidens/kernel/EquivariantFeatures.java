package org.equidens.kernel;

import org.equidens.io.InputException;

/**
 * One λ block of equivariant features, as the λ-SOAP code hands them over: shape
 * (samples, 2λ+1, features), row-major, so sample i, component μ, feature q sits at
 * {@code (i*(2λ+1) + μ+λ)*features + q}. Read as a matrix it is (samples·(2λ+1)) × features, which is
 * exactly the operand the kernels give to BLAS.
 *
 * <p>The array is not copied (blocks are large); callers must not modify it afterwards.
 */
public record EquivariantFeatures(int lambda, int samples, int features, double[] data) {
    public EquivariantFeatures {
        if (lambda < 0) throw new IllegalArgumentException("lambda must be >= 0: " + lambda);
        if (samples < 0 || features < 1) throw new IllegalArgumentException("bad shape: samples " + samples + ", features " + features);
        long expected = (long) samples * (2L * lambda + 1) * features;
        if (data == null || data.length != expected)
            throw new InputException("feature block λ=" + lambda + " should hold " + expected + " values, has "
                    + (data == null ? "none" : data.length));
        for (double v : data) {
            if (!Double.isFinite(v)) throw new InputException("feature block λ=" + lambda + " contains a non-finite value");
        }
    }

    /** 2λ+1. */
    public int components() {
        return 2 * lambda + 1;
    }

    /** Values per sample: (2λ+1)·features. */
    public int sampleLength() {
        return components() * features;
    }

    /** Rows of the (samples·(2λ+1)) × features matrix view. */
    public int rows() {
        return samples * components();
    }

    /** Frobenius norm of sample i's (2λ+1)×F block. */
    public double norm(int sample) {
        int len = sampleLength(), off = sample * len;
        double s = 0;
        for (int k = 0; k < len; k++) s += data[off + k] * data[off + k];
        return Math.sqrt(s);
    }

    /** The samples at the given indices, in that order (a copy). */
    public EquivariantFeatures select(int[] indices) {
        int len = sampleLength();
        double[] out = new double[indices.length * len];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= samples) throw new IndexOutOfBoundsException("sample " + i + " of " + samples);
            System.arraycopy(data, i * len, out, k * len, len);
        }
        return new EquivariantFeatures(lambda, indices.length, features, out);
    }

    /**
     * Each sample's block divided by its Frobenius norm √(Σ_{μ,q} P²_{μq}), so the self-kernel has unit
     * trace (SALTED's convention). This norm is rotation invariant (D^λ is orthogonal), so
     * normalising keeps the features equivariant; for λ=0 it is the usual unit-length SOAP vector and
     * k0(i,i) = 1. A zero block (e.g. λ&gt;0 of an isolated atom) stays zero rather than becoming NaN:
     * it then contributes nothing to any kernel, which is the right limit.
     */
    public EquivariantFeatures normalised() {
        int len = sampleLength();
        double[] out = new double[data.length];
        for (int i = 0; i < samples; i++) {
            double n = norm(i);
            if (n == 0.0) continue;
            double inv = 1.0 / n;
            int off = i * len;
            for (int k = 0; k < len; k++) out[off + k] = data[off + k] * inv;
        }
        return new EquivariantFeatures(lambda, samples, features, out);
    }
}
