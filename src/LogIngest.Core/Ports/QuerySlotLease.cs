namespace LogIngest.Core.Ports;

/// <summary>One held query slot, as the store last wrote it.</summary>
public sealed record QuerySlotLease
{
    /// <summary>The slot index, <c>0 .. SlotCount-1</c>.</summary>
    public required int Slot { get; init; }

    /// <summary>The acquisition's unique token (<see cref="QuerySlotClaim.Holder"/>).</summary>
    public required string Holder { get; init; }

    public required string Owner { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The record's version after the store's last write (an ETag); the store's next conditional write uses it.</summary>
    public string? Version { get; init; }

    /// <summary>When this acquisition took over an expired lease: that lease's owner; otherwise null.</summary>
    public string? TookOverFrom { get; init; }

    /// <summary>When this acquisition took over an expired lease: when that lease had expired.</summary>
    public DateTimeOffset? TookOverExpiredAt { get; init; }
}
