using System.Diagnostics;
using System.Security.Cryptography;
using LogIngest.TestSupport;
using LogIngest.TestSupport.Servers;

namespace LogIngest.Benchmarks;

/// <summary>
/// The npm packages of the local test servers (Azurite, the Cosmos server), installed as test.sh does
/// when the lock file changed since the last install, so a benchmark that starts them runs from a
/// fresh clone.
/// </summary>
internal static class TestServerPackages
{
    /// <summary>Null when the servers can start; otherwise the one line that says what is missing.</summary>
    public static async Task<string?> EnsureAsync(string benchmark)
    {
        try
        {
            _ = NodeRuntime.Path;
        }
        catch (InvalidOperationException)
        {
            return $"{benchmark}: needs Node.js 20+ and npm on PATH for Azurite and the Cosmos test server (e.g. apt-get install nodejs npm); install them and run again.";
        }

        var folder = TestPaths.TestsFolder;
        var lockSum = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(folder, "package-lock.json"))));
        var marker = Path.Combine(folder, "node_modules", ".lock-sum");
        if (File.Exists(marker) && (await File.ReadAllTextAsync(marker)).Trim() == lockSum)
        {
            return null;
        }

        Console.WriteLine($"{benchmark}: installing the test servers' npm packages (tests/package-lock.json) once...");
        var start = new ProcessStartInfo("npm") { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "install", "--no-audit", "--no-fund", "--no-save", "--loglevel=error" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var npm = Process.Start(start)!;
            var output = npm.StandardOutput.ReadToEndAsync();
            var errors = await npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync();
            await output;
            if (npm.ExitCode != 0)
            {
                return $"{benchmark}: npm install in tests/ failed (exit {npm.ExitCode}): {FirstLine(errors)}";
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"{benchmark}: needs npm on PATH to install Azurite and the Cosmos test server (e.g. apt-get install npm); install it and run again.";
        }

        await File.WriteAllTextAsync(marker, lockSum + "\n");
        return null;
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "(no message)";
}
