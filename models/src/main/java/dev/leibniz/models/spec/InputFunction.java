package dev.leibniz.models.spec;

import dev.leibniz.core.expr.Syntax;
import java.util.List;

/**
 * A piecewise input function of time in a model file,
 * <pre>  input rate(t) = 0, 25 from 1, 0 from 3      # 25 on [1, 3), 0 before and after</pre>
 * {@code pieces[0]} holds before {@code from[0]}, {@code pieces[k]} on [from[k−1], from[k]), the
 * last from the last switch time on (right-continuous: at a switch time the new piece holds). Each
 * piece is an expression of t, consts and params. The solver restarts at the switch times, so no
 * step straddles a jump of the input.
 *
 * @param name     the function's name, used in expressions as a plain name
 * @param pieces   one expression per piece
 * @param from     the switch times, increasing (one fewer than pieces)
 * @param position where the name was written
 */
public record InputFunction(String name, List<Syntax> pieces, double[] from, Position position) {
    public InputFunction {
        pieces = List.copyOf(pieces);
        from = from.clone();
    }

    /** The index of the piece that holds at t (right-continuous). */
    public int pieceAt(double t) {
        int k = 0;
        while (k < from.length && from[k] <= t) {
            k++;
        }
        return k;
    }

    /** The whole function as one expression of t: nested selects on t &lt; from[k]. */
    Syntax asSelect() {
        Syntax e = pieces.get(pieces.size() - 1);
        int col = position.column();
        for (int k = from.length - 1; k >= 0; k--) {
            Syntax test = new Syntax.Compare("<", new Syntax.Name("t", col), new Syntax.Num(from[k], col), col);
            e = new Syntax.Call("select", List.of(test, pieces.get(k), e), col);
        }
        return e;
    }
}
