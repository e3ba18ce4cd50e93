using System.Text;
using System.Text.Json;
using LogIngest.Azure.LogAnalytics;

namespace LogIngest.Azure.Tests.LogAnalytics;

public class JsonTextTests
{
    [Theory]
    [InlineData("{\"Name\":\"UserAgent\",\"Value\":null}")]
    [InlineData("C:\\Users\\u1\\\"draft\"")]
    [InlineData("tab\tnew\nline\r\b\f/slash")]
    [InlineData("café – 東京 😀 done")]
    [InlineData("\u0001\u001f control")]
    public void Unescape_AnyEscapedValue_EqualsSystemTextJsonDecoding(string original)
    {
        // Encode as the service would (escaping quotes, controls and, here, every non-ASCII char).
        var literal = JsonSerializer.SerializeToUtf8Bytes(original);
        var escaped = literal.AsSpan(1, literal.Length - 2);
        var reader = new Utf8JsonReader(literal);
        reader.Read();

        Assert.Equal(original, JsonText.Unescape(escaped));
        Assert.Equal(reader.GetString(), JsonText.Unescape(escaped));
        // Raw UTF-8 (not \u-escaped) non-ASCII with an escape takes the other path.
        Assert.Equal("é\"x", JsonText.Unescape(Encoding.UTF8.GetBytes("é\\\"x")));
    }
}
