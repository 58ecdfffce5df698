package dev.leibniz.models.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Per-group fits of 1000 synthetic logistic-growth groups with known parameters
 * ({@link SyntheticGroups}, closed-form data). The reported 95 % Wald intervals must cover the
 * true values at the nominal rate: over 3000 intervals the binomial standard deviation of the
 * coverage is 0.4 %, so [93 %, 97 %] allows for the intervals being only asymptotically exact.
 */
class PerGroupTest {
    @Test
    void thousandGroupsCoverTheirTrueParametersNinetyFivePercentOfTheTime() {
        SyntheticGroups gen = new SyntheticGroups(1000, 15, 2.0, 2026);
        List<TaskResult> rows = new LocalEngine(2).run(BatchFixtures.logistic(), Tasks.perGroup(gen.table()), null);
        assertEquals(1000, rows.size());
        int covered = 0;
        int intervals = 0;
        for (int g = 0; g < rows.size(); g++) {
            TaskResult r = rows.get(g);
            assertTrue(r.ok(), r.toString());
            assertEquals(SyntheticGroups.name(g), r.label());
            double[] truth = gen.truth(g);
            for (int i = 0; i < 3; i++) {
                Intervals.Interval ci = Intervals.wald(r, SyntheticGroups.PARAMETERS.get(i), 3, 0.95);
                covered += ci.contains(truth[i]) ? 1 : 0;
                intervals++;
            }
        }
        double coverage = (double) covered / intervals;
        assertTrue(coverage > 0.93 && coverage < 0.97, "coverage " + coverage);
    }

    /** A group whose times repeat cannot be fitted: its row says why, and the other groups are fitted. */
    @Test
    void aGroupWithBadDataIsAFailedRow() {
        SyntheticGroups gen = new SyntheticGroups(3, 15, 2.0, 1);
        List<GroupTable.Group> groups = new ArrayList<>(gen.table().groups());
        groups.add(1, new GroupTable.Group("bad", new double[] {0, 1, 1, 2}, new double[][] {{5}, {7}, {8}, {9}}));
        List<TaskResult> rows = new LocalEngine(2).run(BatchFixtures.logistic(),
                Tasks.perGroup(GroupTable.of(List.of("N"), groups)), null);
        assertEquals(4, rows.size());
        assertEquals("bad", rows.get(1).label());
        assertEquals(TaskResult.FAILED, rows.get(1).status());
        assertTrue(rows.get(1).error().contains("not greater than the previous time"), rows.get(1).error());
        assertTrue(rows.get(0).ok() && rows.get(2).ok() && rows.get(3).ok());
    }

    /** The table read from CSV text: groups sorted by name, rows sorted by time, empty cells missing. */
    @Test
    void aLongTableSplitsIntoGroups() {
        GroupTable t = GroupTable.parse("x.csv", "# c\nsite,time,N\nb,1,3\na,0,1\nb,0,2\na,1,\n", "site");
        assertEquals(List.of("N"), t.columns());
        assertEquals("a", t.groups().get(0).name());
        assertEquals(2.0, t.groups().get(1).values()[0][0]);
        assertEquals(1.0, t.groups().get(0).times()[1]);
        assertTrue(Double.isNaN(t.groups().get(0).values()[1][0]));
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.leibniz.models.data.DataFileException.class,
                () -> GroupTable.parse("x.csv", "site,t,N\na,0,x\n", "site"));
        assertTrue(e.getMessage().contains("x.csv") && e.getMessage().contains("'x' is not a number"), e.getMessage());
    }
}
