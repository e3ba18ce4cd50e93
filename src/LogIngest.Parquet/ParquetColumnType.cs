namespace LogIngest.Parquet;

// The members are named after the Parquet types they map to (CA1720 would have them renamed).
#pragma warning disable CA1720

/// <summary>The value types a column can hold, each mapped to one Parquet physical and logical type.</summary>
public enum ParquetColumnType
{
    /// <summary>UTF-8 text: BYTE_ARRAY annotated STRING (converted type UTF8). Dictionary encoded by default.</summary>
    String,

    /// <summary>INT32.</summary>
    Int32,

    /// <summary>INT64.</summary>
    Int64,

    /// <summary>IEEE 754 double: DOUBLE.</summary>
    Double,

    /// <summary>BOOLEAN.</summary>
    Boolean,

    /// <summary>An instant: INT64 annotated TIMESTAMP(isAdjustedToUTC=true, unit=MICROS), microseconds since the Unix epoch.</summary>
    Timestamp,

    /// <summary>JSON text: BYTE_ARRAY annotated JSON (converted type JSON). Dictionary encoded by default.</summary>
    Json,

    /// <summary>
    /// An exact decimal number: DECIMAL(38, 18) — FIXED_LEN_BYTE_ARRAY(16) holding the unscaled value
    /// (the number × 10^18) as big-endian two's complement; 20 digits before the point, 18 after. Values
    /// are given unscaled as <see cref="Int128"/> (<see cref="ParquetDecimal"/> converts).
    /// </summary>
    Decimal,

    /// <summary>
    /// A UUID: FIXED_LEN_BYTE_ARRAY(16) annotated UUID, the 16 bytes in RFC 4122 (big-endian) order, 16
    /// bytes a value where its text takes 36. Values are given as <see cref="Guid"/>.
    /// </summary>
    Uuid,
}
#pragma warning restore CA1720
