package dev.leibniz.models.spec;

/** A place in a model file: 1-based line and column. */
public record Position(int line, int column) {
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
