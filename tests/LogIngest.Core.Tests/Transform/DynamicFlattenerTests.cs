using System.Text;
using LogIngest.Core.Transform;

namespace LogIngest.Core.Tests.Transform;

public class DynamicFlattenerTests
{
    [Fact]
    public void TryRead_Object_StringsUnescapedScalarsAsJsonNestedAsText()
    {
        var entries = Read("""{"Path":"C:\\Users\\\"x\"","Score":1.50,"On":true,"Gone":null,"Client":{"Id":"c1","Tags":["a","b"]},"Items":[1,{"Kind":"file"}]}""");
        Assert.Equal(
            [
                new FlatEntry("Path", "C:\\Users\\\"x\""),
                new FlatEntry("Score", "1.50"),
                new FlatEntry("On", "true"),
                new FlatEntry("Gone", null),
                new FlatEntry("Client", """{"Id":"c1","Tags":["a","b"]}"""),
                new FlatEntry("Items", """[1,{"Kind":"file"}]"""),
            ],
            entries);
    }

    [Fact]
    public void TryRead_NameValueList_NamesBecomeKeys()
    {
        var entries = Read("""[{"Name":"UserAgent","Value":"Office/16"},{"Name":"Detail","Value":null},{"Name":"Count","Value":3},{"Name":"NoValue"}]""");
        Assert.Equal(
            [new FlatEntry("UserAgent", "Office/16"), new FlatEntry("Detail", null), new FlatEntry("Count", "3"), new FlatEntry("NoValue", null)],
            entries);
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("[{\"Value\":1}]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("{not json")]
    [InlineData("{\"a\":1} trailing")]
    [InlineData("")]
    public void TryRead_NoKeys_ReturnsFalseAndNoEntries(string json)
    {
        var entries = new List<FlatEntry> { new("stale", "x") };
        Assert.False(DynamicFlattener.TryRead(Encoding.UTF8.GetBytes(json), entries));
        Assert.Empty(entries);
    }

    [Fact]
    public void TryRead_RepeatedKey_BothEntriesInOrder()
    {
        // The writer applies entries in order, so the last one wins.
        Assert.Equal([new FlatEntry("a", "1"), new FlatEntry("a", "2")], Read("""{"a":1,"a":2}"""));
    }

    private static List<FlatEntry> Read(string json)
    {
        var entries = new List<FlatEntry>();
        Assert.True(DynamicFlattener.TryRead(Encoding.UTF8.GetBytes(json), entries));
        return entries;
    }
}
