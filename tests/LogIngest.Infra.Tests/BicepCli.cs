using System.Diagnostics;
using System.Reflection;

namespace LogIngest.Infra.Tests;

/// <summary>
/// Runs the Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64, version pinned in
/// Directory.Packages.props). The build props of that package give its path, passed in as assembly metadata.
/// </summary>
internal static class BicepCli
{
    private static readonly Lazy<string> Executable = new(Locate);

    /// <summary>
    /// Compiles <paramref name="bicepFile"/> (and every module it references) with the bicepconfig.json found
    /// beside it or above it. Network access is pointed at a closed local port, so a template that needs a
    /// registry fails here at once instead of passing only on machines that happen to be online.
    /// </summary>
    public static async Task<BicepBuild> BuildAsync(string bicepFile, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(bicepFile)!,
        };
        start.ArgumentList.Add("build");
        start.ArgumentList.Add(bicepFile);
        start.ArgumentList.Add("--stdout");
        foreach (var name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy" })
        {
            start.Environment[name] = "http://127.0.0.1:9";
        }

        start.Environment["NO_PROXY"] = string.Empty;
        start.Environment["no_proxy"] = string.Empty;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + Executable.Value);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep build {bicepFile} did not finish within 5 minutes.");
        }

        var diagnostics = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var template = process.ExitCode == 0 ? await stdout : string.Empty;
        return new BicepBuild(process.ExitCode, template, diagnostics, clock.Elapsed);
    }

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepPath")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package is missing ('{path}'); restore tests/LogIngest.Infra.Tests.");
        }

        // NuGet does not always keep the executable bit of files it extracts.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | executable);
            }
        }

        return path;
    }
}
