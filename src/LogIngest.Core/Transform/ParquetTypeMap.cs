using System.Globalization;
using System.Text;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Parquet;

namespace LogIngest.Core.Transform;

/// <summary>
/// How each Log Analytics type lands in Parquet: <c>string</c> → STRING, <c>int</c> → INT32,
/// <c>long</c> → INT64, <c>real</c> → DOUBLE, <c>bool</c> → BOOLEAN, <c>datetime</c> → TIMESTAMP(MICROS, UTC),
/// <c>decimal</c> → DECIMAL(38, 18) (exact: a value that does not fit is refused, never rounded),
/// <c>timespan</c> → INT64 counting 100 ns ticks (Kusto's precision; Parquet has no duration type every
/// reader knows, and INTERVAL stops at milliseconds), <c>guid</c> → UUID (FIXED_LEN_BYTE_ARRAY(16): 16
/// bytes where its text took 36; the type DuckDB and Spark give a UUID), <c>dynamic</c> → JSON text.
/// </summary>
public static class ParquetTypeMap
{
    public static ParquetColumnType For(LogColumnType type) => type switch
    {
        LogColumnType.String => ParquetColumnType.String,
        LogColumnType.Guid => ParquetColumnType.Uuid,
        LogColumnType.Int => ParquetColumnType.Int32,
        LogColumnType.Long or LogColumnType.TimeSpan => ParquetColumnType.Int64,
        LogColumnType.Real => ParquetColumnType.Double,
        LogColumnType.Bool => ParquetColumnType.Boolean,
        LogColumnType.DateTime => ParquetColumnType.Timestamp,
        LogColumnType.Decimal => ParquetColumnType.Decimal,
        LogColumnType.Dynamic => ParquetColumnType.Json,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a Log Analytics column type."),
    };

    /// <summary>A <c>timespan</c> as the service writes it (<c>[-][d.]hh:mm:ss[.fffffff]</c>) in 100 ns ticks.</summary>
    public static bool TryTimeSpanTicks(ReadOnlySpan<char> text, out long ticks)
    {
        var ok = TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var value);
        ticks = value.Ticks;
        return ok;
    }

    /// <summary>
    /// Checks that a text value of a <c>timespan</c>, <c>decimal</c> or <c>guid</c> column converts to its lake type; D201
    /// naming the column and the value otherwise, so a window fails before it writes anything.
    /// </summary>
    public static void EnsureConvertible(LogColumnType type, string column, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ok = type switch
        {
            LogColumnType.TimeSpan => TryTimeSpanTicks(text, out _),
            LogColumnType.Decimal => ParquetDecimal.TryParse(text, out _),
            LogColumnType.Guid => Guid.TryParse(text, out _),
            _ => true,
        };
        if (!ok)
        {
            throw new LogIngestException(ErrorCodes.Schema, type == LogColumnType.Guid
                ? $"Column {column} holds the guid '{text}', which does not read as one for the lake's UUID column; cast it in the config's filter (e.g. 'extend {column} = tostring({column})') to keep it as text."
                : type == LogColumnType.Decimal
                ? $"Column {column} holds the decimal '{text}', which does not fit the lake's DECIMAL({ParquetDecimal.Precision}, {ParquetDecimal.Scale}) exactly (at most {ParquetDecimal.Precision - ParquetDecimal.Scale} digits before the point and {ParquetDecimal.Scale} after); cast it in the config's filter (e.g. 'extend {column} = tostring({column})') to keep it as text."
                : $"Column {column} holds the timespan '{text}', which is not in the service's form [-][d.]hh:mm:ss[.fffffff].");
        }
    }

    /// <summary>Converts UTF-8 text of a checked <c>timespan</c>, <c>decimal</c> or <c>guid</c> value into its buffer.</summary>
    internal static void AppendConverted(ParquetColumnBuffer buffer, LogColumnType type, ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[128];
        var text = utf8.Length <= chars.Length ? chars[..Encoding.UTF8.GetChars(utf8, chars)] : Encoding.UTF8.GetString(utf8).AsSpan();
        if (type == LogColumnType.TimeSpan && TryTimeSpanTicks(text, out var ticks))
        {
            ((ParquetValueBuffer<long>)buffer).Append(ticks);
        }
        else if (type == LogColumnType.Decimal && ParquetDecimal.TryParse(text, out var unscaled))
        {
            ((ParquetValueBuffer<Int128>)buffer).Append(unscaled);
        }
        else if (type == LogColumnType.Guid && Guid.TryParse(text, out var guid))
        {
            ((ParquetValueBuffer<Guid>)buffer).Append(guid);
        }
        else
        {
            // Stage 1 checked every value; reaching here means the spill changed under us.
            throw new LogIngestException(ErrorCodes.Schema, $"Column {buffer.Column.Name}: the value '{text}' no longer converts to {buffer.Column.Type}.");
        }
    }
}
