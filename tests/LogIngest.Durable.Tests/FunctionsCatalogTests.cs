using System.Reflection;
using System.Text.RegularExpressions;
using LogIngest.Core.Workflows;
using LogIngest.Functions;
using Microsoft.Azure.Functions.Worker;

namespace LogIngest.Durable.Tests;

/// <summary>The Functions app declares exactly the catalog's workflows and activities, with its message types.</summary>
public sealed partial class FunctionsCatalogTests
{
    private static readonly Assembly App = typeof(Orchestrators).Assembly;

    [Fact]
    public void Orchestrators_FunctionsApp_AreTheCatalogWorkflowsWithTheirTypes()
    {
        var declared = Functions<OrchestrationTriggerAttribute>().ToDictionary(f => f.Name, f => f.Method.ReturnType);
        var catalog = WorkflowCatalog.Workflows.ToDictionary(w => w.Name, w => typeof(Task<>).MakeGenericType(w.OutputType));
        Assert.Equal(catalog.OrderBy(p => p.Key), declared.OrderBy(p => p.Key));
    }

    [Fact]
    public void Activities_FunctionsApp_AreTheCatalogActivitiesWithTheirTypes()
    {
        var declared = Functions<ActivityTriggerAttribute>().ToDictionary(
            f => f.Name,
            f => (Input: f.Method.GetParameters().Single(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null).ParameterType, Output: f.Method.ReturnType));
        var catalog = WorkflowCatalog.Activities.ToDictionary(a => a.Name, a => (Input: a.InputType, Output: typeof(Task<>).MakeGenericType(a.OutcomeType)));
        Assert.Equal(catalog.OrderBy(p => p.Key), declared.OrderBy(p => p.Key));
    }

    [Fact]
    public void Workflows_CallOnlyCatalogNames_AndTheCatalogHoldsNothingUncalled()
    {
        // Every activity or sub-workflow a workflow names is in the catalog, and every catalog entry but
        // the run itself is called by some workflow: nothing is registered that nothing uses.
        var source = string.Concat(Directory.GetFiles(Path.Combine(RepositoryRoot(), "src", "LogIngest.Core", "Workflows"), "Load*Workflow.cs").Select(File.ReadAllText));
        var called = NameReference().Matches(source).Select(m => m.Groups["name"].Value).ToHashSet();
        var activityNames = typeof(Core.Activities.ActivityNames).GetFields().ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);
        var calledNames = called.Select(n => activityNames.TryGetValue(n, out var value) ? value : n == nameof(LoadRangeWorkflow) ? LoadRangeWorkflow.Name : n).ToHashSet();
        calledNames.Add(LoadRunWorkflow.Name); // started by hosts, not by a workflow

        var catalog = WorkflowCatalog.Activities.Select(a => a.Name).Concat(WorkflowCatalog.Workflows.Select(w => w.Name)).ToHashSet();
        Assert.Equal(catalog.Order(), calledNames.Order());
    }

    private static IEnumerable<(string Name, MethodInfo Method)> Functions<TTrigger>()
        where TTrigger : Attribute =>
        App.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null))
            .Select(m => (m.GetCustomAttribute<FunctionAttribute>()!.Name, m));

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LogIngest.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("LogIngest.sln not found above the test output.");
    }

    // ActivityNames.X, LoadRangeWorkflow.Name as the first argument of a call.
    [GeneratedRegex(@"(?:ActivityNames\.(?<name>\w+))|(?:CallSubWorkflowAsync<\w+>\(\s*(?<name>LoadRangeWorkflow)\.Name)")]
    private static partial Regex NameReference();
}
