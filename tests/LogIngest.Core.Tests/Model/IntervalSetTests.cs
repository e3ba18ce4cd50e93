using LogIngest.Core.Model;

namespace LogIngest.Core.Tests.Model;

public class IntervalSetTests
{
    private static Interval I(long start, long end) => new(start, end);

    [Fact]
    public void Of_OverlappingAndAdjacent_MergesIntoFewRanges()
    {
        var set = IntervalSet.Of(I(10, 20), I(0, 5), I(5, 10), I(30, 40), I(35, 38), I(50, 50));

        Assert.Equal([I(0, 20), I(30, 40)], set.Intervals);
        Assert.Equal(30, set.Coverage);
    }

    [Fact]
    public void Subtract_HolesInsideAndAcrossEdges_LeavesExactGaps()
    {
        var requested = IntervalSet.Of(I(0, 100));
        var done = IntervalSet.Of(I(10, 20), I(30, 40), I(90, 120));

        Assert.Equal([I(0, 10), I(20, 30), I(40, 90)], requested.Subtract(done).Intervals);
    }

    [Fact]
    public void Intersect_TwoSets_KeepsOnlyCommonInstants()
    {
        var a = IntervalSet.Of(I(0, 10), I(20, 30));
        var b = IntervalSet.Of(I(5, 25));

        Assert.Equal([I(5, 10), I(20, 25)], a.Intersect(b).Intervals);
    }

    [Fact]
    public void Covers_IntervalSpanningAGap_IsFalse()
    {
        var set = IntervalSet.Of(I(0, 10), I(11, 20));

        Assert.True(set.Covers(I(2, 10)));
        Assert.False(set.Covers(I(5, 15)));
        Assert.True(set.Contains(0));
        Assert.False(set.Contains(10));
    }

    [Fact]
    public void SetAlgebra_RandomSets_AgreesWithPointwiseModel()
    {
        var random = new Random(7);
        for (var round = 0; round < 500; round++)
        {
            var a = RandomSet(random);
            var b = RandomSet(random);
            var union = a.Union(b);
            var minus = a.Subtract(b);
            var both = a.Intersect(b);
            for (long t = 0; t < 64; t++)
            {
                Assert.Equal(a.Contains(t) || b.Contains(t), union.Contains(t));
                Assert.Equal(a.Contains(t) && !b.Contains(t), minus.Contains(t));
                Assert.Equal(a.Contains(t) && b.Contains(t), both.Contains(t));
            }

            AssertNormalized(union);
            AssertNormalized(minus);
            AssertNormalized(both);
        }
    }

    [Fact]
    public void Constructor_EndBeforeStart_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Interval(5, 4));
    }

    private static IntervalSet RandomSet(Random random)
    {
        var parts = new List<Interval>();
        for (var i = random.Next(0, 6); i > 0; i--)
        {
            var start = random.Next(0, 60);
            parts.Add(I(start, start + random.Next(0, 10)));
        }

        return IntervalSet.Of(parts);
    }

    private static void AssertNormalized(IntervalSet set)
    {
        for (var i = 0; i < set.Intervals.Count; i++)
        {
            Assert.False(set.Intervals[i].IsEmpty);
            if (i > 0)
            {
                Assert.True(set.Intervals[i - 1].End < set.Intervals[i].Start);
            }
        }
    }
}
