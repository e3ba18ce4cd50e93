namespace LogIngest.Core.Streaming;

// The members are the JSON schema's type names (CA1720 would have them renamed).
#pragma warning disable CA1720

/// <summary>The value types a stream schema field can be read as.</summary>
public enum StreamFieldType
{
    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A JSON number without a fraction that fits 64 bits.</summary>
    Long,

    /// <summary>Any JSON number.</summary>
    Double,

    /// <summary>JSON true or false.</summary>
    Boolean,

    /// <summary>A JSON string holding an ISO-8601 instant (an offset or Z; none is read as UTC).</summary>
    Timestamp,

    /// <summary>Any JSON value, kept as its JSON text.</summary>
    Json,
}
#pragma warning restore CA1720
