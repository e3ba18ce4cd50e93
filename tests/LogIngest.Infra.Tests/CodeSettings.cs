using LogIngest.Azure.Hosting;
using System.Text.RegularExpressions;

namespace LogIngest.Infra.Tests;

/// <summary>An app setting the Functions app reads, and where the code reads it.</summary>
/// <param name="Name">The setting's name as an app setting (<c>Lake__BlobEndpoint</c>; <c>:</c> written <c>__</c>).</param>
/// <param name="IsConnection">A connection name (<c>Connection = "X"</c>): satisfied by <c>X</c> or by <c>X__*</c> settings.</param>
internal sealed record CodeSetting(string Name, string Source, bool IsConnection = false);

/// <summary>
/// The app settings the Functions app reads: every property of the sections bound to classes
/// (<see cref="AzureAppSettings.Sections"/>, <c>Lake__BlobEndpoint</c>), and, found by reading the source, plain
/// configuration reads (<c>configuration["Lake:Container"]</c>, <c>Required(configuration, "Lake:BlobEndpoint", ...)</c>,
/// <c>GetValue&lt;T&gt;("...")</c>, with string constants followed), <c>%Name%</c> binding expressions in the
/// function attributes and host.json, and trigger connection names (<c>Connection = "EventHubConnection"</c>).
/// </summary>
internal static partial class CodeSettings
{
    /// <summary>Where the Functions app's settings are read, relative to the repository root.</summary>
    public static IReadOnlyList<string> SourceFiles(string root) =>
        new[] { "src/LogIngest.Functions", "src/LogIngest.Azure/Hosting" }
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                           !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Append(Path.Combine(root, "src", "LogIngest.Functions", "host.json"))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<CodeSetting> Read(string root) =>
        Bound()
            .Concat(SourceFiles(root).SelectMany(file => FromText(File.ReadAllText(file), Path.GetRelativePath(root, file).Replace('\\', '/'))))
            .DistinctBy(s => (s.Name.ToUpperInvariant(), s.IsConnection))
            .ToList();

    /// <summary>The settings of the bound sections, one per property the binder fills.</summary>
    public static IEnumerable<CodeSetting> Bound() =>
        from section in AzureAppSettings.Sections
        from property in AppSettingsBinding.BoundProperties(section.Settings)
        select new CodeSetting($"{section.Section}__{property.Name}", $"{section.Settings.Name} (AzureAppSettings.Sections)");

    /// <summary>The settings one source text reads.</summary>
    public static IEnumerable<CodeSetting> FromText(string text, string source)
    {
        var constants = Constant().Matches(text).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
        foreach (Match key in ConfigurationKey().Matches(text))
        {
            if (Resolve(key.Groups["key"].Value, constants) is { } name)
            {
                yield return new CodeSetting(ToAppSetting(name), source);
            }
        }

        foreach (Match binding in BindingExpression().Matches(text))
        {
            yield return new CodeSetting(ToAppSetting(binding.Groups["name"].Value), source);
        }

        foreach (Match connection in ConnectionName().Matches(text))
        {
            if (Resolve(connection.Groups["key"].Value, constants) is { } name)
            {
                yield return new CodeSetting(ToAppSetting(name), source, IsConnection: true);
            }
        }
    }

    private static string ToAppSetting(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);

    // A string literal, or a constant's name (possibly qualified: AzureAppSettings.LakeContainer). Any other
    // identifier is plumbing (the key parameter of a helper) and resolves to nothing.
    private static string? Resolve(string argument, Dictionary<string, string> constants)
    {
        if (argument.StartsWith('"'))
        {
            return argument.Trim('"');
        }

        var name = argument[(argument.LastIndexOf('.') + 1)..];
        return constants.TryGetValue(name, out var value) ? value : null;
    }

    [GeneratedRegex(@"const\s+string\s+(?<name>\w+)\s*=\s*""(?<value>[^""]*)""")]
    private static partial Regex Constant();

    // configuration["key"], configuration[Key], SomeHelper(configuration, "key", ...), configuration.GetValue<T>("key")
    [GeneratedRegex(@"[Cc]onfiguration\s*(?:\[\s*|\.GetValue<[^>]+>\(\s*)(?<key>""[^""]+""|[A-Za-z_][\w.]*)|\(\s*[Cc]onfiguration\s*,\s*(?<key>""[^""]+""|[A-Za-z_][\w.]*)")]
    private static partial Regex ConfigurationKey();

    // "%DailyLoadSchedule%" in an attribute or a host.json value.
    [GeneratedRegex(@"%(?<name>[A-Za-z_][A-Za-z0-9_]*(?::[A-Za-z0-9_]+)*)%")]
    private static partial Regex BindingExpression();

    [GeneratedRegex(@"\bConnection\s*=\s*(?<key>""[^""]+""|[A-Za-z_][\w.]*)")]
    private static partial Regex ConnectionName();
}
