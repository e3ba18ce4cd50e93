using System.Globalization;
using System.Text.Json;
using LogIngest.Core.Model;

namespace LogIngest.Benchmarks;

/// <summary>Rows as newline-delimited JSON objects: the input the DuckDB peers convert.</summary>
internal static class NdJson
{
    /// <summary>Writes each row of <paramref name="batch"/> as one line to <paramref name="file"/> through <paramref name="json"/>.</summary>
    public static void Write(Utf8JsonWriter json, Stream file, LogBatch batch)
    {
        for (var row = 0; row < batch.RowCount; row++)
        {
            json.WriteStartObject();
            foreach (var column in batch.Columns)
            {
                switch (column.GetValue(row))
                {
                    case null: json.WriteNull(column.Name); break;
                    case string text: json.WriteString(column.Name, text); break;
                    case DateTime time: json.WriteString(column.Name, time.ToString("O", CultureInfo.InvariantCulture)); break;
                    case int n: json.WriteNumber(column.Name, n); break;
                    case long n: json.WriteNumber(column.Name, n); break;
                    case double d: json.WriteNumber(column.Name, d); break;
                    case bool b: json.WriteBoolean(column.Name, b); break;
                }
            }

            json.WriteEndObject();
            json.Flush();
            file.WriteByte((byte)'\n');
            json.Reset();
        }
    }
}
