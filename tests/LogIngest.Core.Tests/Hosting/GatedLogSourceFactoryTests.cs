using LogIngest.Core.Hosting;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.Sources;
using Moq;

namespace LogIngest.Core.Tests.Hosting;

public class GatedLogSourceFactoryTests
{
    private sealed class Provider(string kind) : ILogSourceProvider
    {
        public int Created { get; private set; }

        public string Kind => kind;

        public string KeyOf(LoadConfig config) => config.Source.WorkspaceId ?? "default";

        public ILogSource Create(LoadConfig config)
        {
            Created++;
            var source = new Mock<ILogSource>();
            source.Setup(s => s.CountAsync(It.IsAny<LogWindowQuery>(), It.IsAny<CancellationToken>())).ReturnsAsync(7);
            return source.Object;
        }
    }

    private static LoadConfig Config(string kind, string? workspace = null) =>
        new() { Id = "c", Table = "T", Source = new SourceSpec { Kind = kind, WorkspaceId = workspace } };

    private static LogWindowQuery Query => new("T", TimeAxis.TimeGenerated, new Interval(0, 10));

    [Fact]
    public async Task ForConfig_KnownKind_RoutesToItsProviderThroughTheGate()
    {
        using var gate = new QueryGate();
        var simulated = new Provider(SourceKinds.Simulated);
        var other = new Provider(SourceKinds.LogAnalytics);
        var factory = new GatedLogSourceFactory([simulated, other], gate);

        var count = await factory.ForConfig(Config(SourceKinds.Simulated)).CountAsync(Query);

        Assert.Equal(7, count);
        Assert.Equal(1, simulated.Created);
        Assert.Equal(0, other.Created);
        Assert.Equal(1, gate.Queries);
        Assert.Equal(1, gate.CountQueries);
    }

    [Fact]
    public void ForConfig_SameKey_ReusesOneSource_DifferentKey_MakesAnother()
    {
        using var gate = new QueryGate();
        var provider = new Provider(SourceKinds.LogAnalytics);
        var factory = new GatedLogSourceFactory([provider], gate);

        var a = factory.ForConfig(Config(SourceKinds.LogAnalytics, "w1"));
        var b = factory.ForConfig(Config(SourceKinds.LogAnalytics, "w1") with { Id = "other" });
        var c = factory.ForConfig(Config(SourceKinds.LogAnalytics, "w2"));

        Assert.Same(a, b);
        Assert.NotSame(a, c);
        Assert.Equal(2, provider.Created);
    }

    [Fact]
    public void ForConfig_UnknownKind_ThrowsC301NamingSourceKindAndWhatIsServed()
    {
        using var gate = new QueryGate();
        var factory = new GatedLogSourceFactory([new Provider(SourceKinds.Simulated)], gate);

        var error = Assert.Throws<LogIngestException>(() => factory.ForConfig(Config(SourceKinds.LogAnalytics, "w")));

        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        Assert.Contains("source.kind 'logAnalytics'", error.Message, StringComparison.Ordinal);
        Assert.Contains(SourceKinds.Simulated, error.Message, StringComparison.Ordinal);
    }
}
