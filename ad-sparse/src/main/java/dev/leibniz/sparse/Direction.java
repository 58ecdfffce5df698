package dev.leibniz.sparse;

/**
 * Which side of a Jacobian is compressed.
 *
 * <ul>
 *   <li>{@link #COLUMNS}: columns (inputs) that share no row get one color; one forward-mode
 *       JVP lane per color computes J·S, whose entries are the Jacobian's.</li>
 *   <li>{@link #ROWS}: rows (outputs) that share no column get one color; one reverse-mode VJP
 *       per color computes Sᵀ·J.</li>
 * </ul>
 * A Jacobian with a dense row (one output depending on every input) needs as many column
 * colors as there are inputs, but maybe only two row colors; a dense column (every output
 * depending on one common input) is the other way round. {@link SparseJacobian#prepare} picks the side needing
 * fewer sweeps.
 */
public enum Direction {
    /** Column compression, evaluated by forward-mode JVP lanes. */
    COLUMNS,
    /** Row compression, evaluated by reverse-mode VJPs. */
    ROWS
}
