using System.Globalization;
using System.Text;
using System.Text.Json;
using LogIngest.Azure.LogAnalytics;

namespace LogIngest.Azure.Tests.LogAnalytics;

public class TextCacheTests
{
    [Fact]
    public void Get_RepeatedEscapedValue_ReturnsUnescapedTextEveryTime()
    {
        var cache = new TextCache(maxLength: 1024, minHitsPerFourMisses: 1);
        var values = ReadStrings(cache, """["{\"a\":\u0022x\u0022}", "{\"a\":\u0022x\u0022}", "{\"a\":\"x\"}"]""");

        Assert.All(values, v => Assert.Equal("{\"a\":\"x\"}", v));
    }

    [Fact]
    public void Get_ManyValuesSharingSets_ReturnsEachValueUnchanged()
    {
        // 3,000 distinct values over 1,024 two-way sets, read three times: evictions must never return another value's text.
        var cache = new TextCache();
        var json = new StringBuilder("[");
        for (var pass = 0; pass < 3; pass++)
        {
            for (var i = 0; i < 3_000; i++)
            {
                json.Append(CultureInfo.InvariantCulture, $"\"user{i:D5}@contoso.com\",");
            }
        }

        json.Append("\"last\"]");
        var values = ReadStrings(cache, json.ToString());

        for (var i = 0; i < values.Count - 1; i++)
        {
            Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"user{i % 3_000:D5}@contoso.com"), values[i]);
        }

        Assert.Equal("last", values[^1]);
    }

    [Fact]
    public void Get_RepeatedValue_ReusesOneString()
    {
        var cache = new TextCache();
        var values = ReadStrings(cache, """["SharePoint", "Exchange", "SharePoint"]""");

        Assert.Same(values[0], values[2]);
    }

    private static List<string> ReadStrings(TextCache cache, string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var values = new List<string>();
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                values.Add(cache.Get(ref reader));
            }
        }

        return values;
    }
}
