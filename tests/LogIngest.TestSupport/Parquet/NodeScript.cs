using System.Diagnostics;
using System.Text.Json;

namespace LogIngest.TestSupport.Parquet;

/// <summary>Runs one of the test-support Node scripts: JSON request on stdin, JSON reply on stdout.</summary>
public static class NodeScript
{
    /// <summary>The folder holding the Node scripts of the test support library.</summary>
    public static string ScriptsFolder => Path.Combine(TestPaths.TestsFolder, "LogIngest.TestSupport", "node");

    public static async Task<JsonDocument> RunAsync(string script, object request, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(Servers.NodeRuntime.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = TestPaths.TestsFolder,
        };
        start.ArgumentList.Add("--max-old-space-size=4096");
        start.ArgumentList.Add(Path.Combine(ScriptsFolder, script));

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + start.FileName + ".");
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeoutSource.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeoutSource.Token);
            await process.StandardInput.WriteAsync(JsonSerializer.Serialize(request).AsMemory(), timeoutSource.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeoutSource.Token);
            var output = await stdout;
            var errors = await stderr;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"node {script} exited with {process.ExitCode}: {errors}");
            }

            return JsonDocument.Parse(output);
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
