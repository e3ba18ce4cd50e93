using System.Text.Json;
using System.Text.RegularExpressions;
using LogIngest.TestSupport;

namespace LogIngest.Infra.Tests;

/// <summary>
/// What `azd up` joins together: main.parameters.json feeds main.bicep's parameters, the preprovision hooks
/// check those inputs, and the postprovision hooks read main.bicep's outputs to write local.settings.json.
/// </summary>
[Collection(MainTemplateGroup.Name)]
public partial class AzdWiringTests(MainTemplateFixture main)
{
    private static string Infra(string path) => Path.Combine(MainTemplateFixture.InfraFolder, path);

    [Fact]
    public void MainParameters_EveryEntry_IsAParameterOfMain()
    {
        // ARM rejects a deployment that passes a parameter the template does not declare.
        Assert.Empty(ParameterFileEntries().Keys.Except(main.Template.ParameterNames));
    }

    [Fact]
    public void MainParameters_EveryParameterWithoutDefault_IsMapped()
    {
        var required = main.Template.Main.Template.GetProperty("parameters").EnumerateObject()
            .Where(p => !p.Value.TryGetProperty("defaultValue", out _))
            .Select(p => p.Name);

        Assert.Empty(required.Except(ParameterFileEntries().Keys));
    }

    [Fact]
    public void PreprovisionHooks_EveryVariableTheyCheck_FeedsAParameter()
    {
        var mapped = ParameterFileEntries().Values.SelectMany(v => AzdVariable().Matches(v).Select(m => m.Groups["name"].Value)).ToHashSet();

        foreach (var hook in new[] { "hooks/preprovision.sh", "hooks/preprovision.ps1" })
        {
            var read = EnvironmentVariablesRead(hook);
            Assert.NotEmpty(read);
            Assert.Empty(read.Except(mapped));
        }
    }

    [Fact]
    public void PostprovisionHooks_EveryVariableTheyRead_IsAnOutputOfMain()
    {
        foreach (var hook in new[] { "hooks/postprovision.sh", "hooks/postprovision.ps1" })
        {
            var read = EnvironmentVariablesRead(hook);
            Assert.NotEmpty(read);
            Assert.Empty(read.Except(main.Template.OutputNames));
        }
    }

    [Fact]
    public void PostprovisionHooks_LocalSettings_HaveTheKeysOfTheSample()
    {
        var sample = LocalSettingsSample.Keys().Order(StringComparer.Ordinal).ToList();
        var sh = File.ReadAllText(Infra("hooks/postprovision.sh"));
        var ps1 = File.ReadAllText(Infra("hooks/postprovision.ps1"));

        var shKeys = JsonKey().Matches(ShellValuesBlock().Match(sh).Groups["body"].Value).Select(m => m.Groups["key"].Value);
        var ps1Keys = PowerShellKey().Matches(PowerShellValuesBlock().Match(ps1).Groups["body"].Value).Select(m => m.Groups["key"].Value);

        Assert.Equal(sample, shKeys.Order(StringComparer.Ordinal));
        Assert.Equal(sample, ps1Keys.Order(StringComparer.Ordinal));
    }

    private static Dictionary<string, string> ParameterFileEntries()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Infra("main.parameters.json")));
        return file.RootElement.GetProperty("parameters").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("value").GetRawText());
    }

    private static HashSet<string> EnvironmentVariablesRead(string hook)
    {
        var text = File.ReadAllText(Infra(hook));
        var pattern = hook.EndsWith(".ps1", StringComparison.Ordinal) ? PowerShellVariable() : ShellVariable();
        return pattern.Matches(text).Select(m => m.Groups["name"].Value).ToHashSet();
    }

    // ${NAME} or ${NAME=default} in main.parameters.json
    [GeneratedRegex(@"\$\{(?<name>[A-Z][A-Z0-9_]*)")]
    private static partial Regex AzdVariable();

    // $NAME / ${NAME:-} in sh (upper case: the script's own variables are lower case)
    [GeneratedRegex(@"\$\{?(?<name>[A-Z][A-Z0-9_]*)")]
    private static partial Regex ShellVariable();

    [GeneratedRegex(@"\$env:(?<name>[A-Z][A-Z0-9_]*)|GetEnvironmentVariable\('(?<name>[A-Z][A-Z0-9_]*)'\)")]
    private static partial Regex PowerShellVariable();

    [GeneratedRegex(@"""Values"": \{(?<body>[^}]*)\}")]
    private static partial Regex ShellValuesBlock();

    [GeneratedRegex(@"^\s*""(?<key>\w+)"":", RegexOptions.Multiline)]
    private static partial Regex JsonKey();

    [GeneratedRegex(@"\$values = \[ordered\]@\{(?<body>[^}]*)\}")]
    private static partial Regex PowerShellValuesBlock();

    [GeneratedRegex(@"^\s*(?<key>\w+)\s*=", RegexOptions.Multiline)]
    private static partial Regex PowerShellKey();
}
