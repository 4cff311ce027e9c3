package org.equidens.model;

import org.equidens.io.InputException;

import java.util.HashMap;
import java.util.Map;
import org.equidens.descriptor.Block;
import org.equidens.descriptor.Expansion;
import org.equidens.descriptor.LambdaSoap;
import org.equidens.kernel.EquivariantFeatures;
import org.equidens.kernel.VectorFieldKernel;
import org.equidens.kernel.VectorFieldKernel.Features;
import org.equidens.structure.Atoms;

/**
 * The per-atom kernel features of a coefficient model, for every λ of the auxiliary basis:
 * <ul>
 *   <li>{@link Kind#DENSITY}: Φ^λ = proper λ-SOAP P^λ divided by its Frobenius norm (SALTED's density
 *       normalisation: trace of the self-kernel 1), 2λ+1 rows;</li>
 *   <li>{@link Kind#RESPONSE}: the λ⊗1 vector-field features of {@link VectorFieldKernel} (proper
 *       λ±1 and pseudo λ), normalised so the diagonal block has unit Frobenius norm, 3(2λ+1) rows
 *       ordered (μ, field direction x/y/z).</li>
 * </ul>
 * plus the normalised proper λ=0 block for the ζ factor. The spherical expansion is computed once per
 * structure and shared by all blocks. The λ-SOAP neighbour species must be fixed in the hypers so
 * features of different structures line up.
 */
public final class CoefficientFeatures {
    /** Which kernel the model uses. */
    public enum Kind {
        DENSITY(1), RESPONSE(3);

        private final int directions;

        Kind(int directions) {
            this.directions = directions;
        }

        /** Rows per μ: 1 for the density kernel, 3 field directions for the λ⊗1 kernel. */
        public int directions() {
            return directions;
        }
    }

    /** Features of one structure: scalar (normalised λ=0, atoms × F0) and Φ^λ for λ = 0..lambdaMax. */
    public record Structure(EquivariantFeatures scalar, Features[] blocks) {
        public int atoms() {
            return scalar.samples();
        }
    }

    private final LambdaSoap soap;
    private final Kind kind;
    private final int lambdaMax;

    public CoefficientFeatures(LambdaSoap.Hypers hypers, Kind kind, int lambdaMax) {
        if (hypers.expansion().species() == null) throw new IllegalArgumentException("fix the neighbour species of the descriptor");
        int need = kind == Kind.RESPONSE ? lambdaMax + 1 : lambdaMax;
        if (!LambdaSoap.hasBlock(hypers.expansion().maxAngular(), need, 1))
            throw new IllegalArgumentException("l_max " + hypers.expansion().maxAngular() + " of the descriptor cannot make λ=" + need + " features");
        this.soap = new LambdaSoap(hypers);
        this.kind = kind;
        this.lambdaMax = lambdaMax;
    }

    public Kind kind() {
        return kind;
    }

    public int lambdaMax() {
        return lambdaMax;
    }

    public LambdaSoap.Hypers hypers() {
        return soap.hypers();
    }

    /** As {@link #scalar(Atoms)}; an input error names "structure index". */
    public EquivariantFeatures scalar(Atoms atoms, int index) {
        try {
            return scalar(atoms);
        } catch (InputException e) {
            throw new InputException("structure " + index + ": " + e.getMessage(), e);
        }
    }

    /** Only the normalised λ=0 features (for the sparse selection). */
    public EquivariantFeatures scalar(Atoms atoms) {
        Expansion e = soap.expansion().compute(atoms);
        return toFeatures(soap.block(e, 0, 1), 0).normalised();
    }

    /** As {@link #compute(Atoms)}; an input error names "structure index". */
    public Structure compute(Atoms atoms, int index) {
        try {
            return compute(atoms);
        } catch (InputException e) {
            throw new InputException("structure " + index + ": " + e.getMessage(), e);
        }
    }

    /** All features of one structure. */
    public Structure compute(Atoms atoms) {
        return compute(expansion(atoms));
    }

    /** The spherical expansion of every atom (cheap: the features are computed from it, possibly a chunk of centres at a time). */
    public Expansion expansion(Atoms atoms) {
        return soap.expansion().compute(atoms);
    }

    /** All features of the centres of an expansion (a whole structure, or a chunk of its centres). */
    public Structure compute(Expansion e) {
        Map<Long, EquivariantFeatures> cache = new HashMap<>();
        EquivariantFeatures scalar = block(e, 0, 1, cache).normalised();
        Features[] out = new Features[lambdaMax + 1];
        for (int lambda = 0; lambda <= lambdaMax; lambda++) {
            if (kind == Kind.DENSITY) {
                out[lambda] = Features.of(block(e, lambda, 1, cache).normalised());
            } else {
                EquivariantFeatures lower = lambda == 0 ? null : block(e, lambda - 1, 1, cache);
                EquivariantFeatures pseudo = lambda == 0 ? null : block(e, lambda, -1, cache);
                EquivariantFeatures upper = block(e, lambda + 1, 1, cache);
                out[lambda] = VectorFieldKernel.normaliseInPlace(VectorFieldKernel.features(lambda, lower, pseudo, upper)); // fresh array
            }
        }
        return new Structure(scalar, out);
    }

    private EquivariantFeatures block(Expansion e, int lambda, int sigma, Map<Long, EquivariantFeatures> cache) {
        return cache.computeIfAbsent(lambda * 4L + sigma + 1, k -> toFeatures(soap.block(e, lambda, sigma), lambda));
    }

    private static EquivariantFeatures toFeatures(Block b, int lambda) {
        return new EquivariantFeatures(lambda, b.sampleCount(), b.propertyCount(), b.values());
    }
}
