package io.synthforge.eval.report;

/**
 * One point of a training curve for the report, e.g. round 12 of {@code generator} loss.
 *
 * @param round the training round (x axis)
 * @param name the loss's name; one line per name
 * @param value the loss value
 */
public record LossPoint(int round, String name, double value) {}
