using LogIngest.TestSupport;

namespace LogIngest.Infra.Tests;

/// <summary>Compiles infra/main.bicep once for every test of the <see cref="MainTemplateGroup"/>.</summary>
public sealed class MainTemplateFixture : IAsyncLifetime
{
    private BicepBuild? _build;
    private ArmTemplate? _template;

    public static string InfraFolder => Path.Combine(TestPaths.RepositoryRoot, "infra");

    internal BicepBuild Build => _build ?? throw new InvalidOperationException("Not compiled yet.");

    /// <summary>The compiled template; fails the calling test with the compiler's output if main did not compile.</summary>
    internal ArmTemplate Template
    {
        get
        {
            Assert.True(Build.ExitCode == 0 && _template is not null, "infra/main.bicep did not compile: " + Build.Describe());
            return _template!;
        }
    }

    public async Task InitializeAsync()
    {
        _build = await BicepCli.BuildAsync(Path.Combine(InfraFolder, "main.bicep"));
        _template = _build.ExitCode == 0 ? ArmTemplate.Parse(_build.Template) : null;
    }

    public Task DisposeAsync()
    {
        _template?.Document.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class MainTemplateGroup : ICollectionFixture<MainTemplateFixture>
{
    public const string Name = "infra/main.bicep";
}
