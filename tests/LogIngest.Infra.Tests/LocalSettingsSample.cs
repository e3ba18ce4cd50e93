using System.Text.Json;
using LogIngest.TestSupport;

namespace LogIngest.Infra.Tests;

/// <summary>The keys of local.settings.sample.json (its "Values"), the documented local settings.</summary>
internal static class LocalSettingsSample
{
    public static IReadOnlyList<string> Keys()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "local.settings.sample.json")));
        return sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToList();
    }
}
