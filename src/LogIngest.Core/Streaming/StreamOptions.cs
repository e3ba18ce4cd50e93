namespace LogIngest.Core.Streaming;

/// <summary>How <see cref="StreamBatchProcessor"/> lands events.</summary>
public sealed class StreamOptions
{
    /// <summary>Largest event body landed in bronze; a larger one is quarantined as too_large. Default 1 MiB (Event Hubs' own limit on Premium and Dedicated).</summary>
    public int MaxEventBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a hub's schema read from the lake is used before it is read again. Default 1 minute.</summary>
    public TimeSpan SchemaRefresh { get; set; } = TimeSpan.FromMinutes(1);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEventBytes, 1, "StreamOptions.MaxEventBytes");
        ArgumentOutOfRangeException.ThrowIfLessThan(SchemaRefresh, TimeSpan.Zero, "StreamOptions.SchemaRefresh");
    }
}
