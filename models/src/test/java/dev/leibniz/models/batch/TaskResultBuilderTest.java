package dev.leibniz.models.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TaskResult.Builder}: every field lands where its name says, and a missing one is named. */
class TaskResultBuilderTest {

    @Test
    void everyNamedFieldLandsInItsComponent() {
        TaskResult r = TaskResult.builder().task(3, "start", "start 3").status(TaskResult.OK, null)
                .parameters(List.of("a", "b"), new double[] {1.5, -2}, new double[] {0.1, 0.2}).loss(0.25)
                .observations(40).iterations(12).converged(true).ranFor(1.75, "host/42").build();
        assertEquals(3, r.index());
        assertEquals("start", r.kind());
        assertEquals("start 3", r.label());
        assertTrue(r.ok());
        assertNull(r.error());
        assertEquals(List.of("a", "b"), r.parameterNames());
        assertEquals(-2, r.value("b"), 0.0);
        assertEquals(0.1, r.standardError("a"), 0.0);
        assertEquals(0.25, r.loss(), 0.0);
        assertEquals(40, r.observations());
        assertEquals(12, r.iterations());
        assertTrue(r.converged());
        assertEquals(1.75, r.seconds(), 0.0);
        assertEquals("host/42", r.host());
    }

    @Test
    void aFailedRowDefaultsToNaNAndNoIterations() {
        TaskResult r = TaskResult.builder().task(0, "group", "g1").status(TaskResult.FAILED, "solver failed")
                .parameters(List.of("k"), new double[] {Double.NaN}, new double[] {Double.NaN}).build();
        assertFalse(r.ok());
        assertEquals("solver failed", r.error());
        assertTrue(Double.isNaN(r.loss()));
        assertEquals(0, r.iterations());
        assertFalse(r.converged());
        assertArrayEquals(new double[] {Double.NaN}, r.values(), 0.0);
    }

    @Test
    void aMissingOrMismatchedFieldIsNamed() {
        IllegalStateException noStatus = assertThrows(IllegalStateException.class, () -> TaskResult.builder()
                .task(0, "start", "s").parameters(List.of(), new double[0], new double[0]).build());
        assertTrue(noStatus.getMessage().contains("status"), noStatus.getMessage());
        IllegalStateException mismatch = assertThrows(IllegalStateException.class, () -> TaskResult.builder()
                .task(0, "start", "s").status(TaskResult.OK, null)
                .parameters(List.of("a", "b"), new double[] {1}, new double[] {1, 2}).build());
        assertTrue(mismatch.getMessage().contains("one value and one standard error per name (2)"), mismatch.getMessage());
    }
}
