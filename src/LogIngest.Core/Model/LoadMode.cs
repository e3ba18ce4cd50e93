namespace LogIngest.Core.Model;

public enum LoadMode
{
    /// <summary>A given <c>[from, to)</c> on <c>TimeGenerated</c>; re-running skips what is done.</summary>
    Backfill,

    /// <summary>From the watermark to <c>now - settleDelay</c> on <c>ingestion_time()</c>.</summary>
    Incremental,
}
