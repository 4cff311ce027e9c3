/**
 * Sparse Gaussian-process regression in the low-dimensional RKHS, and SA-GPR tensor models.
 *
 * <ul>
 *   <li>{@link org.equidens.model.RkhsProjector}: V = U_D Λ_D^{−1/2} from K_MM.</li>
 *   <li>{@link org.equidens.model.NormalEquations}: ΨᵀSΨ, ΨᵀSy accumulated block by block (S = I or a
 *       per-structure metric).</li>
 *   <li>{@link org.equidens.model.SparseGpr}: (ΨᵀSΨ + ηI) w = ΨᵀSy by native Cholesky.</li>
 *   <li>{@link org.equidens.model.CrossValidation}: k-fold choice of η on a log grid.</li>
 *   <li>{@link org.equidens.model.Committee}: calibrated subsampling committee (uncertainties).</li>
 *   <li>{@link org.equidens.model.RkhsFeatureMap}, {@link org.equidens.model.TensorModel}: per-species
 *       sparse sets, per-λ models of Cartesian tensors, structure sums.</li>
 * </ul>
 */
package org.equidens.model;
