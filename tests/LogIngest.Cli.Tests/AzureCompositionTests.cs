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
using Microsoft.Extensions.Options;

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
    [InlineData("Lake:BlobEndpoint", null, "App setting Lake__BlobEndpoint is missing")]
    [InlineData("COSMOS:accountEndpoint", "not a url", "App setting COSMOS__accountEndpoint is not valid: 'not a url' (expected an http(s) URL)")]
    [InlineData("Lake:Container", "", "App setting Lake__Container is missing")]
    [InlineData("LogAnalytics:Endpoint", "ftp://example.com", "App setting LogAnalytics__Endpoint is not valid")]
    public void AddLogIngestAzure_MissingOrBadSetting_StopsStartUpNamingTheSetting(string key, string? value, string message)
    {
        var settings = AppSettings();
        settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogIngestAzure(configuration, new NoCredential()).BuildServiceProvider();

        var problems = StartUpProblems(services);

        // Setting names ignore case (COSMOS__accountEndpoint and Cosmos__AccountEndpoint are one setting).
        Assert.Contains(problems, p => p.Contains(message, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(problems, p => p.Contains("System.", StringComparison.Ordinal));
    }

    [Fact]
    public void AddLogIngestAzure_SeveralBadSettings_NamesEachOneAtStartUp()
    {
        var settings = AppSettings();
        settings["Lake:BlobEndpoint"] = null;
        settings["COSMOS:accountEndpoint"] = "cosmos";
        settings["QuerySlots:MaxConcurrentQueries"] = "five";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogIngestAzure(configuration, new NoCredential()).BuildServiceProvider();

        var problems = string.Join("\n", StartUpProblems(services));

        Assert.Contains("Lake__BlobEndpoint", problems, StringComparison.Ordinal);
        Assert.Contains("COSMOS__accountEndpoint", problems, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("QuerySlots__MaxConcurrentQueries is not valid: 'five' (expected a whole number", problems, StringComparison.Ordinal);
    }

    /// <summary>What the host's start-up validation (<c>ValidateOnStart</c>) reports, one message per problem.</summary>
    internal static IReadOnlyList<string> StartUpProblems(IServiceProvider services)
    {
        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());
        var failures = error is AggregateException all ? all.InnerExceptions : [error];
        return failures.SelectMany(f => f is OptionsValidationException named ? named.Failures : [f.Message]).ToList();
    }
}
