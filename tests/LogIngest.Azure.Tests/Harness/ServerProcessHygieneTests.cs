using System.Diagnostics;
using LogIngest.TestSupport;
using LogIngest.TestSupport.Servers;

namespace LogIngest.Azure.Tests.Harness;

/// <summary>Test servers never outlive their fixture, nor the test host.</summary>
public sealed class ServerProcessHygieneTests
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task DisposeAsync_RunningAzurite_LeavesNoProcessAndNoFolder()
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var pid = azurite.Server.ProcessId;
        Assert.True(IsRunning(pid));

        await azurite.DisposeAsync();

        Assert.False(IsRunning(pid));
        Assert.False(Directory.Exists(azurite.Location));
    }

    [Fact]
    public async Task DisposeAsync_RunningCosmosServer_LeavesNoProcess()
    {
        var cosmos = new CosmosServerFixture();
        await cosmos.InitializeAsync();
        var pid = cosmos.Server.ProcessId;
        Assert.True(IsRunning(pid));

        await cosmos.DisposeAsync();

        Assert.False(IsRunning(pid));
    }

    [Fact]
    public async Task ServerStdin_ClosedAsWhenTestHostDies_ServerExitsByItself()
    {
        var location = Directory.CreateTempSubdirectory("logingest-hygiene-").FullName;
        try
        {
            var port = FreePort.Next();
            var script = Path.Combine(TestPaths.TestsFolder, "node_modules", "azurite", "dist", "src", "blob", "main.js");
            using var process = Process.Start(NodeServerProcess.CreateStartInfo(
                script, ["--location", location, "--silent", "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
            try
            {
                // The OS closes this pipe when the host dies however it dies; closing it here is the same event.
                process.StandardInput.Close();
                using var wait = new CancellationTokenSource(ExitWait);
                await process.WaitForExitAsync(wait.Token);
                Assert.True(process.HasExited);
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }
        finally
        {
            Directory.Delete(location, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_ServerFailsAtStart_ThrowsWithItsOutputTail()
    {
        var script = Path.Combine(Path.GetTempPath(), "logingest-failing-" + Guid.NewGuid().ToString("N") + ".cjs");
        await File.WriteAllTextAsync(script, "console.error('cannot open the lake: disk on fire'); process.exit(3);");
        try
        {
            var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => NodeServerProcess.StartAsync(
                () => new NodeServerLaunch("failing", script, [], new Uri($"http://127.0.0.1:{FreePort.Next()}/"))));

            Assert.Contains("failing", error.Message, StringComparison.Ordinal);
            Assert.Contains("exited with code 3", error.Message, StringComparison.Ordinal);
            Assert.Contains("disk on fire", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
