using LogIngest.Core.Configuration;
using LogIngest.Core.Observability;
using LogIngest.Local.State;
using LogIngest.TestSupport;

namespace LogIngest.Cli.Tests;

/// <summary>
/// Config files a careless or hostile writer could hand to <c>run --config</c> (the same reader the HTTP
/// API uses, <see cref="ConfigJson.Parse(ReadOnlySpan{byte})"/>): each is refused with exit 2, a message
/// naming the field in the config's words, and the state exactly as it was.
/// </summary>
public class ConfigBadInputTests
{
    [Theory]
    [MemberData(nameof(BadConfigs.Cases), MemberType = typeof(BadConfigs))]
    public async Task RunConfig_BadConfigFile_ExitsTwoNamingTheFieldInConfigWordsAndStoresNothing(string name, byte[] bytes, string field)
    {
        using var sandbox = new CliSandbox();
        await SeedAsync(sandbox);
        var before = await SnapshotAsync(sandbox);
        var file = Path.Combine(sandbox.Folder, "bad.json");
        await File.WriteAllBytesAsync(file, bytes);

        var result = await sandbox.RunAsync(["run", "--config", file]);

        Assert.True(result.ExitCode == 2, name + ": " + result);
        Assert.Contains("  " + field + ": ", result.Error, StringComparison.Ordinal);
        Assert.All(BadConfigs.DotNetWords, word => Assert.DoesNotContain(word, result.Error, StringComparison.Ordinal));
        Assert.Equal(string.Empty, result.Out);
        Assert.Equal(before, await SnapshotAsync(sandbox));
        Assert.False(Directory.Exists(sandbox.LakeFolder), "a bad config created the lake");

        // The HTTP API reads its body with the same function: the same refusal.
        var error = Assert.Throws<LogIngestException>(() => ConfigJson.Parse(bytes));
        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        Assert.Contains("  " + field + ": ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadConfigs.StoredClashes), MemberType = typeof(BadConfigs))]
    public async Task RunConfig_ConfigClashingWithStoredOne_ExitsTwoNamingTheFieldAndStoresNothing(string name, byte[] bytes, string field)
    {
        using var sandbox = new CliSandbox();
        await SeedAsync(sandbox);
        var before = await SnapshotAsync(sandbox);
        var file = Path.Combine(sandbox.Folder, "clash.json");
        await File.WriteAllBytesAsync(file, bytes);

        var result = await sandbox.RunAsync(["run", "--config", file]);

        Assert.True(result.ExitCode == 2, name + ": " + result);
        Assert.Contains(field + ": ", result.Error, StringComparison.Ordinal);
        Assert.Contains("give", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await SnapshotAsync(sandbox));
        Assert.False(Directory.Exists(sandbox.LakeFolder), "a refused config created the lake");
    }

    [Fact]
    public void Parse_TableWithALookAlikeLetter_NamesItsCodePoint()
    {
        var error = Assert.Throws<LogIngestException>(() => ConfigJson.Parse(BadConfigs.Change(("table", "\"\u041EfficeActivity\""))));

        Assert.Contains("U+041E", error.Message, StringComparison.Ordinal);
    }

    private static async Task SeedAsync(CliSandbox sandbox)
    {
        using var store = Store(sandbox);
        await BadConfigs.SeedAsync(store);
    }

    private static async Task<string> SnapshotAsync(CliSandbox sandbox)
    {
        using var store = Store(sandbox);
        return (await BadConfigs.StateSnapshotAsync(store)).ToJsonString();
    }

    private static SqliteStateStore Store(CliSandbox sandbox) =>
        new(new SqliteStateOptions { DatabasePath = Path.Combine(sandbox.StateFolder, CliHost.DatabaseFileName) });
}
