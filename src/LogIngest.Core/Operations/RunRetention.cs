namespace LogIngest.Core.Operations;

/// <summary>How long run history is kept (<see cref="RunHistoryRetention"/>). Every property documents its default.</summary>
public sealed class RunRetention
{
    /// <summary>Audit rows and run events of runs started longer ago than this are pruned. Default 90 days.</summary>
    public TimeSpan EventAge { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Run summaries (the run list and the KPIs' input) of runs started longer ago than this are pruned. Default 3 years (1,096 days).</summary>
    public TimeSpan RunSummaryAge { get; set; } = TimeSpan.FromDays(1096);

    /// <summary>Throws naming the setting when an age is not positive or summaries would go before their events.</summary>
    public void ThrowIfInvalid()
    {
        if (EventAge <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(EventAge), EventAge, "RunRetention.EventAge must be positive, e.g. 90 days.");
        }

        if (RunSummaryAge < EventAge)
        {
            throw new ArgumentOutOfRangeException(nameof(RunSummaryAge), RunSummaryAge, $"RunRetention.RunSummaryAge must be at least EventAge ({EventAge.TotalDays:N0} days): a run's summary outlives its events.");
        }
    }
}
