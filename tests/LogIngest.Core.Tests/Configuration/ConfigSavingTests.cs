using LogIngest.Core.Configuration;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Local.State;

namespace LogIngest.Core.Tests.Configuration;

public sealed class ConfigSavingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("logingest-configs-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private SqliteStateStore Store() => new(new SqliteStateOptions { DatabasePath = Path.Combine(_folder, "state.db") });

    private static LoadConfig Config(string id, string table = "OfficeActivity", string prefix = "loganalytics") => new()
    {
        Id = id,
        Table = table,
        From = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        To = new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero),
        Lake = new LakeSpec { Prefix = prefix },
    };

    [Fact]
    public async Task SaveAsync_SecondConfigForTheSameTableAndPrefix_RefusedNamingLakePrefixAndNothingStored()
    {
        var store = Store();
        await ConfigSaving.SaveAsync(store, Config("office-daily"));

        var error = await Assert.ThrowsAsync<LogIngestException>(() => ConfigSaving.SaveAsync(store, Config("office-backfill", "officeactivity")));

        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        Assert.StartsWith("lake.prefix:", error.Message, StringComparison.Ordinal);
        Assert.Contains("office-daily", error.Message, StringComparison.Ordinal);
        Assert.Null(await store.GetConfigAsync("office-backfill"));
    }

    [Fact]
    public async Task SaveAsync_SameConfigAgainOrAnotherPrefixOrTable_Stored()
    {
        var store = Store();
        await ConfigSaving.SaveAsync(store, Config("office-daily"));

        await ConfigSaving.SaveAsync(store, Config("office-daily") with { Parallelism = 2 });
        await ConfigSaving.SaveAsync(store, Config("office-backfill", prefix: "backfills"));
        await ConfigSaving.SaveAsync(store, Config("heartbeat", table: "Heartbeat"));

        Assert.Equal(3, (await store.ListConfigsAsync()).Count);
        Assert.Equal(2, (await store.GetConfigAsync("office-daily"))!.Config.Parallelism);
    }
}
