/**
 * End-to-end runs behind the CLI's {@code train} and {@code predict}: one YAML config
 * ({@link org.equidens.workflow.TrainConfig}, validated into {@link org.equidens.workflow.TensorSettings}
 * before any work), the learning curve over seeded random splits
 * ({@link org.equidens.workflow.TensorTraining}), the usable model
 * ({@link org.equidens.workflow.SagprModel}: descriptor hypers + SA-GPR model + optional committee)
 * and its self-describing, atomically written directory ({@link org.equidens.workflow.ModelDirectory}).
 * Tasks density, response and salter: {@link org.equidens.workflow.CoefficientSettings} and
 * {@link org.equidens.workflow.CoefficientRun} (models in {@code org.equidens.model}).
 * The CLI stays a thin layer: everything here is callable from Java.
 */
package org.equidens.workflow;
