namespace LogIngest.Core.Model;

/// <summary>Which clock a load windows on.</summary>
public enum TimeAxis
{
    /// <summary>Event time: backfills, <c>[from, to)</c> on <c>TimeGenerated</c>.</summary>
    TimeGenerated,

    /// <summary>Arrival time: incremental loads window on <c>ingestion_time()</c> so late rows are not lost.</summary>
    IngestionTime,
}
