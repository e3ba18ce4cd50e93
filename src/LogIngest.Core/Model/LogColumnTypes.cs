namespace LogIngest.Core.Model;

/// <summary>Conversions between <see cref="LogColumnType"/> and the query API's type names and storage.</summary>
public static class LogColumnTypes
{
    /// <summary>The API's name of a type, e.g. <c>datetime</c>.</summary>
    public static string ToApiName(LogColumnType type) => type switch
    {
        LogColumnType.String => "string",
        LogColumnType.Int => "int",
        LogColumnType.Long => "long",
        LogColumnType.Real => "real",
        LogColumnType.Bool => "bool",
        LogColumnType.DateTime => "datetime",
        LogColumnType.Guid => "guid",
        LogColumnType.TimeSpan => "timespan",
        LogColumnType.Decimal => "decimal",
        LogColumnType.Dynamic => "dynamic",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a Log Analytics column type."),
    };

    /// <summary>Parses an API type name (case-insensitive; <c>double</c>, <c>boolean</c>, <c>date</c> and <c>uniqueidentifier</c> are Kusto aliases).</summary>
    public static bool TryParse(string? name, out LogColumnType type)
    {
        switch (name?.ToUpperInvariant())
        {
            case "STRING": type = LogColumnType.String; return true;
            case "INT": type = LogColumnType.Int; return true;
            case "LONG": type = LogColumnType.Long; return true;
            case "REAL" or "DOUBLE": type = LogColumnType.Real; return true;
            case "BOOL" or "BOOLEAN": type = LogColumnType.Bool; return true;
            case "DATETIME" or "DATE": type = LogColumnType.DateTime; return true;
            case "GUID" or "UNIQUEIDENTIFIER": type = LogColumnType.Guid; return true;
            case "TIMESPAN" or "TIME": type = LogColumnType.TimeSpan; return true;
            case "DECIMAL": type = LogColumnType.Decimal; return true;
            case "DYNAMIC": type = LogColumnType.Dynamic; return true;
            default: type = default; return false;
        }
    }

    /// <summary>How values of <paramref name="type"/> are held in a <see cref="LogColumn"/>.</summary>
    public static LogValueKind KindOf(LogColumnType type) => type switch
    {
        LogColumnType.Int => LogValueKind.Int32,
        LogColumnType.Long or LogColumnType.DateTime => LogValueKind.Int64,
        LogColumnType.Real => LogValueKind.Double,
        LogColumnType.Bool => LogValueKind.Boolean,
        LogColumnType.String or LogColumnType.Guid or LogColumnType.TimeSpan or LogColumnType.Decimal or LogColumnType.Dynamic => LogValueKind.Text,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a Log Analytics column type."),
    };
}
