namespace LogIngest.Parquet.Reading;

/// <summary>
/// Maps a footer's schema onto the writer's flat <see cref="ParquetSchema"/>. Only flat schemas of
/// the types the writer produces are accepted (plus the other timestamp units and the plain
/// INT annotations other writers add); anything else is refused up front, naming the column.
/// </summary>
internal static class SchemaMapper
{
    public static IReadOnlyList<ColumnDescriptor> Map(IReadOnlyList<SchemaElement> elements)
    {
        var root = elements[0];
        if (root.ChildCount != elements.Count - 1)
        {
            var nested = elements.Skip(1).FirstOrDefault(e => e.ChildCount > 0);
            throw new ParquetException(
                nested is null
                    ? $"The Parquet file is corrupt: its schema root declares {root.ChildCount} columns but {elements.Count - 1} follow."
                    : $"Column '{nested.Name}' is a nested group; this reader supports flat schemas only (one primitive value per column).",
                nested?.Name);
        }

        var columns = new List<ColumnDescriptor>(elements.Count - 1);
        for (var i = 1; i < elements.Count; i++)
        {
            columns.Add(MapColumn(i - 1, elements[i]));
        }

        return columns;
    }

    private static ColumnDescriptor MapColumn(int index, SchemaElement element)
    {
        var name = element.Name;
        if (element.ChildCount > 0 || element.PhysicalType is null)
        {
            throw new ParquetException($"Column '{name}' is a nested group; this reader supports flat schemas only (one primitive value per column).", name);
        }

        if (element.Repetition == ParquetFormat.Repeated)
        {
            throw new ParquetException($"Column '{name}' is REPEATED; this reader supports only REQUIRED and OPTIONAL columns.", name);
        }

        var nullable = element.Repetition == ParquetFormat.Optional;
        var physical = element.PhysicalType.Value;
        var logical = element.LogicalType;
        var converted = element.ConvertedType;
        var unit = TimestampUnit.None;
        ParquetColumnType? type = physical switch
        {
            ParquetFormat.ByteArray when logical?.Kind is LogicalTypes.String or LogicalTypes.Enum => ParquetColumnType.String,
            ParquetFormat.ByteArray when logical?.Kind == LogicalTypes.Json => ParquetColumnType.Json,
            ParquetFormat.ByteArray when logical is null && converted is ParquetFormat.ConvertedUtf8 or 4 => ParquetColumnType.String,
            ParquetFormat.ByteArray when logical is null && converted == ParquetFormat.ConvertedJson => ParquetColumnType.Json,
            ParquetFormat.Int32 when IsPlainInteger(logical, converted, 32, ParquetFormat.ConvertedInt32) => ParquetColumnType.Int32,
            ParquetFormat.Int64 when IsPlainInteger(logical, converted, 64, ParquetFormat.ConvertedInt64) => ParquetColumnType.Int64,
            ParquetFormat.Int64 when logical?.Kind == LogicalTypes.Timestamp && logical.Unit != TimestampUnit.None => ParquetColumnType.Timestamp,
            ParquetFormat.Int64 when logical is null && converted is ParquetFormat.ConvertedTimestampMillis or ParquetFormat.ConvertedTimestampMicros => ParquetColumnType.Timestamp,
            ParquetFormat.Double when logical is null && converted is null => ParquetColumnType.Double,
            ParquetFormat.Boolean when logical is null && converted is null => ParquetColumnType.Boolean,
            _ => null,
        };

        if (type is null)
        {
            throw new ParquetException(
                $"Column '{name}' has type {Describe(element)}, which this reader does not support; it reads BYTE_ARRAY STRING/JSON, INT32, INT64, TIMESTAMP (INT64), DOUBLE and BOOLEAN columns.",
                name);
        }

        if (type == ParquetColumnType.Timestamp)
        {
            unit = logical?.Kind == LogicalTypes.Timestamp
                ? logical.Unit
                : converted == ParquetFormat.ConvertedTimestampMillis ? TimestampUnit.Millis : TimestampUnit.Micros;
        }

        return new ColumnDescriptor(index, new ParquetColumn(name, type.Value, nullable), physical, unit);
    }

    private static bool IsPlainInteger(LogicalType? logical, int? converted, int bits, int convertedSigned) =>
        logical is null
            ? converted is null || converted == convertedSigned
            : logical.Kind == LogicalTypes.Integer && logical.IntegerBits == bits && logical.IntegerSigned;

    private static string Describe(SchemaElement element)
    {
        var text = ParquetFormat.TypeName(element.PhysicalType ?? -1);
        if (element.LogicalType is { } logical)
        {
            text += " " + LogicalTypes.Name(logical.Kind);
            if (logical.Kind == LogicalTypes.Integer)
            {
                text += $"({logical.IntegerBits}, {(logical.IntegerSigned ? "signed" : "unsigned")})";
            }
        }
        else if (element.ConvertedType is { } converted)
        {
            text += " " + ParquetFormat.ConvertedTypeName(converted);
        }

        return text;
    }
}
