using LogIngest.Parquet;

namespace LogIngest.Core.Streaming;

/// <summary>The columns of bronze and quarantine files.</summary>
public static class StreamColumns
{
    public const string RawJson = "raw_json";
    public const string Partition = "partition";
    public const string SequenceNumber = "sequence_number";
    public const string Offset = "offset";
    public const string EnqueuedTime = "enqueued_time";
    public const string Properties = "properties";
    public const string Reason = "reason";
    public const string Detail = "detail";
    public const string Raw = "raw";
    public const string RawEncoding = "raw_encoding";

    /// <summary>Names a schema field may not take.</summary>
    public static IReadOnlyList<string> Fixed { get; } = [RawJson, Partition, SequenceNumber, Offset, EnqueuedTime, Properties];

    // Metadata columns shared by both files, in this order after raw_json (bronze) or first (quarantine).
    private static readonly ParquetColumn[] Metadata =
    [
        new(Partition, ParquetColumnType.String, IsNullable: false),
        new(SequenceNumber, ParquetColumnType.Int64, IsNullable: false),
        new(Offset, ParquetColumnType.String),
        new(EnqueuedTime, ParquetColumnType.Timestamp, IsNullable: false),
        new(Properties, ParquetColumnType.Json),
    ];

    /// <summary>raw_json, the metadata, then the schema's typed columns (nullable: a missing optional value is null).</summary>
    public static ParquetSchema Bronze(StreamSchema? schema) => new(
        new ParquetColumn[] { new(RawJson, ParquetColumnType.Json, IsNullable: false) }
            .Concat(Metadata)
            .Concat(schema?.Fields.Select(f => new ParquetColumn(f.Column, ParquetType(f.Type))) ?? []));

    /// <summary>The metadata, the reason code, its detail, and the raw body (UTF-8 text, or base64 when it is not UTF-8).</summary>
    public static ParquetSchema Quarantine { get; } = new(
        Metadata.Concat(
        [
            new(Reason, ParquetColumnType.String, IsNullable: false),
            new(Detail, ParquetColumnType.String, IsNullable: false),
            new(Raw, ParquetColumnType.String, IsNullable: false),
            new(RawEncoding, ParquetColumnType.String, IsNullable: false),
        ]));

    private static ParquetColumnType ParquetType(StreamFieldType type) => type switch
    {
        StreamFieldType.String => ParquetColumnType.String,
        StreamFieldType.Long => ParquetColumnType.Int64,
        StreamFieldType.Double => ParquetColumnType.Double,
        StreamFieldType.Boolean => ParquetColumnType.Boolean,
        StreamFieldType.Timestamp => ParquetColumnType.Timestamp,
        StreamFieldType.Json => ParquetColumnType.Json,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown stream field type."),
    };
}
