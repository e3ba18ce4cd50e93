using System.Text.Json;
using LogIngest.Core.Configuration;
using LogIngest.Core.Model;
using LogIngest.TestSupport;

namespace LogIngest.Cli.Tests;

public class ConfigCommandTests
{
    private const string Rows = "2000";

    [Fact]
    public async Task ConfigExample_WrittenToAFileAndRun_LoadsItsRangeAndShowsBackAsTheSameConfig()
    {
        using var sandbox = new CliSandbox();
        var example = await sandbox.RunAsync(["config", "example"]);
        var file = sandbox.WriteFile("my.json", example.Out);

        var run = await sandbox.RunAsync(["run", "--config", file, "--sim-rows-per-day", Rows, "--json"]);
        var show = await sandbox.RunAsync(["config", "show", "officeactivity-example"]);

        Assert.True(example.ExitCode == 0, example.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("SUCCEEDED", run.Json().GetProperty("status").GetString());
        var expected = await Simulated.CountAsync(2000, TimeAxis.TimeGenerated, new DateTimeOffset(2025, 3, 3, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 3, 4, 0, 0, 0, TimeSpan.Zero));
        Assert.InRange(run.Json().GetProperty("rows").GetInt64(), 1, expected); // the example's filter drops FileAccessed rows
        Assert.True(show.ExitCode == 0, show.ToString());
        var written = ConfigJson.Parse(example.Out);
        var shown = ConfigJson.Parse(show.Out);
        Assert.Equal(written, shown with { Flatten = written.Flatten });
        Assert.Equal(written.Flatten, shown.Flatten);
        Assert.Contains("\"from\": \"2025-03-03T00:00:00Z\"", show.Out, StringComparison.Ordinal);
        Assert.Contains("'FileAccessed'", show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigExample_WithWorkspaceId_IsAValidConfigForThatWorkspace()
    {
        using var sandbox = new CliSandbox();

        var result = await sandbox.RunAsync(["config", "example", "--workspace-id", "0f1e2d3c-4b5a-6978-8a9b-acbdcedf0011"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var config = ConfigJson.Parse(result.Out);
        Assert.Equal(SourceKinds.LogAnalytics, config.Source.Kind);
        Assert.Equal("0f1e2d3c-4b5a-6978-8a9b-acbdcedf0011", config.Source.WorkspaceId);
        Assert.False(Directory.Exists(sandbox.StateFolder));
    }

    [Fact]
    public async Task ConfigSchema_Prints_TheSchemaShippedInTheRepository()
    {
        using var sandbox = new CliSandbox();

        var result = await sandbox.RunAsync(["config", "schema"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var shipped = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "schemas", "load-config.schema.json"));
        Assert.Equal(shipped.Trim(), result.Out.Trim());
        using var parsed = JsonDocument.Parse(result.Out);
        Assert.Equal("object", parsed.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task ConfigListShowDelete_NoState_SayNothingIsStoredAndCreateNoState()
    {
        using var sandbox = new CliSandbox();

        var list = await sandbox.RunAsync(["config", "list", "--json"]);
        var show = await sandbox.RunAsync(["config", "show", "nope"]);
        var delete = await sandbox.RunAsync(["config", "delete", "nope"]);

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal(0, list.Json().GetProperty("configs").GetArrayLength());
        Assert.True(show.ExitCode == 2, show.ToString());
        Assert.Contains("'nope'", show.Error, StringComparison.Ordinal);
        Assert.True(delete.ExitCode == 2, delete.ToString());
        Assert.False(Directory.Exists(sandbox.StateFolder), "a reading command created state");
    }

    [Fact]
    public async Task ConfigDelete_StoredConfig_ForgetsItAndItsCheckpointsKeepsItsLakeFilesAndARerunReloads()
    {
        using var sandbox = new CliSandbox();
        var file = sandbox.WriteFile("my.json", (await sandbox.RunAsync(["config", "example"])).Out);
        var first = await sandbox.RunAsync(["run", "--config", file, "--sim-rows-per-day", Rows, "--json"]);
        var files = Directory.GetFiles(sandbox.LakeFolder, "*.parquet", SearchOption.AllDirectories);

        var delete = await sandbox.RunAsync(["config", "delete", "officeactivity-example"]);
        var list = await sandbox.RunAsync(["config", "list", "--json"]);
        var again = await sandbox.RunAsync(["run", "--config", file, "--sim-rows-per-day", Rows, "--json"]);

        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Contains("officeactivity-example", delete.Out, StringComparison.Ordinal);
        Assert.Equal(0, list.Json().GetProperty("configs").GetArrayLength());
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.True(File.Exists(f), f));

        // No checkpoint survived: the same config stored again plans and loads its whole range again.
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(first.Json().GetProperty("windows").GetInt32(), again.Json().GetProperty("windows").GetInt32());
        Assert.Equal(first.Json().GetProperty("rows").GetInt64(), again.Json().GetProperty("rows").GetInt64());
        var verify = await sandbox.RunAsync(["verify", "--sim-rows-per-day", Rows, "--json"]);
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }

    [Fact]
    public async Task ConfigList_StoredConfigs_ShowsEachWithTableModeAndStatus()
    {
        using var sandbox = new CliSandbox();
        var file = sandbox.WriteFile("my.json", (await sandbox.RunAsync(["config", "example"])).Out);
        await sandbox.RunAsync(["run", "--config", file, "--sim-rows-per-day", Rows, "--json"]);

        var text = await sandbox.RunAsync(["config", "list"]);
        var json = await sandbox.RunAsync(["config", "list", "--json"]);

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Matches(@"officeactivity-example\s+OfficeActivity\s+backfill\s+simulated\s+SUCCEEDED\s+\[2025-03-03T00:00:00Z, 2025-03-04T00:00:00Z\)", text.Out);
        var config = Assert.Single(json.Json().GetProperty("configs").EnumerateArray());
        Assert.Equal("SUCCEEDED", config.GetProperty("status").GetString());
        Assert.Equal("2025-03-03T00:00:00Z", config.GetProperty("from").GetString());
    }
}
