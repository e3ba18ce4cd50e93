namespace LogIngest.Core.Model;

/// <summary>
/// The ten scalar types of a Log Analytics result column, named as the query API names them
/// (<c>bool, datetime, dynamic, guid, int, long, real, string, timespan, decimal</c>).
/// </summary>
#pragma warning disable CA1720 // The members mirror Kusto's own type names on purpose.
public enum LogColumnType
{
    String,
    Int,
    Long,
    Real,
    Bool,
    DateTime,
    Guid,
    TimeSpan,
    Decimal,
    Dynamic,
}
#pragma warning restore CA1720
