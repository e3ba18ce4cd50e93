namespace LogIngest.TestSupport;

/// <summary>Locates the repository from a test's output folder.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root (the folder holding LogIngest.sln).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The tests folder, where package.json and node_modules live.</summary>
    public static string TestsFolder => Path.Combine(RepositoryRoot, "tests");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LogIngest.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find LogIngest.sln above " + AppContext.BaseDirectory);
    }
}
