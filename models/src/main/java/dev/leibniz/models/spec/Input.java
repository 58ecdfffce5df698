package dev.leibniz.models.spec;

/**
 * A predictor of an algebraic model file: {@code input NAME}, a data column whose value in each
 * row the outputs are functions of.
 *
 * @param name     the column's name
 * @param position where the name was written (errors about the column point here)
 */
public record Input(String name, Position position) {
}
