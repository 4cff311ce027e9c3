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
 *   <li>{@link org.equidens.model.DensityModel}, {@link org.equidens.model.ResponseModel},
 *       {@link org.equidens.model.SalterModel}: SALTED-style models of auxiliary-basis coefficients
 *       (per species, λ, radial n) trained in the overlap metric by Cholesky or preconditioned CG
 *       ({@link org.equidens.model.CoefficientTraining}); the response uses the λ⊗1 kernel.</li>
 *   <li>{@link org.equidens.model.CoefficientMetrics} (SALTED's ε_k, v_k, % RMSE, α),
 *       {@link org.equidens.model.CoefficientModelFiles} (model directory),
 *       {@link org.equidens.model.ResponseBenchmark} (the vector-field paper's Fig. 1 protocol).</li>
 * </ul>
 */
package org.equidens.model;
