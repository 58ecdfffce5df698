package dev.leibniz.forward;

import dev.leibniz.core.LeibnizException;

/**
 * Two things that must carry the same number of tangent lanes do not: two {@link DualVector}s
 * combined in one operation, a {@link TangentLanes} workspace used with a {@link ForwardProgram}
 * prepared for another lane count or graph, or a number of directions that is not the program's
 * lane count. The message names both counts and where they met.
 */
public class LaneCountException extends LeibnizException {
    public LaneCountException(String message) {
        super(message);
    }
}
