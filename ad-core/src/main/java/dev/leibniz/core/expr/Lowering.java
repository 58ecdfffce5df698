package dev.leibniz.core.expr;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import dev.leibniz.core.prim.Primitive;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Turns a {@link Syntax} tree into graph nodes appended to a builder, left to right: operators
 * become {@code add}, {@code sub}, {@code mul}, {@code div}, {@code neg} and the comparisons; calls
 * go through the {@link FunctionTable}; names are resolved by a {@link Names} — a variable, else a
 * constant ({@code pi}, {@code e}, {@code inf}), else the caller decides (declare an input, or fail).
 *
 * <p><b>Literals</b> (numbers, and constants not shadowed by a variable) become constant nodes only
 * where needed: {@code x^2} and {@code pow(x, -1)} see an integer exponent and give the exact
 * {@code powi}, {@code -pi} is one constant. The constants of a call's literal arguments are
 * appended after its other arguments, as the parser always did, so a graph listing is unchanged.
 *
 * <p>A left-associative chain {@code a + b + … + z} is a tree as deep as it is long; it is walked
 * along its left spine without recursion, so only nesting (bounded by the parser) costs stack.
 */
final class Lowering {
    /** How names are resolved. */
    interface Names {
        /** The variable of this name, or null when there is none. */
        Var variable(String name);

        /** A name that is no variable, constant or function: return a variable for it, or throw. */
        Var unknown(Syntax.Name name);
    }

    private final GraphBuilder b;
    private final Names names;

    private Lowering(GraphBuilder b, Names names) {
        this.b = b;
        this.names = names;
    }

    static Var lower(Syntax tree, GraphBuilder b, Names names) {
        return new Lowering(b, names).lower(tree);
    }

    Var lower(Syntax e) {
        if (e instanceof Syntax.Binary) {
            return chain((Syntax.Binary) e);
        }
        Double literal = literal(e);
        if (literal != null) {
            return b.constant(literal);
        }
        if (e instanceof Syntax.Name n) {
            return name(n);
        }
        if (e instanceof Syntax.Neg n) {
            return lower(n.operand()).neg();
        }
        if (e instanceof Syntax.Compare c) {
            Var left = lower(c.left());
            Var right = lower(c.right());
            return switch (c.op()) {
                case "<" -> left.lt(right);
                case "<=" -> left.le(right);
                case ">" -> left.gt(right);
                case ">=" -> left.ge(right);
                default -> left.eq(right);
            };
        }
        Syntax.Call call = (Syntax.Call) e;
        if (!FunctionTable.isFunction(call.function()) && names.variable(call.function()) != null) {
            throw ExpressionSyntaxException.at(call.column(), "an operator", "'" + call.function()
                    + "' is a variable, not a function; write " + call.function()
                    + "*(...) to multiply (there is no implicit multiplication)");
        }
        return FunctionTable.lower(call, this);
    }

    /** A chain of binary operators, down its left spine without recursion. */
    private Var chain(Syntax.Binary top) {
        ArrayDeque<Syntax.Binary> spine = new ArrayDeque<>();
        Syntax s = top;
        while (s instanceof Syntax.Binary bin) {
            spine.push(bin);
            s = bin.left();
        }
        Var acc = lower(s);
        while (!spine.isEmpty()) {
            Syntax.Binary bin = spine.pop();
            if (bin.op() == '^') {
                acc = power(acc, bin.right());
                continue;
            }
            Var right = lower(bin.right());
            acc = switch (bin.op()) {
                case '+' -> acc.add(right);
                case '-' -> acc.sub(right);
                case '*' -> acc.mul(right);
                default -> acc.div(right);
            };
        }
        return acc;
    }

    /** base^exponent: a literal exponent gives {@link Var#pow(double)} (the exact powi when integral), others {@code pow}. */
    Var power(Var base, Syntax exponent) {
        Double literal = literal(exponent);
        return literal != null ? base.pow(literal) : base.pow(lower(exponent));
    }

    /** One node of {@code p}; the constants of literal arguments are appended after the other arguments. */
    Var apply(Primitive p, List<Syntax> args) {
        Var[] vars = new Var[args.size()];
        Double[] literals = new Double[args.size()];
        for (int k = 0; k < vars.length; k++) {
            literals[k] = literal(args.get(k));
            if (literals[k] == null) {
                vars[k] = lower(args.get(k));
            }
        }
        for (int k = 0; k < vars.length; k++) {
            if (literals[k] != null) {
                vars[k] = b.constant(literals[k]);
            }
        }
        return b.apply(p, vars);
    }

    /** The value of a literal: a number, a constant no variable shadows, or the negation of one; else null. */
    private Double literal(Syntax e) {
        if (e instanceof Syntax.Num n) {
            return n.value();
        }
        if (e instanceof Syntax.Name n && names.variable(n.name()) == null) {
            return FunctionTable.constant(n.name());
        }
        if (e instanceof Syntax.Neg n) {
            Double v = literal(n.operand());
            return v == null ? null : -v;
        }
        return null;
    }

    private Var name(Syntax.Name n) {
        Var v = names.variable(n.name());
        if (v != null) {
            return v;
        }
        if (FunctionTable.isFunction(n.name())) {
            throw ExpressionSyntaxException.at(n.column(), "'('", "'" + n.name() + "' is a function: expected '(' after it");
        }
        return names.unknown(n);
    }
}
