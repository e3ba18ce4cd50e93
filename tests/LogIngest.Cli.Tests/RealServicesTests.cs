using LogIngest.Core.Model;
using LogIngest.TestSupport.Servers;

namespace LogIngest.Cli.Tests;

/// <summary>The CLI on real services: the lake on Azurite, the state on the Cosmos server.</summary>
public sealed class RealServicesTests(AzuriteFixture azurite, CosmosServerFixture cosmos)
    : IClassFixture<AzuriteFixture>, IClassFixture<CosmosServerFixture>
{
    [Fact]
    public async Task Backfill_LakeOnAzuriteStateOnCosmos_ReconcilesAndLaterCommandsFindTheLake()
    {
        using var sandbox = new CliSandbox();
        sandbox.Variables["LAKE_CS"] = azurite.ConnectionString;
        sandbox.Variables["STATE_CS"] = cosmos.ConnectionString;
        var lake = $"env:LAKE_CS/lake{Guid.NewGuid():N}"[..28] + "/tables";
        var state = "env:STATE_CS/db" + Guid.NewGuid().ToString("N")[..12];
        string[] backfill = ["backfill", "--simulated", "--table", "OfficeActivity", "--from", "2025-01-06", "--to", "2025-01-08", "--sim-rows-per-day", "2000", "--state", state, "--lake", lake, "--json"];
        var expected = await Simulated.CountAsync(2000, TimeAxis.TimeGenerated, new(2025, 1, 6, 0, 0, 0, TimeSpan.Zero), new(2025, 1, 8, 0, 0, 0, TimeSpan.Zero));

        var first = await sandbox.RunAsync(backfill);
        var verify = await sandbox.RunAsync(["verify", "--state", state, "--sim-rows-per-day", "2000", "--json"]);
        var again = await sandbox.RunAsync(backfill);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(expected, first.Json().GetProperty("rows").GetInt64());
        Assert.Equal(lake, first.Json().GetProperty("lake").GetString());
        Assert.DoesNotContain(azurite.AccountKey, first.Out + first.Error, StringComparison.Ordinal);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Equal(expected, verify.Json().GetProperty("rows_lake").GetInt64());
        Assert.Equal(expected, verify.Json().GetProperty("distinct_keys").GetInt64());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(0, again.Json().GetProperty("windows_planned").GetInt32());
        Assert.False(Directory.Exists(sandbox.StateFolder), "a Cosmos state and a Blob lake wrote to the local folder");
    }
}
