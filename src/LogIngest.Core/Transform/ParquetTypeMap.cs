using LogIngest.Core.Model;
using LogIngest.Parquet;

namespace LogIngest.Core.Transform;

/// <summary>
/// How each Log Analytics type lands in Parquet: <c>string</c> → STRING, <c>int</c> → INT32,
/// <c>long</c> → INT64, <c>real</c> → DOUBLE, <c>bool</c> → BOOLEAN, <c>datetime</c> → TIMESTAMP(MICROS, UTC),
/// <c>guid</c>/<c>timespan</c>/<c>decimal</c> → STRING (their service text, so nothing is rounded), and
/// <c>dynamic</c> → JSON text.
/// </summary>
public static class ParquetTypeMap
{
    public static ParquetColumnType For(LogColumnType type) => type switch
    {
        LogColumnType.String or LogColumnType.Guid or LogColumnType.TimeSpan or LogColumnType.Decimal => ParquetColumnType.String,
        LogColumnType.Int => ParquetColumnType.Int32,
        LogColumnType.Long => ParquetColumnType.Int64,
        LogColumnType.Real => ParquetColumnType.Double,
        LogColumnType.Bool => ParquetColumnType.Boolean,
        LogColumnType.DateTime => ParquetColumnType.Timestamp,
        LogColumnType.Dynamic => ParquetColumnType.Json,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a Log Analytics column type."),
    };
}
