using LogIngest.Parquet.Thrift;
using static LogIngest.Parquet.Thrift.CompactProtocolReader;

namespace LogIngest.Parquet.Reading;

/// <summary>Decodes the footer (FileMetaData of parquet.thrift), skipping fields the reader does not use.</summary>
internal static class FooterDecoder
{
    public static FileMetadata Decode(byte[] footer)
    {
        var reader = new CompactProtocolReader(footer, 0, footer.Length, "the footer");
        var schema = new List<SchemaElement>();
        var rowGroups = new List<RowGroupMetadata>();
        var keyValues = new Dictionary<string, string>(StringComparer.Ordinal);
        long rowCount = -1;
        string? createdBy = null;

        reader.StructBegin();
        while (reader.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 2:
                    reader.Expect(type, TypeList, "FileMetaData.schema");
                    for (var n = reader.ListBegin(out _); n > 0; n--)
                    {
                        schema.Add(ReadSchemaElement(reader));
                    }

                    break;
                case 3:
                    reader.Expect(type, TypeI64, "FileMetaData.num_rows");
                    rowCount = reader.ReadI64();
                    break;
                case 4:
                    reader.Expect(type, TypeList, "FileMetaData.row_groups");
                    for (var n = reader.ListBegin(out _); n > 0; n--)
                    {
                        rowGroups.Add(ReadRowGroup(reader));
                    }

                    break;
                case 5:
                    reader.Expect(type, TypeList, "FileMetaData.key_value_metadata");
                    for (var n = reader.ListBegin(out _); n > 0; n--)
                    {
                        var (key, value) = ReadKeyValue(reader);
                        keyValues[key] = value ?? string.Empty;
                    }

                    break;
                case 6:
                    reader.Expect(type, TypeBinary, "FileMetaData.created_by");
                    createdBy = reader.ReadString();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.StructEnd();
        if (schema.Count == 0 || rowCount < 0)
        {
            throw reader.Corrupt(schema.Count == 0 ? "it has no schema" : "it has no row count");
        }

        return new FileMetadata(schema, rowCount, rowGroups, keyValues, createdBy);
    }

    private static SchemaElement ReadSchemaElement(CompactProtocolReader reader)
    {
        string? name = null;
        int? physical = null;
        int? repetition = null;
        var children = 0;
        int? converted = null;
        LogicalType? logical = null;
        reader.StructBegin();
        while (reader.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == TypeI32:
                    physical = reader.ReadI32();
                    break;
                case 3 when type == TypeI32:
                    repetition = reader.ReadI32();
                    break;
                case 4 when type == TypeBinary:
                    name = reader.ReadString();
                    break;
                case 5 when type == TypeI32:
                    children = reader.ReadI32();
                    break;
                case 6 when type == TypeI32:
                    converted = reader.ReadI32();
                    break;
                case 10 when type == TypeStruct:
                    logical = ReadLogicalType(reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.StructEnd();
        return new SchemaElement(name ?? throw reader.Corrupt("a schema element has no name"), physical, repetition, children, converted, logical);
    }

    private static LogicalType? ReadLogicalType(CompactProtocolReader reader)
    {
        LogicalType? result = null;
        reader.StructBegin();
        while (reader.NextField(out var id, out var type))
        {
            if (type != TypeStruct)
            {
                reader.Skip(type);
                continue;
            }

            result = id switch
            {
                LogicalTypes.Timestamp => ReadTimestampType(reader),
                LogicalTypes.Integer => ReadIntType(reader),
                _ => SkipStruct(reader, id),
            };
        }

        reader.StructEnd();
        return result;
    }

    private static LogicalType SkipStruct(CompactProtocolReader reader, short kind)
    {
        reader.Skip(TypeStruct);
        return new LogicalType(kind);
    }

    private static LogicalType ReadTimestampType(CompactProtocolReader reader)
    {
        var utc = false;
        var unit = TimestampUnit.None;
        reader.StructBegin();
        while (reader.NextField(out var id, out var type))
        {
            if (id == 1 && type is TypeBooleanTrue or TypeBooleanFalse)
            {
                utc = reader.ReadBoolField();
            }
            else if (id == 2 && type == TypeStruct)
            {
                // TimeUnit is a union of empty structs: the member id is the unit.
                reader.StructBegin();
                while (reader.NextField(out var unitId, out var unitType))
                {
                    unit = unitId switch
                    {
                        1 => TimestampUnit.Millis,
                        2 => TimestampUnit.Micros,
                        3 => TimestampUnit.Nanos,
                        _ => unit,
                    };
                    reader.Skip(unitType);
                }

                reader.StructEnd();
            }
            else
            {
                reader.Skip(type);
            }
        }

        reader.StructEnd();
        return new LogicalType(LogicalTypes.Timestamp, unit, utc);
    }

    private static LogicalType ReadIntType(CompactProtocolReader reader)
    {
        var bits = 0;
        var signed = true;
        reader.StructBegin();
        while (reader.NextField(out var id, out var type))
        {
            if (id == 1 && type == TypeByte)
            {
                // i8 is one raw byte in the compact protocol.
                bits = (sbyte)reader.ReadRawByte();
            }
            else if (id == 2 && type is TypeBooleanTrue or TypeBooleanFalse)
            {
                signed = reader.ReadBoolField();
            }
            else
            {
                reader.Skip(type);
            }
        }

        reader.StructEnd();
        return new LogicalType(LogicalTypes.Integer, IntegerBits: bits, IntegerSigned: signed);
    }

    private static RowGroupMetadata ReadRowGroup(CompactProtocolReader reader)
    {
        var columns = new List<ColumnChunkMetadata>();
        long rows = -1;
        reader.StructBegin();
        while (reader.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == TypeList:
                    for (var n = reader.ListBegin(out _); n > 0; n--)
                    {
                        columns.Add(ReadColumnChunk(reader));
                    }

                    break;
                case 3 when type == TypeI64:
                    rows = reader.ReadI64();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.StructEnd();
        if (rows < 0)
        {
            throw reader.Corrupt("a row group has no row count");
        }

        return new RowGroupMetadata(rows, columns);
    }

    private static ColumnChunkMetadata ReadColumnChunk(CompactProtocolReader reader)
    {
        string? filePath = null;
        ColumnChunkMetadata? meta = null;
        var encrypted = false;
        reader.StructBegin();
        while (reader.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == TypeBinary:
                    filePath = reader.ReadString();
                    break;
                case 3 when type == TypeStruct:
                    meta = ReadColumnMetaData(reader);
                    break;
                case 8 or 9:
                    encrypted = true;
                    reader.Skip(type);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.StructEnd();
        if (meta is null)
        {
            if (encrypted)
            {
                return new ColumnChunkMetadata(filePath, -1, [], 0, 0, 0, 0, null, Encrypted: true);
            }

            throw reader.Corrupt("a column chunk has no metadata");
        }

        return meta with { FilePath = filePath, Encrypted = encrypted };
    }

    private static ColumnChunkMetadata ReadColumnMetaData(CompactProtocolReader reader)
    {
        var physical = -1;
        var path = new List<string>();
        var codec = 0;
        long values = 0;
        long compressed = -1;
        long dataOffset = -1;
        long? dictionaryOffset = null;
        reader.StructBegin();
        while (reader.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == TypeI32:
                    physical = reader.ReadI32();
                    break;
                case 3 when type == TypeList:
                    for (var n = reader.ListBegin(out _); n > 0; n--)
                    {
                        path.Add(reader.ReadString());
                    }

                    break;
                case 4 when type == TypeI32:
                    codec = reader.ReadI32();
                    break;
                case 5 when type == TypeI64:
                    values = reader.ReadI64();
                    break;
                case 7 when type == TypeI64:
                    compressed = reader.ReadI64();
                    break;
                case 9 when type == TypeI64:
                    dataOffset = reader.ReadI64();
                    break;
                case 11 when type == TypeI64:
                    dictionaryOffset = reader.ReadI64();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.StructEnd();
        if (compressed < 0 || dataOffset < 0)
        {
            throw reader.Corrupt("a column chunk has no size or no data page offset");
        }

        return new ColumnChunkMetadata(null, physical, path, codec, values, compressed, dataOffset, dictionaryOffset, false);
    }

    private static (string Key, string? Value) ReadKeyValue(CompactProtocolReader reader)
    {
        string? key = null;
        string? value = null;
        reader.StructBegin();
        while (reader.NextField(out var id, out var type))
        {
            if (id == 1 && type == TypeBinary)
            {
                key = reader.ReadString();
            }
            else if (id == 2 && type == TypeBinary)
            {
                value = reader.ReadString();
            }
            else
            {
                reader.Skip(type);
            }
        }

        reader.StructEnd();
        return (key ?? throw reader.Corrupt("a key-value entry has no key"), value);
    }
}
