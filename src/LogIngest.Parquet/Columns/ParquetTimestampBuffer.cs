namespace LogIngest.Parquet;

/// <summary>
/// A timestamp column: microseconds since 1970-01-01T00:00:00Z (UTC). Appending a
/// <see cref="DateTimeOffset"/> or <see cref="DateTime"/> drops sub-microsecond ticks (rounding
/// toward the past).
/// </summary>
public sealed class ParquetTimestampBuffer : ParquetValueBuffer<long>
{
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    internal ParquetTimestampBuffer(ParquetColumn column, int capacity)
        : base(column, capacity)
    {
    }

    /// <summary>Microseconds since the Unix epoch of an instant given in .NET ticks (UTC).</summary>
    public static long ToUnixMicroseconds(long utcTicks) => Math.DivRem(utcTicks - UnixEpochTicks, 10, out var rest) - (rest < 0 ? 1 : 0);

    public void Append(DateTimeOffset value) => Append(ToUnixMicroseconds(value.UtcTicks));

    public void Append(DateTimeOffset? value)
    {
        if (value.HasValue)
        {
            Append(value.GetValueOrDefault());
        }
        else
        {
            AppendNull();
        }
    }

    /// <summary>Appends a <see cref="DateTime"/>; Local times are converted to UTC, Unspecified ones are taken as UTC.</summary>
    public void Append(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        Append(ToUnixMicroseconds(utc.Ticks));
    }
}
