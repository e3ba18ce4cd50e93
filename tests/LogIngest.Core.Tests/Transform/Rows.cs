using LogIngest.Core.Model;

namespace LogIngest.Core.Tests.Transform;

/// <summary>Builds small <see cref="LogBatch"/>es from rows of boxed values for transform tests.</summary>
internal static class Rows
{
    public static LogBatch Batch(IReadOnlyList<(string Name, LogColumnType Type)> schema, params object?[][] rows)
    {
        var columns = schema.Select(c => new LogColumn(c.Name, c.Type, rows.Length)).ToArray();
        foreach (var row in rows)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                Append(columns[c], row[c]);
            }
        }

        return new LogBatch(columns);
    }

    public static long Ticks(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks;

    private static void Append(LogColumn column, object? value)
    {
        switch (value)
        {
            case null: column.AppendNull(); break;
            case string s: column.AppendText(s); break;
            case int i: column.AppendInt32(i); break;
            case long l: column.AppendInt64(l); break;
            case DateTime d: column.AppendInt64(d.Ticks); break;
            case double d: column.AppendDouble(d); break;
            case bool b: column.AppendBoolean(b); break;
            default: throw new ArgumentException($"Unsupported test value {value}.");
        }
    }
}
