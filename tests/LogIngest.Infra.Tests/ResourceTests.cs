using System.Text.RegularExpressions;
using LogIngest.TestSupport;

namespace LogIngest.Infra.Tests;

/// <summary>What `azd up` deploys, read from the compiled template.</summary>
[Collection(MainTemplateGroup.Name)]
public partial class ResourceTests(MainTemplateFixture main)
{
    private ArmTemplate Template => main.Template;

    [Fact]
    public void StorageAccounts_LakeAndHost_OnlyTheLakeHasHierarchicalNamespace()
    {
        var accounts = Template.OfType("Microsoft.Storage/storageAccounts");

        Assert.Equal(2, accounts.Count);
        var lake = Assert.Single(accounts, a => a.IsTrue("properties", "isHnsEnabled"));
        Assert.Contains(Template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"), c => c.Scope == lake.Scope);
        var host = Assert.Single(accounts, a => a != lake);
        Assert.Contains(Template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"), c => c.Scope == host.Scope);
    }

    [Fact]
    public void StorageAccounts_Every_DisallowsSharedKeyAndPublicBlobAccess()
    {
        var accounts = Template.OfType("Microsoft.Storage/storageAccounts");

        Assert.NotEmpty(accounts);
        Assert.All(accounts, a =>
        {
            Assert.True(a.IsFalse("properties", "allowSharedKeyAccess"), $"{a}: allowSharedKeyAccess must be false");
            Assert.True(a.IsFalse("properties", "allowBlobPublicAccess"), $"{a}: allowBlobPublicAccess must be false");
        });
    }

    [Fact]
    public void Cosmos_Account_IsServerlessWithLocalAuthOff()
    {
        var account = Assert.Single(Template.OfType("Microsoft.DocumentDB/databaseAccounts"));

        Assert.True(account.IsTrue("properties", "disableLocalAuth"));
        var capabilities = account.Get("properties", "capabilities")!.Value.EnumerateArray().Select(c => c.GetProperty("name").GetString());
        Assert.Contains("EnableServerless", capabilities);
        Assert.Single(Template.OfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases"));
    }

    [Fact]
    public void Cosmos_Containers_MatchTheStateStoresContainersAndPartitionKeys()
    {
        // The containers the Cosmos state store opens (it cannot create them in Azure), read from its source.
        var storeSource = string.Concat(Directory
            .EnumerateFiles(Path.Combine(TestPaths.RepositoryRoot, "src/LogIngest.Azure/Cosmos"), "CosmosStateStore*.cs")
            .Select(File.ReadAllText));
        var expected = ContainerDefinition().Matches(storeSource)
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["path"].Value);
        Assert.True(expected.Count >= 4, "found too few container definitions in CosmosStateStore: " + string.Join(", ", expected.Keys));

        var deployed = new Dictionary<string, string>();
        foreach (var container in Template.OfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers"))
        {
            var count = container.InstanceCount() ?? throw new InvalidOperationException($"{container}: cannot resolve its loop count");
            for (var i = 0; i < count; i++)
            {
                var id = container.Resolve(i, "properties", "resource", "id")?.GetString();
                var paths = container.Get("properties", "resource", "partitionKey", "paths")!.Value.EnumerateArray()
                    .Select(p => container.Scope.Evaluate(p, i)?.GetString()).ToList();
                Assert.NotNull(id);
                deployed[id] = Assert.Single(paths)!;
            }
        }

        Assert.Equal(expected.OrderBy(p => p.Key), deployed.OrderBy(p => p.Key));
    }

    [Fact]
    public void EventHubs_Namespace_HasTheHubAConsumerGroupAndLocalAuthOff()
    {
        var ns = Assert.Single(Template.OfType("Microsoft.EventHub/namespaces"));
        var hub = Assert.Single(Template.OfType("Microsoft.EventHub/namespaces/eventhubs"));
        Assert.Single(Template.OfType("Microsoft.EventHub/namespaces/eventhubs/consumergroups"));

        Assert.True(ns.IsTrue("properties", "disableLocalAuth"));
        // Basic has only the $Default consumer group; LogIngest reads through its own.
        Assert.Equal("Standard", ns.Text("sku", "name"));
        Assert.NotNull(hub.Get("properties", "partitionCount"));
        Assert.NotNull(hub.Get("properties", "messageRetentionInDays"));
    }

    [Fact]
    public void Monitoring_ApplicationInsights_IsWorkspaceBasedWithLocalAuthOff()
    {
        var workspace = Assert.Single(Template.OfType("Microsoft.OperationalInsights/workspaces"));
        var insights = Assert.Single(Template.OfType("Microsoft.Insights/components"));

        Assert.True(workspace.IsTrue("properties", "features", "disableLocalAuth"));
        Assert.True(insights.IsTrue("properties", "DisableLocalAuth"));
        Assert.Contains("Microsoft.OperationalInsights/workspaces", insights.Text("properties", "WorkspaceResourceId") ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionApp_Plan_IsFlexConsumptionFc1OnLinux()
    {
        var plan = Assert.Single(Template.OfType("Microsoft.Web/serverfarms"));

        Assert.Equal("FC1", plan.Text("sku", "name"));
        Assert.Equal("FlexConsumption", plan.Text("sku", "tier"));
        Assert.True(plan.IsTrue("properties", "reserved"));
    }

    [Fact]
    public void FunctionApp_Site_RunsDotnetIsolated10AsTheUserAssignedIdentity()
    {
        var site = Assert.Single(Template.OfType("Microsoft.Web/sites"));
        Assert.Single(Template.OfType("Microsoft.ManagedIdentity/userAssignedIdentities"));

        Assert.Equal("dotnet-isolated", site.Text("properties", "functionAppConfig", "runtime", "name"));
        Assert.Equal("10.0", site.Text("properties", "functionAppConfig", "runtime", "version"));
        Assert.Equal("UserAssigned", site.Text("identity", "type"));
        Assert.Equal("blobContainer", site.Text("properties", "functionAppConfig", "deployment", "storage", "type"));
        Assert.Equal("UserAssignedIdentity", site.Text("properties", "functionAppConfig", "deployment", "storage", "authentication", "type"));
        Assert.Contains("azd-service-name", site.Get("tags")!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.True(site.IsTrue("properties", "httpsOnly"));
    }

    [Fact]
    public void FunctionApp_BasicPublishingCredentials_AreOff()
    {
        var policies = Template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.Equal(["ftp", "scm"], policies.Select(p => PolicyName().Match(p.Name).Groups["name"].Value).Order());
        Assert.All(policies, p => Assert.True(p.IsFalse("properties", "allow"), $"{p}: allow must be false"));
    }

    [Fact]
    public void Resources_EveryApiVersion_IsStable()
    {
        Assert.All(Template.Resources, r =>
            Assert.True(StableApiVersion().IsMatch(r.Element.GetProperty("apiVersion").GetString()!), $"{r}: preview API version"));
    }

    [GeneratedRegex(@"""(?<name>\w+)""\s*,\s*""(?<path>/[\w/]+)""")]
    private static partial Regex ContainerDefinition();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex StableApiVersion();

    [GeneratedRegex(@"'(?<name>\w+)'\)\]$")]
    private static partial Regex PolicyName();
}
