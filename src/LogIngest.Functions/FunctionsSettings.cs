using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace LogIngest.Functions;

/// <summary>App settings the Functions host itself reads (the adapters' own are in AzureAppSettings).</summary>
internal static class FunctionsSettings
{
    /// <summary>Application Insights; the exporter is off without it.</summary>
    public const string ApplicationInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The client id of the app's user-assigned identity (DefaultAzureCredential reads it too).</summary>
    public const string ClientId = "AZURE_CLIENT_ID";

    /// <summary>The daily load's NCRONTAB schedule, bound as <c>%DailyLoadSchedule%</c>.</summary>
    public const string DailyLoadSchedule = "DailyLoadSchedule";

    /// <summary>The credential every Azure client of the app uses: its user-assigned identity when one is named.</summary>
    public static TokenCredential Credential(IConfiguration configuration) =>
        configuration[ClientId] is { Length: > 0 } clientId
            ? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId })
            : new DefaultAzureCredential();
}
