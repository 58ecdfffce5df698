package dev.leibniz.sparse;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Random graphs with sparse Jacobians: each output is a random expression over a random subset
 * of at most three inputs, built from a pool of earlier nodes (so outputs share subexpressions,
 * and an output may be an input or another output's node). Beside the graph, the generator
 * records which inputs each node structurally depends on — its own bookkeeping, independent
 * of {@link SparsityDetector} — giving the expected global pattern.
 */
final class RandomSparseGraphs {
    private RandomSparseGraphs() {
    }

    record Case(Graph graph, boolean[][] expected) {
        int inputs() {
            return graph.inputCount();
        }
    }

    private record Node(Var var, TreeSet<Integer> deps) {
    }

    static Case generate(long seed) {
        Random rnd = new Random(seed);
        int n = 2 + rnd.nextInt(13);
        int m = 1 + rnd.nextInt(12);
        GraphBuilder b = GraphBuilder.tracing();
        List<Node> pool = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            TreeSet<Integer> d = new TreeSet<>();
            d.add(j);
            pool.add(new Node(b.input("x" + j), d));
        }
        boolean[][] expected = new boolean[m][n];
        String[] names = new String[m];
        int[] nodes = new int[m];
        for (int i = 0; i < m; i++) {
            TreeSet<Integer> subset = new TreeSet<>();
            int size = 1 + rnd.nextInt(Math.min(3, n));
            while (subset.size() < size) {
                subset.add(rnd.nextInt(n));
            }
            Node out = rnd.nextInt(15) == 0 ? new Node(b.constant(rnd.nextDouble()), new TreeSet<>())
                    : expression(b, rnd, pool, subset, 1 + rnd.nextInt(4));
            for (int j : out.deps) {
                expected[i][j] = true;
            }
            names[i] = "f" + i;
            nodes[i] = out.var.node();
        }
        return new Case(b.build(names, nodes), expected);
    }

    private static Node leaf(Random rnd, List<Node> pool, TreeSet<Integer> subset) {
        List<Node> candidates = new ArrayList<>();
        for (Node node : pool) {
            if (subset.containsAll(node.deps) && !node.deps.isEmpty()) {
                candidates.add(node);
            }
        }
        return candidates.get(rnd.nextInt(candidates.size()));
    }

    private static Node expression(GraphBuilder b, Random rnd, List<Node> pool, TreeSet<Integer> subset, int depth) {
        if (depth == 0 || rnd.nextInt(4) == 0) {
            return leaf(rnd, pool, subset);
        }
        Node a = expression(b, rnd, pool, subset, depth - 1);
        Node result;
        int op = rnd.nextInt(20);
        if (op < 9) {
            Var x = a.var;
            Var y = switch (op) {
                case 0 -> x.sin();
                case 1 -> x.cos();
                case 2 -> x.tanh().exp();
                case 3 -> x.square();
                case 4 -> x.relu();
                case 5 -> x.abs();
                case 6 -> x.sigmoid();
                case 7 -> x.square().log1p();
                default -> x.mul(b.constant(-1.5 + 3 * rnd.nextDouble()));
            };
            result = new Node(y, a.deps);
        } else if (op < 17) {
            Node c = expression(b, rnd, pool, subset, depth - 1);
            Var x = a.var;
            Var y = c.var;
            Var z = switch (op) {
                case 9 -> x.add(y);
                case 10 -> x.sub(y);
                case 11, 12 -> x.mul(y);
                case 13 -> x.div(y.square().add(1.0));
                case 14 -> x.max(y);
                case 15 -> x.min(y);
                default -> x.hypot(y).add(x);
            };
            result = new Node(z, union(a.deps, c.deps));
        } else {
            // select(p > q, a, c): depends on the branches, never on the condition
            Node p = leaf(rnd, pool, subset);
            Node q = leaf(rnd, pool, subset);
            Node c = expression(b, rnd, pool, subset, depth - 1);
            result = new Node(Var.select(p.var.gt(q.var), a.var, c.var), union(a.deps, c.deps));
        }
        pool.add(result);
        return result;
    }

    private static TreeSet<Integer> union(TreeSet<Integer> a, TreeSet<Integer> b) {
        TreeSet<Integer> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }
}
