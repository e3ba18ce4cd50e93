using System.Text.Json;
using LogIngest.TestSupport;

namespace LogIngest.Infra.Tests;

/// <summary>The function app's settings: everything the code reads is there, and every connection is identity-based.</summary>
[Collection(MainTemplateGroup.Name)]
public class AppSettingsTests(MainTemplateFixture main)
{
    private IReadOnlyDictionary<string, JsonElement> Settings => main.Template.AppSettings();

    [Fact]
    public void AppSettings_EverySettingTheCodeReads_IsSetByTheTemplateOrInTheLocalSample()
    {
        var read = CodeSettings.Read(TestPaths.RepositoryRoot);
        var sample = LocalSettingsSample.Keys();

        // The scan itself must find something in both kinds of source, or this test would pass on nothing.
        Assert.Contains(read, s => s.Source.EndsWith(".cs", StringComparison.Ordinal) && !s.IsConnection);
        Assert.Contains(read, s => s.Source.Contains("LogIngest.Functions", StringComparison.Ordinal));
        Assert.Contains(read, s => s.Name == "Lake__BlobEndpoint" && s.Source.Contains("AzureAppSettings.Sections", StringComparison.Ordinal));

        var missing = read.Where(s => !IsProvided(s, Settings.Keys) && !IsProvided(s, sample)).ToList();
        Assert.True(missing.Count == 0,
            "app settings the code reads that neither infra/main.bicep sets nor local.settings.sample.json documents: " +
            string.Join(", ", missing.Select(s => $"{s.Name} ({s.Source})")));
    }

    [Fact]
    public void AppSettings_FlexConsumption_LeavesRuntimeSettingsToFunctionAppConfig()
    {
        // Flex Consumption rejects a deployment that sets these as app settings.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", Settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", Settings.Keys);
    }

    [Fact]
    public void AppSettings_Connections_UseTheManagedIdentityNotSecrets()
    {
        Assert.DoesNotContain("AzureWebJobsStorage", Settings.Keys); // a connection string would need a shared key
        Assert.Equal("managedidentity", Text("AzureWebJobsStorage__credential"));
        Assert.Contains("AzureWebJobsStorage__accountName", Settings.Keys);
        Assert.Equal("managedidentity", Text("EventHubConnection__credential"));
        Assert.Contains("EventHubConnection__fullyQualifiedNamespace", Settings.Keys);

        // Each names the user-assigned identity's client id, as does AZURE_CLIENT_ID for DefaultAzureCredential.
        var clientId = Text("AZURE_CLIENT_ID");
        Assert.Contains("clientId", clientId, StringComparison.Ordinal);
        Assert.Equal(clientId, Text("AzureWebJobsStorage__clientId"));
        Assert.Equal(clientId, Text("EventHubConnection__clientId"));

        // Application Insights has local auth off: telemetry goes with an Entra ID token of that identity.
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", Settings.Keys);
        Assert.Contains("Authorization=AAD;ClientId=", Text("APPLICATIONINSIGHTS_AUTHENTICATION_STRING"), StringComparison.Ordinal);
        Assert.DoesNotContain(Settings.Values, v => v.GetRawText().Contains("listKeys", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void CodeSettings_BoundSections_ListEveryPropertyAsAnAppSetting()
    {
        var bound = CodeSettings.Bound().Select(s => s.Name).ToList();

        Assert.Contains("Lake__Container", bound);
        Assert.Contains("Cosmos__AccountEndpoint", bound);
        Assert.Contains("QuerySlots__LeaseDuration", bound);
        Assert.Contains("LogAnalytics__Endpoint", bound);
    }

    [Fact]
    public void CodeSettings_EachWayOfReadingASetting_IsFound()
    {
        const string code = """
            internal static class Keys { public const string Slots = "LogAnalytics:QuerySlots"; }
            var a = configuration["Lake:Container"];
            var b = RequiredUri(configuration, "Lake:BlobEndpoint", "https://x");
            var c = configuration[Keys.Slots];
            var d = configuration.GetValue<int>("Stream:BatchSize");
            var e = configuration[key]; // a helper's parameter: not a setting name
            [TimerTrigger("%DailyLoadSchedule%")] [EventHubTrigger("%Stream:HubName%", Connection = "EventHubConnection")]
            """;

        var found = CodeSettings.FromText(code, "snippet.cs").ToList();

        Assert.Equal(
            ["DailyLoadSchedule", "Lake__BlobEndpoint", "Lake__Container", "LogAnalytics__QuerySlots", "Stream__BatchSize", "Stream__HubName"],
            found.Where(s => !s.IsConnection).Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal("EventHubConnection", Assert.Single(found, s => s.IsConnection).Name);
    }

    private string Text(string name)
    {
        Assert.True(Settings.TryGetValue(name, out var value), $"app setting {name} is not set");
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }

    private static bool IsProvided(CodeSetting setting, IEnumerable<string> names) =>
        names.Any(name => string.Equals(name, setting.Name, StringComparison.OrdinalIgnoreCase) ||
            (setting.IsConnection && name.StartsWith(setting.Name + "__", StringComparison.OrdinalIgnoreCase)));
}
