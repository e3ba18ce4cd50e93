namespace LogIngest.TestSupport.Servers;

/// <summary>Finds the <c>node</c> executable the test servers run on.</summary>
public static class NodeRuntime
{
    private static readonly Lazy<string> Executable = new(Find);

    /// <summary>Full path of <c>node</c>, found on PATH.</summary>
    public static string Path => Executable.Value;

    /// <summary>The preload script that makes a server exit when its stdin (held by the test host) closes.</summary>
    public static string ExitWithParentScript =>
        System.IO.Path.Combine(TestPaths.TestsFolder, "LogIngest.TestSupport", "node", "exit-with-parent.cjs");

    private static string Find()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "node.exe" } : new[] { "node" };
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = System.IO.Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException(
            "Node.js is not on PATH; the test servers need it. Run ./test.sh once (it installs Node.js) or install Node.js >= 20.");
    }
}
