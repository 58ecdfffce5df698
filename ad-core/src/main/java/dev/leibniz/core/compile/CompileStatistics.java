package dev.leibniz.core.compile;

/**
 * What the compiler produced for one graph, for tests and reports.
 *
 * @param classes            generated classes (each at most one constant pool)
 * @param methods            chunk methods (forward and backward)
 * @param largestMethodBytes bytecode size of the largest chunk method; HotSpot compiles no
 *                           method above 8000 bytes
 * @param largestConstantPool constant pool entries of the largest class (limit 65535)
 * @param repeats            repeats emitted as loops
 * @param nests              repeated sequences of blocks emitted as outer loops
 * @param repeatedNodes      nodes covered by repeats and nests
 * @param singleNodes        nodes emitted as straight-line code of their own (the code grows with them)
 */
public record CompileStatistics(int classes, int methods, int largestMethodBytes, int largestConstantPool,
                                int repeats, int nests, long repeatedNodes, long singleNodes) {
}
