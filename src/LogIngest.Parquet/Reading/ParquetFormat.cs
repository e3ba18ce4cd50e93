namespace LogIngest.Parquet.Reading;

/// <summary>Enum values of parquet.thrift the reader meets, and their names for error messages.</summary>
internal static class ParquetFormat
{
    // Type
    public const int Boolean = 0;
    public const int Int32 = 1;
    public const int Int64 = 2;
    public const int Int96 = 3;
    public const int Float = 4;
    public const int Double = 5;
    public const int ByteArray = 6;
    public const int FixedLenByteArray = 7;

    // FieldRepetitionType
    public const int Required = 0;
    public const int Optional = 1;
    public const int Repeated = 2;

    // ConvertedType
    public const int ConvertedUtf8 = 0;
    public const int ConvertedTimestampMillis = 9;
    public const int ConvertedTimestampMicros = 10;
    public const int ConvertedInt32 = 17;
    public const int ConvertedInt64 = 18;
    public const int ConvertedJson = 19;

    // Encoding
    public const int EncodingPlain = 0;
    public const int EncodingPlainDictionary = 2;
    public const int EncodingRle = 3;
    public const int EncodingDeltaBinaryPacked = 5;
    public const int EncodingDeltaLengthByteArray = 6;
    public const int EncodingDeltaByteArray = 7;
    public const int EncodingRleDictionary = 8;
    public const int EncodingByteStreamSplit = 9;

    // CompressionCodec
    public const int CodecUncompressed = 0;
    public const int CodecSnappy = 1;
    public const int CodecGzip = 2;

    // PageType
    public const int PageData = 0;
    public const int PageIndex = 1;
    public const int PageDictionary = 2;
    public const int PageDataV2 = 3;

    public static string TypeName(int type) => type switch
    {
        Boolean => "BOOLEAN",
        Int32 => "INT32",
        Int64 => "INT64",
        Int96 => "INT96",
        Float => "FLOAT",
        Double => "DOUBLE",
        ByteArray => "BYTE_ARRAY",
        FixedLenByteArray => "FIXED_LEN_BYTE_ARRAY",
        _ => $"physical type {type}",
    };

    public static string EncodingName(int encoding) => encoding switch
    {
        0 => "PLAIN",
        2 => "PLAIN_DICTIONARY",
        3 => "RLE",
        4 => "BIT_PACKED",
        5 => "DELTA_BINARY_PACKED",
        6 => "DELTA_LENGTH_BYTE_ARRAY",
        7 => "DELTA_BYTE_ARRAY",
        8 => "RLE_DICTIONARY",
        9 => "BYTE_STREAM_SPLIT",
        _ => $"encoding {encoding}",
    };

    public static string CodecName(int codec) => codec switch
    {
        0 => "UNCOMPRESSED",
        1 => "SNAPPY",
        2 => "GZIP",
        3 => "LZO",
        4 => "BROTLI",
        5 => "LZ4",
        6 => "ZSTD",
        7 => "LZ4_RAW",
        _ => $"codec {codec}",
    };

    public static string ConvertedTypeName(int converted) => converted switch
    {
        0 => "UTF8",
        1 => "MAP",
        2 => "MAP_KEY_VALUE",
        3 => "LIST",
        4 => "ENUM",
        5 => "DECIMAL",
        6 => "DATE",
        7 => "TIME_MILLIS",
        8 => "TIME_MICROS",
        9 => "TIMESTAMP_MILLIS",
        10 => "TIMESTAMP_MICROS",
        11 => "UINT_8",
        12 => "UINT_16",
        13 => "UINT_32",
        14 => "UINT_64",
        15 => "INT_8",
        16 => "INT_16",
        17 => "INT_32",
        18 => "INT_64",
        19 => "JSON",
        20 => "BSON",
        21 => "INTERVAL",
        _ => $"converted type {converted}",
    };
}

/// <summary>Member ids of the LogicalType union.</summary>
internal static class LogicalTypes
{
    public const short String = 1;
    public const short Map = 2;
    public const short List = 3;
    public const short Enum = 4;
    public const short Decimal = 5;
    public const short Date = 6;
    public const short Time = 7;
    public const short Timestamp = 8;
    public const short Integer = 10;
    public const short Unknown = 11;
    public const short Json = 12;
    public const short Bson = 13;
    public const short Uuid = 14;
    public const short Float16 = 15;

    public static string Name(short kind) => kind switch
    {
        String => "STRING",
        Map => "MAP",
        List => "LIST",
        Enum => "ENUM",
        Decimal => "DECIMAL",
        Date => "DATE",
        Time => "TIME",
        Timestamp => "TIMESTAMP",
        Integer => "INTEGER",
        Unknown => "UNKNOWN",
        Json => "JSON",
        Bson => "BSON",
        Uuid => "UUID",
        Float16 => "FLOAT16",
        _ => $"logical type {kind}",
    };
}
