namespace LogIngest.Core.Ports;

/// <summary>A request for one of the app-wide query slots (<see cref="IQuerySlotStore.TryAcquireAsync"/>).</summary>
public sealed record QuerySlotClaim
{
    /// <summary>The app-wide cap: slots <c>0 .. SlotCount-1</c> may be leased.</summary>
    public required int SlotCount { get; init; }

    /// <summary>Unique to this acquisition; renewals and the release are conditional on it.</summary>
    public required string Holder { get; init; }

    /// <summary>Who asks, for people reading the store or the logs (host and process id).</summary>
    public required string Owner { get; init; }

    /// <summary>The caller's wall-clock time: leases that expired at or before it may be taken over.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>When the new lease expires unless renewed.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}
