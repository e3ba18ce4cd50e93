using LogIngest.Core.Model;

namespace LogIngest.Core.Capacity;

/// <summary>What a backfill would take, projected by <see cref="BackfillSimulation"/> without loading it.</summary>
public sealed record BackfillProjection
{
    /// <summary>The range the run would load (after now − settleDelay), or null when nothing is left to load.</summary>
    public Interval? Requested { get; init; }

    /// <summary>Time not yet checkpointed within <see cref="Requested"/>.</summary>
    public long GapTicks { get; init; }

    public int Ranges { get; init; }

    /// <summary>Windows the run would load (after expected re-plans).</summary>
    public int Windows { get; init; }

    /// <summary>Windows whose estimate is over the API's result limits, so a re-plan is expected.</summary>
    public int ExpectedSplits { get; init; }

    public long EstimatedRows { get; init; }

    /// <summary>The source's estimate of the data size (<c>estimate_data_size</c>), not the lake's bytes.</summary>
    public long EstimatedBytes { get; init; }

    public int HistogramQueries { get; init; }

    /// <summary>One per window before its rows, plus a range's reconciliation counts.</summary>
    public int CountQueries { get; init; }

    public int WindowQueries { get; init; }

    public int Queries => HistogramQueries + CountQueries + WindowQueries;

    /// <summary>Activity calls by activity name.</summary>
    public IReadOnlyDictionary<string, int> Activities { get; init; } = new Dictionary<string, int>();

    public int ActivityCalls => Activities.Values.Sum();

    /// <summary>The query slots the projection honoured.</summary>
    public int QuerySlots { get; init; }

    /// <summary>The run's wall time in virtual time.</summary>
    public TimeSpan Projected { get; init; }

    /// <summary>Every query's latency, summed.</summary>
    public TimeSpan QueryTime { get; init; }

    /// <summary>The least wall time the query slots allow: all query time spread over every slot, none idle.</summary>
    public TimeSpan Bound => QuerySlots == 0 ? TimeSpan.Zero : QueryTime / QuerySlots;

    /// <summary>The cost model charged.</summary>
    public required QueryCostModel Model { get; init; }

    /// <summary>The real planning queries, timed (what a fitted model is fitted to).</summary>
    public IReadOnlyList<QueryTiming> Measured { get; init; } = [];

    /// <summary>Real time the projection took (its planning queries included).</summary>
    public TimeSpan Took { get; init; }
}
