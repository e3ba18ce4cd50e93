namespace LogIngest.Infra.Tests;

/// <summary>The data roles the app's identity gets: without each one, one part of LogIngest fails with 403.</summary>
[Collection(MainTemplateGroup.Name)]
public class RoleAssignmentTests(MainTemplateFixture main)
{
    private const string LogAnalyticsReader = "73c42c96-874c-492b-b04d-ab87d138a893";

    private ArmTemplate Template => main.Template;

    // Role (built-in id), the resource type it is assigned on, and a word of the parameter naming that resource.
    [Theory]
    [InlineData("Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts", "hostStorage")]
    [InlineData("Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Microsoft.Storage/storageAccounts", "hostStorage")]
    [InlineData("Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts", "hostStorage")]
    [InlineData("Storage Blob Data Contributor", "ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Microsoft.Storage/storageAccounts", "lake")]
    [InlineData("Azure Event Hubs Data Receiver", "a638d3c7-ab3a-418d-83e6-5f17a39d4fde", "Microsoft.EventHub/namespaces", "eventHubNamespace")]
    [InlineData("Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components", "applicationInsights")]
    [InlineData("Log Analytics Reader", LogAnalyticsReader, "Microsoft.OperationalInsights/workspaces", "workspace")]
    public void RoleAssignments_AppIdentity_GetsTheRoleOnItsResource(string role, string roleId, string scopeType, string scopeHint)
    {
        var assignments = Template.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => a.RoleDefinitionIds().Contains(roleId))
            .ToList();

        Assert.True(assignments.Count > 0, $"no assignment of {role} ({roleId})");
        // The scope compiles to resourceId('<type>', parameters('<name>')) or '<type>/<name>'.
        Assert.Contains(assignments, a =>
            (a.ScopeExpression().Contains($"'{scopeType}'", StringComparison.OrdinalIgnoreCase) ||
             a.ScopeExpression().Contains(scopeType + "/", StringComparison.OrdinalIgnoreCase)) &&
            a.ScopeExpression().Contains(scopeHint, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void RoleAssignments_Cosmos_GrantBuiltInDataContributorOnTheAccount()
    {
        var assignment = Assert.Single(Template.OfType("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments"));

        Assert.Equal(["00000000-0000-0000-0000-000000000002"], assignment.RoleDefinitionIds());
        Assert.Contains("/sqlRoleDefinitions/", assignment.Get("properties", "roleDefinitionId")!.Value.GetString(), StringComparison.Ordinal);
        Assert.Contains("Microsoft.DocumentDB/databaseAccounts", assignment.Get("properties", "scope")!.Value.GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RoleAssignments_SourceWorkspace_DeployToTheWorkspacesOwnSubscriptionAndResourceGroup()
    {
        // The workspace may live in another subscription or resource group: its role is assigned by a module
        // deployed there, both taken from the sourceWorkspaceResourceId parameter.
        var reader = Assert.Single(Template.OfType("Microsoft.Authorization/roleAssignments"), a => a.RoleDefinitionIds().Contains(LogAnalyticsReader));
        var deployment = reader.Scope.Deployment;

        Assert.NotNull(deployment);
        foreach (var property in new[] { "subscriptionId", "resourceGroup" })
        {
            var expression = deployment.Scope.ExpandVariables(deployment.Get(property)?.GetString() ?? string.Empty);
            Assert.Contains("parameters('sourceWorkspaceResourceId')", expression, StringComparison.Ordinal);
        }

        // Skipped when no workspace is given (the parameter may be empty).
        Assert.Contains("sourceWorkspaceResourceId", deployment.Scope.ExpandVariables(deployment.Get("condition")?.GetString() ?? string.Empty), StringComparison.Ordinal);
    }
}
