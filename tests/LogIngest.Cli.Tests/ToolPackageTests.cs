using System.Diagnostics;
using LogIngest.Core.Configuration;
using LogIngest.TestSupport;

namespace LogIngest.Cli.Tests;

/// <summary>
/// `logingest` as a .NET tool, as README installs it: `dotnet pack` of the CLI project, then
/// `dotnet tool install` from that folder alone. Packs the build the tests already have (--no-build).
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly string _folder = Directory.CreateTempSubdirectory("logingest-tool-").FullName;

    [Fact]
    public async Task PackThenToolInstall_FromThePackFolder_InstallsALogingestCommandThatRuns()
    {
        var packages = Path.Combine(_folder, "packages");
        var tools = Path.Combine(_folder, "tools");

        // Only the pack folder as a package source: nothing is looked up elsewhere.
        var nugetConfig = Path.Combine(_folder, "nuget.config");
        await File.WriteAllTextAsync(nugetConfig, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{packages}" />
              </packageSources>
            </configuration>
            """);

        var pack = await RunAsync(Dotnet, ["pack", Path.Combine(TestPaths.RepositoryRoot, "src", "LogIngest.Cli", "LogIngest.Cli.csproj"), "-c", Configuration, "--no-build", "--nologo", "-o", packages], TestPaths.RepositoryRoot);
        Assert.True(pack.ExitCode == 0, pack.Output);
        Assert.Single(Directory.GetFiles(packages, "logingest.*.nupkg"));

        var install = await RunAsync(Dotnet, ["tool", "install", "logingest", "--tool-path", tools, "--configfile", nugetConfig]);
        Assert.True(install.ExitCode == 0, install.Output);

        var command = Path.Combine(tools, OperatingSystem.IsWindows() ? "logingest.exe" : "logingest");
        var help = await RunAsync(command, ["--help"]);
        var example = await RunAsync(command, ["config", "example"]);

        Assert.True(help.ExitCode == 0, help.Output);
        Assert.Contains("Usage:", help.Output, StringComparison.Ordinal);
        Assert.Contains("config", help.Output, StringComparison.Ordinal);
        Assert.True(example.ExitCode == 0, example.Output);
        Assert.Equal("OfficeActivity", ConfigJson.Parse(example.Output).Table); // the embedded sample travelled in the package
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    // The dotnet host running these tests (set by dotnet test), else the one on PATH.
    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private async Task<(int ExitCode, string Output)> RunAsync(string file, string[] arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? _folder,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + file + ".");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
