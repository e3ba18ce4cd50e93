using LogIngest.Parquet.Thrift;
using static LogIngest.Parquet.Thrift.CompactProtocolReader;

namespace LogIngest.Parquet.Reading;

/// <summary>
/// The fields of a PageHeader (with its data, data v2 or dictionary header flattened in) the reader
/// uses. Level lengths and the compression flag only apply to data page v2.
/// </summary>
internal sealed record PageHeader(
    int Type,
    int UncompressedSize,
    int CompressedSize,
    int ValueCount,
    int Encoding,
    int DefinitionLevelEncoding,
    int DefinitionLevelsLength,
    int RepetitionLevelsLength,
    bool IsCompressed)
{
    /// <summary>Decodes the header at <paramref name="position"/> and moves past it.</summary>
    public static PageHeader Decode(byte[] buffer, ref int position, int end, string what)
    {
        var reader = new CompactProtocolReader(buffer, position, end - position, what);
        var type = -1;
        var uncompressed = -1;
        var compressed = -1;
        var values = 0;
        var encoding = ParquetFormat.EncodingPlain;
        var levelEncoding = ParquetFormat.EncodingRle;
        var definitionLength = 0;
        var repetitionLength = 0;
        var isCompressed = true;
        reader.StructBegin();
        while (reader.NextField(out var id, out var fieldType))
        {
            switch (id)
            {
                case 1 when fieldType == TypeI32:
                    type = reader.ReadI32();
                    break;
                case 2 when fieldType == TypeI32:
                    uncompressed = reader.ReadI32();
                    break;
                case 3 when fieldType == TypeI32:
                    compressed = reader.ReadI32();
                    break;
                case 5 or 7 when fieldType == TypeStruct:
                    // DataPageHeader and DictionaryPageHeader share their first two fields.
                    reader.StructBegin();
                    while (reader.NextField(out var inner, out var innerType))
                    {
                        switch (inner)
                        {
                            case 1 when innerType == TypeI32:
                                values = reader.ReadI32();
                                break;
                            case 2 when innerType == TypeI32:
                                encoding = reader.ReadI32();
                                break;
                            case 3 when innerType == TypeI32 && id == 5:
                                levelEncoding = reader.ReadI32();
                                break;
                            default:
                                reader.Skip(innerType);
                                break;
                        }
                    }

                    reader.StructEnd();
                    break;
                case 8 when fieldType == TypeStruct:
                    reader.StructBegin();
                    while (reader.NextField(out var inner, out var innerType))
                    {
                        switch (inner)
                        {
                            case 1 when innerType == TypeI32:
                                values = reader.ReadI32();
                                break;
                            case 4 when innerType == TypeI32:
                                encoding = reader.ReadI32();
                                break;
                            case 5 when innerType == TypeI32:
                                definitionLength = reader.ReadI32();
                                break;
                            case 6 when innerType == TypeI32:
                                repetitionLength = reader.ReadI32();
                                break;
                            case 7 when innerType is TypeBooleanTrue or TypeBooleanFalse:
                                isCompressed = reader.ReadBoolField();
                                break;
                            default:
                                reader.Skip(innerType);
                                break;
                        }
                    }

                    reader.StructEnd();
                    break;
                default:
                    reader.Skip(fieldType);
                    break;
            }
        }

        reader.StructEnd();
        if (type < 0 || uncompressed < 0 || compressed < 0 || values < 0 || definitionLength < 0 || repetitionLength < 0)
        {
            throw reader.Corrupt("it lacks its type or sizes, or holds a negative size");
        }

        position = reader.Position;
        return new PageHeader(type, uncompressed, compressed, values, encoding, levelEncoding, definitionLength, repetitionLength, isCompressed);
    }
}
