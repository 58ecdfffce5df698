package dev.leibniz.models.spec;

import dev.leibniz.core.expr.Syntax;

/**
 * A named expression of a model file: a const's value, a state's initial value, a state's
 * derivative or an output.
 *
 * @param name     the defined name (for a derivative, the state's name)
 * @param expr     the right-hand side, a syntax tree of the one expression grammar (columns are the line's)
 * @param position where the name was written
 */
public record Definition(String name, Syntax expr, Position position) {
}
