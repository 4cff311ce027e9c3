package org.equidens.workflow;

import java.util.List;
import org.equidens.descriptor.LambdaSoap;
import org.equidens.descriptor.MultiscaleSoap;
import org.equidens.model.FeatureSet;
import org.equidens.model.StructureFeatures;
import org.equidens.model.TensorCommittee;
import org.equidens.model.TensorModel;
import org.equidens.properties.CartesianTensors;
import org.equidens.properties.CartesianTensors.Decomposition;
import org.equidens.structure.Atoms;

/**
 * A trained SA-GPR tensor model together with everything needed to use it on new structures: the
 * λ-SOAP hypers (neighbour and centre species fixed at training), the target's info key and
 * decomposition, and optionally a calibrated committee. With a committee, predictions are the
 * committee mean and come with a standard deviation; without one, the single model's prediction.
 */
public final class SagprModel {
    /** Cartesian (structures × 3^rank) and spherical predictions; the std arrays are null without a committee. */
    public record Prediction(double[] cartesian, double[] cartesianStd, double[] spherical, double[] sphericalStd) {}

    private final String target;
    private final LambdaSoap.Hypers hypers;
    private final MultiscaleSoap.Potential potential;
    private final TensorModel model;
    private final TensorCommittee committee;

    public SagprModel(String target, LambdaSoap.Hypers hypers, TensorModel model, TensorCommittee committee) {
        this(target, hypers, null, model, committee);
    }

    /** As above with the long-range part of multi-scale features ({@code potential} null: ρ⊗ρ alone). */
    public SagprModel(String target, LambdaSoap.Hypers hypers, MultiscaleSoap.Potential potential, TensorModel model, TensorCommittee committee) {
        if (hypers.expansion().species() == null) throw new IllegalArgumentException("the model's neighbour species must be fixed");
        if (committee != null && committee.model() != model) throw new IllegalArgumentException("the committee belongs to another model");
        this.target = target;
        this.hypers = hypers;
        this.potential = potential;
        this.model = model;
        this.committee = committee;
    }

    /** Decomposition of a Cartesian tensor of this rank and symmetry. */
    public static Decomposition decomposition(int rank, boolean symmetric) {
        if (rank == 2 && !symmetric) return CartesianTensors.rank2();
        return CartesianTensors.symmetric(rank);
    }

    public String target() {
        return target;
    }

    public LambdaSoap.Hypers hypers() {
        return hypers;
    }

    /** The long-range part of the features, or null (ρ⊗ρ alone). */
    public MultiscaleSoap.Potential potential() {
        return potential;
    }

    public TensorModel model() {
        return model;
    }

    /** The committee, or null. */
    public TensorCommittee committee() {
        return committee;
    }

    public Decomposition decomposition() {
        return model.decomposition();
    }

    /** λ-SOAP (or multi-scale) features of the structures, blocks as the target needs them. */
    public FeatureSet features(List<Atoms> structures) {
        return StructureFeatures.compute(structures, hypers, potential, model.decomposition());
    }

    public Prediction predict(List<Atoms> structures) {
        return predict(features(structures));
    }

    public Prediction predict(FeatureSet features) {
        if (committee == null) {
            double[] sph = model.predictSpherical(features);
            return new Prediction(model.decomposition().toCartesian(sph, features.structures()), null, sph, null);
        }
        TensorCommittee.Prediction p = committee.predict(features);
        return new Prediction(p.cartesian(), p.cartesianStd(), p.spherical(), p.sphericalStd());
    }
}
