using System.Text.RegularExpressions;
using LogIngest.TestSupport;
using Xunit.Abstractions;

namespace LogIngest.Infra.Tests;

[Collection(MainTemplateGroup.Name)]
public partial class BicepBuildTests(MainTemplateFixture main, ITestOutputHelper output)
{
    private static readonly string[] RegistrySchemes = ["br:", "br/", "ts:", "ts/"];

    [Fact]
    public void Build_MainTemplate_CompilesWithoutAnyDiagnostic()
    {
        output.WriteLine($"bicep build infra/main.bicep: {main.Build.Elapsed.TotalSeconds:F1} s");
        Assert.True(main.Build.IsClean, main.Build.Describe());
        Assert.NotEmpty(main.Template.Resources);
    }

    [Theory]
    [InlineData("typo-property.bicep", "BCP089")]
    [InlineData("type-error.bicep", "BCP036")]
    [InlineData("undefined-symbol.bicep", "BCP057")]
    [InlineData("unused-parameter.bicep", "no-unused-params")]
    [InlineData("outdated-api-version.bicep", "use-recent-api-versions")]
    public async Task Build_BrokenFixture_FailsTheCheckForThatDefect(string fixture, string expectedCode)
    {
        // Compiled beside a copy of infra/bicepconfig.json, so the fixture meets the same linter settings.
        var folder = Directory.CreateTempSubdirectory("logingest-bicep-");
        try
        {
            File.Copy(Path.Combine(MainTemplateFixture.InfraFolder, "bicepconfig.json"), Path.Combine(folder.FullName, "bicepconfig.json"));
            var file = Path.Combine(folder.FullName, fixture);
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture), file);

            var build = await BicepCli.BuildAsync(file);

            output.WriteLine(build.Describe());
            Assert.False(build.IsClean, "a broken template passed the check: " + build.Describe());
            Assert.Equal([expectedCode], build.Codes);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void ModuleReferences_InfraFiles_AreLocalFiles()
    {
        foreach (var (file, path) in ModuleReferences(Directory.EnumerateFiles(MainTemplateFixture.InfraFolder, "*.bicep", SearchOption.AllDirectories)))
        {
            Assert.False(RegistrySchemes.Any(s => path.StartsWith(s, StringComparison.OrdinalIgnoreCase)),
                $"{file} uses the registry module '{path}', which cannot be restored offline.");
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(file)!, path)), $"{file}: module '{path}' does not exist.");
        }
    }

    [Fact]
    public void ModuleReferences_EveryAppModule_IsCompiledThroughMain()
    {
        // A module main does not reach would never be compiled by the build check.
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([Path.GetFullPath(Path.Combine(MainTemplateFixture.InfraFolder, "main.bicep"))]);
        while (pending.TryDequeue(out var file))
        {
            if (reached.Add(file))
            {
                foreach (var (_, path) in ModuleReferences([file]))
                {
                    pending.Enqueue(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, path)));
                }
            }
        }

        var modules = Directory.EnumerateFiles(Path.Combine(MainTemplateFixture.InfraFolder, "app"), "*.bicep").Select(Path.GetFullPath);
        Assert.Empty(modules.Where(m => !reached.Contains(m)).Select(m => Path.GetRelativePath(TestPaths.RepositoryRoot, m)));
    }

    private static IEnumerable<(string File, string Path)> ModuleReferences(IEnumerable<string> files) =>
        files.SelectMany(file => ModuleDeclaration().Matches(File.ReadAllText(file)).Select(m => (file, m.Groups["path"].Value)));

    [GeneratedRegex(@"^\s*module\s+\w+\s+'(?<path>[^']+)'", RegexOptions.Multiline)]
    private static partial Regex ModuleDeclaration();
}
