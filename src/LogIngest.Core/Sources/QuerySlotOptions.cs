namespace LogIngest.Core.Sources;

/// <summary>
/// Settings of the app-wide query slots (<see cref="SharedQuerySlots"/>), used when the host's state
/// store keeps slots (Cosmos DB, SQLite). Every property documents its default; <see cref="Validate"/>
/// names the property that is wrong.
/// </summary>
public sealed class QuerySlotOptions
{
    /// <summary>
    /// Queries in flight at once across every host sharing the state store (one slot record each).
    /// Default 5: the service's limit per identity, and every instance of the app is one identity.
    /// </summary>
    public int MaxConcurrentQueries { get; set; } = QueryGate.DefaultMaxConcurrentQueries;

    /// <summary>How long a slot stays held without renewal; a holder that died frees its slot after at most this long. Default 30 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a held slot's lease is renewed; at most half <see cref="LeaseDuration"/>, so a failed renewal is retried in time. Default 10 s.</summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first wait before asking the store again when every slot is held; doubled up to <see cref="MaxPollDelay"/>, with jitter. Default 100 ms.</summary>
    public TimeSpan MinPollDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between two asks for a slot. Default 2 s.</summary>
    public TimeSpan MaxPollDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest lease: a holder that died keeps its slot this long at most, so it stays short.</summary>
    public static readonly TimeSpan MaxLeaseDuration = TimeSpan.FromMinutes(10);

    /// <summary>The longest wait between two asks for a slot that a setting may ask for.</summary>
    public static readonly TimeSpan MaxPollDelayLimit = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming every setting that is out of range (see <see cref="Problems"/>).
    /// </summary>
    public void Validate(string settingPrefix = "QuerySlotOptions.")
    {
        var problems = Problems(settingPrefix).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems));
        }
    }

    /// <summary>
    /// Each setting that is out of range, named <paramref name="settingPrefix"/> + the property name (a host
    /// that binds these from its own settings passes its prefix, e.g. <c>QuerySlots__</c>). The upper bounds
    /// also catch a number of seconds written where a time span is expected ("30" reads as 30 days).
    /// </summary>
    public IEnumerable<string> Problems(string settingPrefix = "QuerySlotOptions.")
    {
        const string Span = "a time span hh:mm:ss";
        if (MaxConcurrentQueries < 1)
        {
            yield return $"{settingPrefix}{nameof(MaxConcurrentQueries)} must be at least 1 (got {MaxConcurrentQueries}).";
        }

        if (LeaseDuration <= TimeSpan.Zero || LeaseDuration > MaxLeaseDuration)
        {
            yield return $"{settingPrefix}{nameof(LeaseDuration)} must be {Span} above zero and at most {MaxLeaseDuration}, e.g. 00:00:30 (got {LeaseDuration}).";
        }

        if (RenewInterval <= TimeSpan.Zero || RenewInterval * 2 > LeaseDuration)
        {
            yield return $"{settingPrefix}{nameof(RenewInterval)} must be {Span} above zero and at most half of {settingPrefix}{nameof(LeaseDuration)} {LeaseDuration} (got {RenewInterval}).";
        }

        if (MinPollDelay <= TimeSpan.Zero || MinPollDelay > MaxPollDelayLimit)
        {
            yield return $"{settingPrefix}{nameof(MinPollDelay)} must be {Span} above zero and at most {MaxPollDelayLimit}, e.g. 00:00:00.1 (got {MinPollDelay}).";
        }

        if (MaxPollDelay < MinPollDelay || MaxPollDelay > MaxPollDelayLimit)
        {
            yield return $"{settingPrefix}{nameof(MaxPollDelay)} must be at least {settingPrefix}{nameof(MinPollDelay)} {MinPollDelay} and at most {MaxPollDelayLimit} (got {MaxPollDelay}).";
        }
    }
}
