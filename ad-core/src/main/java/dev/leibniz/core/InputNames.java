package dev.leibniz.core;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The named inputs of a {@link GraphBuilder}, in declaration order: each name with its node,
 * and the check that no name is declared twice. Node ids are kept in an {@code int[]}, not a
 * {@code List<Integer>}, so declaring an input boxes nothing.
 *
 * <p>Why the duplicate check is not just a hash set: a define-by-run loop records the same
 * parameters in the same order on every iteration ({@code clear()}, then {@code parameter("w0")},
 * {@code parameter("w1")}, …), and inserting every name into a hash set again cost a third of the
 * recording time of a model with 10⁴ parameters. So {@link #clear()} keeps the names of the
 * recording it ends, which are known to be distinct; while the new names repeat them one for
 * one, they are distinct too and no set is needed. At the first name that differs, the set is
 * built from the names so far and used from then on.
 */
final class InputNames {
    private String[] names = new String[8];
    private int[] nodes = new int[8];
    private int count;
    /** Distinct names of the recording before the last {@link #clear()}. */
    private String[] previous = new String[0];
    private int previousCount;
    /** True while {@code names[0, count)} equals {@code previous[0, count)}. */
    private boolean repeatsPrevious = true;
    private final Set<String> seen = new HashSet<>();

    /** Adds an input; false (and nothing added) when the name is already declared. */
    boolean add(String name, int node) {
        boolean known = repeatsPrevious && count < previousCount && name.equals(previous[count]);
        if (!known) {
            if (repeatsPrevious) {
                repeatsPrevious = false;
                seen.clear();
                seen.addAll(Arrays.asList(names).subList(0, count));
            }
            if (!seen.add(name)) {
                return false;
            }
        }
        if (count == names.length) {
            names = Arrays.copyOf(names, 2 * count);
            nodes = Arrays.copyOf(nodes, 2 * count);
        }
        names[count] = name;
        nodes[count] = node;
        count++;
        return true;
    }

    int count() {
        return count;
    }

    String name(int k) {
        return names[k];
    }

    int node(int k) {
        return nodes[k];
    }

    String[] names() {
        return Arrays.copyOf(names, count);
    }

    int[] nodes() {
        return Arrays.copyOf(nodes, count);
    }

    List<String> nameList() {
        return List.of(names()); // names are never null
    }

    /** Forgets the inputs, remembering their names for the next recording's check. */
    void clear() {
        String[] t = previous;
        previous = names;
        previousCount = count;
        names = t.length >= 8 ? t : new String[8];
        if (nodes.length < names.length) {
            nodes = new int[names.length];
        }
        count = 0;
        repeatsPrevious = true;
        seen.clear();
    }
}
