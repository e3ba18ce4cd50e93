using System.Globalization;
using Azure.Core;
using Azure.Identity;
using LogIngest.Core.Observability;
using LogIngest.Core.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Azure.Hosting;

/// <summary>
/// Composes the Azure adapters from the app settings <c>azd up</c> writes (see local.settings.sample.json):
/// <c>Lake__BlobEndpoint</c> + <c>Lake__Container</c>, <c>COSMOS__accountEndpoint</c> + <c>Cosmos__Database</c>,
/// <c>LogAnalytics__Endpoint</c>, and optionally the app-wide query slots: <c>QuerySlots__MaxConcurrentQueries</c>,
/// <c>QuerySlots__LeaseDuration</c>, <c>QuerySlots__RenewInterval</c>, <c>QuerySlots__MinPollDelay</c>,
/// <c>QuerySlots__MaxPollDelay</c> (durations in seconds, e.g. "30", or as "00:00:30"; defaults in
/// <see cref="QuerySlotOptions"/>). Every service authenticates with one credential (the app's managed
/// identity on Azure). A missing or malformed setting fails start-up naming the setting.
/// </summary>
public static class AzureAppSettings
{
    public static IServiceCollection AddLogIngestAzure(this IServiceCollection services, IConfiguration configuration, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        credential ??= new DefaultAzureCredential();
        var blobEndpoint = RequiredUri(configuration, "Lake:BlobEndpoint", "https://<account>.blob.core.windows.net");
        var container = Required(configuration, "Lake:Container", "lake");
        var cosmosEndpoint = RequiredUri(configuration, "COSMOS:accountEndpoint", "https://<account>.documents.azure.com:443/");
        var database = configuration["Cosmos:Database"] is { Length: > 0 } name ? name : "logingest";
        var logAnalyticsEndpoint = configuration["LogAnalytics:Endpoint"] is { Length: > 0 } la
            ? ParseUri("LogAnalytics:Endpoint", la, "https://api.loganalytics.azure.com")
            : null;
        var querySlots = QuerySlots(configuration);

        services.AddSingleton(querySlots);
        return services
            .AddAzureBlobLake(o =>
            {
                o.ContainerUri = new Uri(blobEndpoint.AbsoluteUri.TrimEnd('/') + "/" + container);
                o.Credential = credential;
                o.CreateContainerIfMissing = false; // provisioned by infra; data roles cannot create it
            })
            .AddAzureCosmosState(o =>
            {
                o.AccountEndpoint = cosmosEndpoint;
                o.Credential = credential;
                o.DatabaseName = database;
                o.CreateIfMissing = false; // provisioned by infra; data-plane roles cannot create containers
            })
            .AddAzureLogAnalytics(
                o =>
                {
                    if (logAnalyticsEndpoint is not null)
                    {
                        o.Endpoint = logAnalyticsEndpoint;
                    }
                },
                credential);
    }

    private static QuerySlotOptions QuerySlots(IConfiguration configuration)
    {
        var options = new QuerySlotOptions();
        options.MaxConcurrentQueries = Optional(configuration, "QuerySlots:MaxConcurrentQueries", options.MaxConcurrentQueries,
            (string v, out int n) => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out n), "a whole number, e.g. \"5\"");
        options.LeaseDuration = Optional(configuration, "QuerySlots:LeaseDuration", options.LeaseDuration, TryParseDuration, Seconds);
        options.RenewInterval = Optional(configuration, "QuerySlots:RenewInterval", options.RenewInterval, TryParseDuration, Seconds);
        options.MinPollDelay = Optional(configuration, "QuerySlots:MinPollDelay", options.MinPollDelay, TryParseDuration, Seconds);
        options.MaxPollDelay = Optional(configuration, "QuerySlots:MaxPollDelay", options.MaxPollDelay, TryParseDuration, Seconds);
        try
        {
            options.Validate("App setting QuerySlots__");
        }
        catch (ArgumentException ex)
        {
            throw new LogIngestException(ErrorCodes.ConfigInvalid, ex.Message, ex);
        }

        return options;
    }

    private const string Seconds = "seconds, e.g. \"30\" or \"0.5\", or a time span, e.g. \"00:00:30\"";

    private delegate bool TryParse<T>(string value, out T result);

    private static T Optional<T>(IConfiguration configuration, string key, T defaultValue, TryParse<T> parse, string expected) =>
        configuration[key] is not { Length: > 0 } value ? defaultValue
            : parse(value, out var parsed) ? parsed
            : throw new LogIngestException(ErrorCodes.ConfigInvalid, $"App setting {key.Replace(":", "__", StringComparison.Ordinal)} is not valid: '{value}' (expected {expected}).");

    private static bool TryParseDuration(string value, out TimeSpan duration)
    {
        if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds < 1e9)
        {
            duration = TimeSpan.FromSeconds(seconds);
            return true;
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out duration);
    }

    private static string Required(IConfiguration configuration, string key, string example) =>
        configuration[key] is { Length: > 0 } value
            ? value
            : throw new LogIngestException(ErrorCodes.ConfigInvalid, $"App setting {key.Replace(":", "__", StringComparison.Ordinal)} is missing: set it (e.g. \"{example}\").");

    private static Uri RequiredUri(IConfiguration configuration, string key, string example) =>
        ParseUri(key, Required(configuration, key, example), example);

    private static Uri ParseUri(string key, string value, string example) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new LogIngestException(ErrorCodes.ConfigInvalid, $"App setting {key.Replace(":", "__", StringComparison.Ordinal)} is not an http(s) URL: '{value}' (e.g. \"{example}\").");
}
