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

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the first setting that is out of range, as
    /// <paramref name="settingPrefix"/> + the property name (a host that binds these from its own
    /// settings passes its prefix, e.g. <c>QuerySlots__</c>).
    /// </summary>
    public void Validate(string settingPrefix = "QuerySlotOptions.")
    {
        Check(MaxConcurrentQueries >= 1, nameof(MaxConcurrentQueries), $"must be at least 1 (got {MaxConcurrentQueries})");
        Check(LeaseDuration > TimeSpan.Zero, nameof(LeaseDuration), $"must be positive (got {LeaseDuration})");
        Check(RenewInterval > TimeSpan.Zero && RenewInterval * 2 <= LeaseDuration, nameof(RenewInterval),
            $"must be positive and at most half of {settingPrefix}LeaseDuration {LeaseDuration} (got {RenewInterval})");
        Check(MinPollDelay > TimeSpan.Zero, nameof(MinPollDelay), $"must be positive (got {MinPollDelay})");
        Check(MaxPollDelay >= MinPollDelay, nameof(MaxPollDelay), $"must be at least {settingPrefix}MinPollDelay {MinPollDelay} (got {MaxPollDelay})");

        void Check(bool ok, string name, string problem)
        {
            if (!ok)
            {
                throw new ArgumentException($"{settingPrefix}{name} {problem}.");
            }
        }
    }
}
