namespace LogIngest.TestSupport.Parquet;

/// <summary>Reads values of an inspection back into .NET types where the readers spell them differently.</summary>
public static class InspectedValues
{
    /// <summary>A UUID: DuckDB and Parquet.Net give its text, the JavaScript readers its 16 bytes (base64, RFC 4122 order).</summary>
    public static Guid Uuid(string value) =>
        Guid.TryParse(value, out var guid) ? guid : new Guid(Convert.FromBase64String(value), bigEndian: true);
}
