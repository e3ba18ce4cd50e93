using Azure.Core;
using LogIngest.Core.Model;
using LogIngest.Local.Simulation;

namespace LogIngest.Cli.Tests;

/// <summary>Signing in to Azure from the CLI: a missing login said once with its fix, and the Log Analytics endpoint and audience of other clouds.</summary>
public sealed class SignInAndCloudTests
{
    [Theory]
    [InlineData("--simulated")] // the lake is the first service asked
    [InlineData("--workspace-id=5e1a7ed0-0000-4000-8000-00000000000a")] // the workspace is
    public async Task Backfill_NoLogin_ExitsTwoWithOneLineNamingTheFix(string source)
    {
        using var sandbox = new CliSandbox();

        var result = await sandbox.RunAsync(["backfill", source, "--table", "OfficeActivity", "--from", "2025-01-06", "--to", "2025-01-07",
            "--sim-rows-per-day", "2000", "--lake", "https://nosuchaccount.blob.core.windows.net/lake"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: R401:", line, StringComparison.Ordinal);
        Assert.Contains("az login", line, StringComparison.Ordinal);
        Assert.Contains("managed identity", line, StringComparison.Ordinal);
        Assert.Contains("AZURE_CLIENT_ID", line, StringComparison.Ordinal);
        Assert.DoesNotContain("U900", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(sandbox.StateFolder));
    }

    [Fact]
    public async Task Backfill_SovereignEndpointAndAudience_QueriesThereWithThatAudience()
    {
        var workspace = new SimulatedWorkspace(new SimulatedWorkspaceOptions { OfficeActivityRowsPerDay = 2000 }, TimeProvider.System);
        await using var server = await SimulatedLogAnalyticsServer.StartAsync(workspace);
        using var sandbox = new CliSandbox { LogAnalyticsTransport = new global::Azure.Core.Pipeline.HttpClientTransport(server.CreateTrustingHandler()) };
        var credential = new ScopeRecorder();
        sandbox.Credential = credential;

        var result = await sandbox.RunAsync(["backfill", "--workspace-id", server.WorkspaceId, "--table", "OfficeActivity", "--from", "2025-01-06", "--to", "2025-01-07",
            "--la-endpoint", server.Endpoint.ToString(), "--la-audience", "https://api.loganalytics.us", "--json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            await Simulated.CountAsync(2000, TimeAxis.TimeGenerated, new(2025, 1, 6, 0, 0, 0, TimeSpan.Zero), new(2025, 1, 7, 0, 0, 0, TimeSpan.Zero)),
            result.Json().GetProperty("rows").GetInt64());
        Assert.NotEmpty(server.Requests);
        Assert.Equal(["https://api.loganalytics.us/.default"], credential.Scopes.Distinct().ToList());
    }

    /// <summary>Grants any token and remembers which audiences were asked for.</summary>
    private sealed class ScopeRecorder : TokenCredential
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            foreach (var scope in requestContext.Scopes)
            {
                Scopes.Add(scope);
            }

            return new AccessToken("token", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
