namespace LogIngest.Parquet.Reading;

/// <summary>The parts of a file's footer (FileMetaData) the reader uses.</summary>
internal sealed record FileMetadata(
    IReadOnlyList<SchemaElement> Schema,
    long RowCount,
    IReadOnlyList<RowGroupMetadata> RowGroups,
    IReadOnlyDictionary<string, string> KeyValues,
    string? CreatedBy);

/// <summary>One node of the footer's flattened schema tree.</summary>
internal sealed record SchemaElement(
    string Name,
    int? PhysicalType,
    int? Repetition,
    int ChildCount,
    int? ConvertedType,
    LogicalType? LogicalType);

/// <summary>The LogicalType union member of a schema element; timestamps carry their unit and UTC flag.</summary>
internal sealed record LogicalType(short Kind, TimestampUnit Unit = TimestampUnit.None, bool IsAdjustedToUtc = false, int IntegerBits = 0, bool IntegerSigned = true);

internal sealed record RowGroupMetadata(long RowCount, IReadOnlyList<ColumnChunkMetadata> Columns);

/// <summary>A column chunk's place in the file and how its pages are encoded.</summary>
internal sealed record ColumnChunkMetadata(
    string? FilePath,
    int PhysicalType,
    IReadOnlyList<string> Path,
    int Codec,
    long ValueCount,
    long TotalCompressedSize,
    long DataPageOffset,
    long? DictionaryPageOffset,
    bool Encrypted);

/// <summary>The unit of an INT64 (or INT96) timestamp column.</summary>
internal enum TimestampUnit
{
    None,
    Millis,
    Micros,
    Nanos,
}
