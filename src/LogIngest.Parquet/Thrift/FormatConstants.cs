namespace LogIngest.Parquet.Thrift;

/// <summary>Enum values of parquet.thrift that this writer emits.</summary>
internal static class FormatConstants
{
    // Type
    public const int TypeBoolean = 0;
    public const int TypeInt32 = 1;
    public const int TypeInt64 = 2;
    public const int TypeDouble = 5;
    public const int TypeByteArray = 6;
    public const int TypeFixedLenByteArray = 7;

    // ConvertedType
    public const int ConvertedUtf8 = 0;
    public const int ConvertedDecimal = 5;
    public const int ConvertedTimestampMicros = 10;
    public const int ConvertedJson = 19;

    // FieldRepetitionType
    public const int Required = 0;
    public const int Optional = 1;

    // Encoding
    public const int EncodingPlain = 0;
    public const int EncodingRle = 3;
    public const int EncodingRleDictionary = 8;

    // CompressionCodec
    public const int CodecUncompressed = 0;
    public const int CodecSnappy = 1;
    public const int CodecGzip = 2;

    // PageType
    public const int PageData = 0;
    public const int PageDictionary = 2;

    // LogicalType union members
    public const short LogicalString = 1;
    public const short LogicalDecimal = 5;
    public const short LogicalTimestamp = 8;
    public const short LogicalJson = 12;
    public const short LogicalUuid = 14;

    // TimeUnit union members
    public const short TimeUnitMicros = 2;
}
