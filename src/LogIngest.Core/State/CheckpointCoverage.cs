using LogIngest.Core.Model;

namespace LogIngest.Core.State;

/// <summary>
/// The compacted coverage of one config on one axis: the merged intervals of completed windows, plus
/// the slices recorded so far of key-split windows not yet complete. Its size depends on the number of
/// gaps, not of windows, so reading coverage stays cheap. Pure and immutable; stores persist it.
/// </summary>
public sealed record CheckpointCoverage
{
    public required string ConfigId { get; init; }

    public required TimeAxis Axis { get; init; }

    /// <summary>Sorted, disjoint, non-adjacent covered intervals.</summary>
    public IReadOnlyList<Interval> Covered { get; init; } = [];

    /// <summary>Split windows with some but not all slices recorded.</summary>
    public IReadOnlyList<PendingSplit> PendingSplits { get; init; } = [];

    /// <summary>Checkpoint records folded in (re-writes of the same window count again).</summary>
    public long Applied { get; init; }

    public static CheckpointCoverage Empty(string configId, TimeAxis axis) => new() { ConfigId = configId, Axis = axis };

    public IntervalSet ToIntervalSet() => IntervalSet.Of(Covered);

    /// <summary>The coverage without the given windows (forgotten records): their spans leave it, and so do pending splits inside them.</summary>
    public CheckpointCoverage Without(IEnumerable<WindowCheckpoint> forgotten)
    {
        ArgumentNullException.ThrowIfNull(forgotten);
        var spans = IntervalSet.Of(forgotten.Select(f => f.Window));
        return this with
        {
            Covered = ToIntervalSet().Subtract(spans).Intervals,
            PendingSplits = [.. PendingSplits.Where(p => spans.Intersect(p.Window).IsEmpty)],
        };
    }

    /// <summary>Folds one completed window or slice in; a split window joins the coverage once all its slices are in.</summary>
    public CheckpointCoverage Apply(WindowCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.ConfigId != ConfigId || checkpoint.Axis != Axis)
        {
            throw new ArgumentException($"Checkpoint of {checkpoint.ConfigId}/{checkpoint.Axis} does not belong to coverage {ConfigId}/{Axis}.", nameof(checkpoint));
        }

        if (checkpoint.Split is not { } split)
        {
            return this with { Covered = ToIntervalSet().Union(checkpoint.Window).Intervals, Applied = Applied + 1 };
        }

        if (ToIntervalSet().Covers(checkpoint.Window))
        {
            // A slice re-written after its window completed: nothing new to track.
            return this with { Applied = Applied + 1 };
        }

        // Writing this slice removed, as orphans, the files of recorded slices of other moduli that share
        // keys with it (remainders equal modulo the gcd): those slices no longer cover anything.
        var pending = PendingSplits
            .Select(p => p.Window != checkpoint.Window || p.Modulus == split.Modulus
                ? p
                : p with { Remainders = [.. p.Remainders.Where(r => !split.SharesKeysWith(new KeySplit(p.Modulus, r)))] })
            .Where(p => p.Remainders.Count > 0)
            .ToList();
        var index = pending.FindIndex(p => p.Window == checkpoint.Window && p.Modulus == split.Modulus);
        var remainders = index >= 0 ? pending[index].Remainders.ToHashSet() : [];
        remainders.Add(split.Remainder);
        if (index >= 0)
        {
            pending.RemoveAt(index);
        }

        pending.Add(new PendingSplit(checkpoint.Window, split.Modulus, [.. remainders.Order()]));
        if (CoversEveryKey([.. pending.Where(p => p.Window == checkpoint.Window)]))
        {
            // Every key of the instant is in some recorded slice: the instant is covered.
            pending.RemoveAll(p => p.Window == checkpoint.Window);
            return this with { Covered = ToIntervalSet().Union(checkpoint.Window).Intervals, PendingSplits = pending, Applied = Applied + 1 };
        }

        return this with { PendingSplits = pending, Applied = Applied + 1 };
    }

    // Largest common modulus checked residue by residue; re-splits double the modulus, so real plans stay far below.
    private const long MaxCommonModulus = 1 << 16;

    // Slices of different moduli can complete an instant together: a truncated slice (r of m) is
    // replaced by (r of 2m) and (r+m of 2m). The recorded slices cover every key exactly when every
    // residue modulo the least common multiple of their moduli falls in one of them.
    private static bool CoversEveryKey(IReadOnlyList<PendingSplit> slices)
    {
        long common = 1;
        foreach (var slice in slices)
        {
            common = common / (long)System.Numerics.BigInteger.GreatestCommonDivisor(common, slice.Modulus) * slice.Modulus;
            if (common > MaxCommonModulus)
            {
                return slices.Any(s => s.Remainders.Count == s.Modulus);
            }
        }

        var sets = slices.Select(s => (s.Modulus, Remainders: s.Remainders.ToHashSet())).ToList();
        for (long key = 0; key < common; key++)
        {
            if (!sets.Any(s => s.Remainders.Contains((int)(key % s.Modulus))))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Rebuilds coverage from every window record of the axis (the records are the source of truth).</summary>
    public static CheckpointCoverage Rebuild(string configId, TimeAxis axis, IEnumerable<WindowCheckpoint> checkpoints)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        var coverage = Empty(configId, axis);
        foreach (var checkpoint in checkpoints.Where(c => c.Axis == axis))
        {
            coverage = coverage.Apply(checkpoint);
        }

        return coverage;
    }
}

/// <summary>The slices recorded so far of one window split <see cref="Modulus"/> ways.</summary>
public sealed record PendingSplit(Interval Window, int Modulus, IReadOnlyList<int> Remainders);
