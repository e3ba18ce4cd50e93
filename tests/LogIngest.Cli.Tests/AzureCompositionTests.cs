using Azure.Core;
using Azure.Storage;
using LogIngest.Azure.Blob;
using LogIngest.Azure.Cosmos;
using LogIngest.Azure.Hosting;
using LogIngest.Azure.LogAnalytics;
using LogIngest.Core.Hosting;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Cli.Tests;

public class AzureCompositionTests
{
    private sealed class NoCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("test", DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    private static ServiceProvider Build() => new ServiceCollection()
        .AddLogIngest()
        .AddAzureBlobLake(o =>
        {
            o.ContainerUri = new Uri("http://127.0.0.1:10000/devstoreaccount1/lake");
            o.SharedKeyCredential = new StorageSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[64]));
        })
        .AddAzureCosmosState(o =>
        {
            o.AccountEndpoint = new Uri("https://127.0.0.1:8081/");
            o.AccountKey = Convert.ToBase64String(new byte[64]);
        })
        .AddAzureLogAnalytics(credential: new NoCredential())
        .BuildServiceProvider();

    private static LoadConfig Config(string? workspace) => new()
    {
        Id = "la",
        Table = "SigninLogs",
        Source = new SourceSpec { Kind = SourceKinds.LogAnalytics, WorkspaceId = workspace },
    };

    [Fact]
    public void AddAzure_UsesBlobLakeCosmosStateAndOneClientPerWorkspace()
    {
        using var services = Build();

        Assert.IsType<BlobLakeStore>(services.GetRequiredService<ILakeStore>());
        Assert.IsType<CosmosStateStore>(services.GetRequiredService<IStateStore>());
        Assert.Same(services.GetRequiredService<IStateStore>(), services.GetRequiredService<IRunEventStore>());
        var sources = services.GetRequiredService<ILogSourceFactory>();
        var a = sources.ForConfig(Config("6f1c2d4e-0000-4000-8000-000000000001"));
        var b = sources.ForConfig(Config("6F1C2D4E-0000-4000-8000-000000000001") with { Id = "other" });
        var c = sources.ForConfig(Config("6f1c2d4e-0000-4000-8000-000000000002"));
        Assert.Same(a, b);
        Assert.NotSame(a, c);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("my-workspace")]
    public void ForConfig_LogAnalyticsWithoutAGuid_ThrowsC301NamingWorkspaceId(string? workspace)
    {
        using var services = Build();

        var error = Assert.Throws<LogIngestException>(() => services.GetRequiredService<ILogSourceFactory>().ForConfig(Config(workspace)));

        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        Assert.Contains("source.workspaceId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Provider_Create_MakesALogAnalyticsClientForTheConfigsWorkspace()
    {
        var provider = new LogAnalyticsSourceProvider(new NoCredential(), o => o.ServerTimeout = TimeSpan.FromSeconds(60));

        Assert.IsType<LogAnalyticsClient>(provider.Create(Config("6f1c2d4e-0000-4000-8000-000000000001")));
        Assert.Equal("6f1c2d4e-0000-4000-8000-000000000001", provider.KeyOf(Config("6F1C2D4E-0000-4000-8000-000000000001")));
    }

    private static Dictionary<string, string?> AppSettings() => new()
    {
        ["Lake:BlobEndpoint"] = "https://lakeacct.blob.core.windows.net/",
        ["Lake:Container"] = "lake",
        ["COSMOS:accountEndpoint"] = "https://state.documents.azure.com:443/",
        ["Cosmos:Database"] = "logingest",
        ["LogAnalytics:Endpoint"] = "https://api.loganalytics.azure.com",
    };

    [Fact]
    public void AddLogIngestAzure_AppSettingsAsAzdWritesThem_ComposesBlobLakeCosmosStateAndLogAnalytics()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(AppSettings()).Build();
        using var services = new ServiceCollection().AddLogIngest().AddLogIngestAzure(configuration, new NoCredential()).BuildServiceProvider();

        Assert.IsType<BlobLakeStore>(services.GetRequiredService<ILakeStore>());
        Assert.IsType<CosmosStateStore>(services.GetRequiredService<IStateStore>());
        Assert.NotNull(services.GetRequiredService<ILogSourceFactory>().ForConfig(Config("6f1c2d4e-0000-4000-8000-000000000001")));
    }

    [Theory]
    [InlineData("Lake:BlobEndpoint", null, "Lake__BlobEndpoint")]
    [InlineData("COSMOS:accountEndpoint", "not a url", "COSMOS__accountEndpoint")]
    [InlineData("Lake:Container", "", "Lake__Container")]
    public void AddLogIngestAzure_MissingOrBadSetting_FailsNamingTheSetting(string key, string? value, string named)
    {
        var settings = AppSettings();
        settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var error = Assert.Throws<LogIngestException>(() => { new ServiceCollection().AddLogIngestAzure(configuration, new NoCredential()); });

        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
