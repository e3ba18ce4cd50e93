namespace LogIngest.Cli.Tests;

public class BadInputTests
{
    public static TheoryData<string[], string> Cases => new()
    {
        { ["backfill", "--simulated", "--table", "OfficeActivity", "--from", "2025-13-01", "--to", "2025-01-02"], "--from" },
        { ["backfill", "--simulated", "--table", "OfficeActivity", "--from", "2025-01-01", "--to", "2025-01-02T00:00:00"], "--to" },
        { ["backfill", "--simulated", "--table", "OfficeActivity", "--from", "2025-01-02", "--to", "2025-01-01"], "--to" },
        { ["backfill", "--table", "OfficeActivity", "--from", "2025-01-01", "--to", "2025-01-02"], "--simulated" },
        { ["backfill", "--simulated", "--table", "Office Activity", "--from", "2025-01-01", "--to", "2025-01-02"], "table" },
        { ["backfill", "--simulated", "--table", "OfficeActivity", "--from", "2025-01-01", "--to", "2025-01-02", "--parallelism", "99"], "parallelism" },
        { ["backfill", "--workspace-id", "not-a-guid", "--table", "OfficeActivity", "--from", "2025-01-01", "--to", "2025-01-02"], "workspaceId" },
        { ["backfill", "--simulated", "--from", "2025-01-01", "--to", "2025-01-02"], "--table" },
        { ["run"], "--config" },
        { ["run", "--config", "no-such-config"], "--config" },
        { ["demo", "--sim-rows-per-day", "-5"], "--sim-rows-per-day" },
        { ["demo", "--now", "yesterday"], "--now" },
        { ["nonsense"], "nonsense" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Command_BadInput_ExitsTwoNamingTheFieldAndChangesNothing(string[] args, string field)
    {
        using var sandbox = new CliSandbox();

        var result = await sandbox.RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(field, result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
        Assert.False(Directory.Exists(sandbox.StateFolder), "bad input created state");
    }

    [Fact]
    public async Task Run_InvalidConfigFile_ExitsTwoNamingEveryBadField()
    {
        using var sandbox = new CliSandbox();
        var file = sandbox.WriteFile("bad.json", """
            { "id": "Bad_Id", "table": "OfficeActivity", "source": { "kind": "simulated" }, "mode": "backfill",
              "from": "2025-01-02T00:00:00Z", "to": "2025-01-01T00:00:00Z", "parallelism": 0 }
            """);

        var result = await sandbox.RunAsync(["run", "--config", file]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("id", result.Error, StringComparison.Ordinal);
        Assert.Contains("parallelism", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(sandbox.StateFolder), "a bad config file created state");
    }

    [Fact]
    public async Task Status_UnknownRunId_ExitsTwoNamingIt()
    {
        using var sandbox = new CliSandbox();

        var result = await sandbox.RunAsync(["status", "no-such-run"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("runId 'no-such-run'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_UnknownConfig_ExitsTwoNamingIt()
    {
        using var sandbox = new CliSandbox();

        var result = await sandbox.RunAsync(["verify", "--config", "nope"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("'nope'", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("run")]
    [InlineData("backfill")]
    [InlineData("status")]
    [InlineData("verify")]
    [InlineData("config")]
    public async Task Command_Help_DescribesItAndExitsZero(string command)
    {
        using var sandbox = new CliSandbox();

        var result = await sandbox.RunAsync([command, "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
        Assert.Contains(command, result.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(sandbox.StateFolder));
    }
}
