using Azure.Core;
using LogIngest.Azure.Cosmos;
using LogIngest.Azure.Hosting;
using LogIngest.Core.Hosting;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.Sources;
using LogIngest.Local.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LogIngest.Cli.Tests;

/// <summary>The Azure composition keeps the app-wide query slots in Cosmos, tuned by the QuerySlots__* app settings.</summary>
public sealed class QuerySlotSettingsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "logingest-slotsettings-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private sealed class NoCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new("test", DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    private static IConfiguration Settings(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Lake:BlobEndpoint"] = "https://lakeacct.blob.core.windows.net/",
            ["Lake:Container"] = "lake",
            ["COSMOS:accountEndpoint"] = "https://state.documents.azure.com:443/",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    [Fact]
    public void AddLogIngestAzure_NoQuerySlotSettings_LeasesFiveSlotsInCosmos()
    {
        using var services = new ServiceCollection().AddLogIngest().AddLogIngestAzure(Settings(), new NoCredential()).BuildServiceProvider();

        Assert.IsType<CosmosStateStore>(services.GetRequiredService<IQuerySlotStore>());
        Assert.Same(services.GetRequiredService<IStateStore>(), services.GetRequiredService<IQuerySlotStore>());
        Assert.Equal(5, services.GetRequiredService<QueryGate>().AppWideMaxConcurrentQueries);
    }

    [Fact]
    public void AddLogIngestAzure_QuerySlotSettings_TuneTheSlots()
    {
        var configuration = Settings(
            ("QuerySlots:MaxConcurrentQueries", "4"),
            ("QuerySlots:LeaseDuration", "00:01:00"),
            ("QuerySlots:RenewInterval", "00:00:15"),
            ("QuerySlots:MinPollDelay", "00:00:00.25"),
            ("QuerySlots:MaxPollDelay", "00:00:05"));

        using var services = new ServiceCollection().AddLogIngest().AddLogIngestAzure(configuration, new NoCredential()).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<QuerySlotOptions>>().Value;
        Assert.Equal(4, services.GetRequiredService<QueryGate>().AppWideMaxConcurrentQueries);
        Assert.Equal(TimeSpan.FromMinutes(1), options.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(15), options.RenewInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.MinPollDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), options.MaxPollDelay);
    }

    [Theory]
    [InlineData("QuerySlots:LeaseDuration", "soon", "App setting QuerySlots__LeaseDuration is not valid: 'soon' (expected a time span")]
    [InlineData("QuerySlots:LeaseDuration", "30", "App setting QuerySlots__LeaseDuration must be a time span hh:mm:ss above zero and at most 00:10:00")]
    [InlineData("QuerySlots:MaxConcurrentQueries", "five", "App setting QuerySlots__MaxConcurrentQueries is not valid: 'five' (expected a whole number")]
    [InlineData("QuerySlots:MaxConcurrentQueries", "0", "App setting QuerySlots__MaxConcurrentQueries must be at least 1")]
    [InlineData("QuerySlots:RenewInterval", "00:00:20", "App setting QuerySlots__RenewInterval must be")]
    [InlineData("QuerySlots:MaxPollDelay", "00:00:00.01", "App setting QuerySlots__MaxPollDelay must be at least")]
    public void AddLogIngestAzure_BadQuerySlotSetting_StopsStartUpNamingTheSetting(string key, string value, string message)
    {
        using var services = new ServiceCollection().AddLogIngestAzure(Settings((key, value)), new NoCredential()).BuildServiceProvider();

        var problems = AzureCompositionTests.StartUpProblems(services);

        Assert.Contains(problems, p => p.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void AddAzureCosmosState_AfterTheLocalAdapters_SlotsFollowTheStateStore()
    {
        using var services = new ServiceCollection()
            .AddLogIngest()
            .AddLogIngestLocal(o =>
            {
                o.DatabasePath = Path.Combine(_folder, "state.db");
                o.LakeRoot = Path.Combine(_folder, "lake");
            })
            .AddAzureCosmosState(o =>
            {
                o.AccountEndpoint = new Uri("https://127.0.0.1:8081/");
                o.AccountKey = Convert.ToBase64String(new byte[64]);
            })
            .BuildServiceProvider();

        Assert.IsType<CosmosStateStore>(services.GetRequiredService<IStateStore>());
        Assert.Same(services.GetRequiredService<IStateStore>(), services.GetRequiredService<IQuerySlotStore>());
    }
}
