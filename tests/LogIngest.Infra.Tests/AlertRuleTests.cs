using System.Reflection;
using System.Text.RegularExpressions;
using LogIngest.Core.Observability;
using LogIngest.TestSupport;

namespace LogIngest.Infra.Tests;

/// <summary>
/// The alert rules `azd up` deploys, read from the compiled template, checked against the log lines the
/// app writes: the Azure Monitor exporter puts a [LoggerMessage]'s event id in customDimensions.EventId
/// and each message placeholder in customDimensions by name, so a rule may only filter on those.
/// </summary>
[Collection(MainTemplateGroup.Name)]
public sealed partial class AlertRuleTests(MainTemplateFixture main)
{
    public static TheoryData<string, int[]> Rules => new()
    {
        { "run-failed", [LogEventIds.RunEnded] },
        { "non-retryable-error", [LogEventIds.RunErrorRecorded] },
        { "sla-missed", [LogEventIds.RunEnded] },
        { "stale-heartbeat", [LogEventIds.RunEnded, LogEventIds.RunHeartbeat, LogEventIds.RunPlanned] },
        { "stream-lag", [LogEventIds.StreamLag] },
    };

    [Fact]
    public void AlertRules_Deployed_FiveRulesOnApplicationInsightsEachNotifyingTheActionGroupParameter()
    {
        var rules = main.Template.OfType("Microsoft.Insights/scheduledQueryRules");

        Assert.Equal(Rules.Select(r => (string)r[0]).Order(), rules.Select(r => Suffix(r.Name)).Order());
        Assert.All(rules, rule =>
        {
            Assert.Equal("LogAlert", rule.Text("kind"));
            Assert.Contains("Microsoft.Insights/components", rule.Get("properties", "scopes")!.Value[0].GetString(), StringComparison.Ordinal);
            Assert.Contains("actionGroupResourceId", rule.Scope.ExpandVariables(rule.Get("properties", "actions")!.Value.GetRawText()), StringComparison.Ordinal);
        });
        var module = Assert.Single(main.Template.OfType("Microsoft.Resources/deployments"), d => d.Name.Contains("alerts", StringComparison.Ordinal));
        Assert.Contains("alertActionGroupResourceId", module.Get("properties", "parameters", "actionGroupResourceId")!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void AlertRule_Query_FiltersOnlyOnEventIdsAndFieldsTheAppLogs(string name, int[] eventIds)
    {
        var rule = Assert.Single(main.Template.OfType("Microsoft.Insights/scheduledQueryRules"), r => Suffix(r.Name) == name);
        var raw = rule.Get("properties", "criteria", "allOf")!.Value[0].GetProperty("query");
        var query = rule.Scope.ExpandVariables(raw.GetString()!);

        var queried = EventIdLiteral().Matches(query).SelectMany(m => QuotedNumber().Matches(m.Value)).Select(n => int.Parse(n.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        Assert.Equal(eventIds.Order(), queried.Order());
        var declared = LoggedEvents();
        var fields = queried.SelectMany(id => declared.TryGetValue(id, out var f) ? f : throw new Xunit.Sdk.XunitException($"event id {id} of rule {name} is logged by no [LoggerMessage] in src/")).ToHashSet(StringComparer.Ordinal);
        var used = Dimension().Matches(query).Select(m => m.Groups["name"].Value).Where(n => n != "EventId").ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(used);
        Assert.All(used, field => Assert.True(fields.Contains(field), $"rule {name} reads customDimensions.{field}, which none of events {string.Join(", ", queried)} logs (they log {string.Join(", ", fields)})"));
    }

    // Names compile to [format('{0}-run-failed', parameters('namePrefix'))].
    private static string Suffix(string name) => Regex.Match(name, @"\}-(?<rule>[a-z-]+)'").Groups["rule"].Value;

    // Event id → the placeholders of its message, from every [LoggerMessage] in src/ that names a LogEventIds constant.
    private static Dictionary<int, HashSet<string>> LoggedEvents()
    {
        var ids = typeof(LogEventIds).GetFields(BindingFlags.Public | BindingFlags.Static).ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!, StringComparer.Ordinal);
        var result = new Dictionary<int, HashSet<string>>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match attribute in LoggerMessage().Matches(File.ReadAllText(file)))
            {
                var id = ids[attribute.Groups["id"].Value];
                result[id] = [.. Placeholder().Matches(attribute.Groups["message"].Value).Select(p => p.Groups["name"].Value)];
            }
        }

        return result;
    }

    [GeneratedRegex(@"\[LoggerMessage\([^\n]*?LogEventIds\.(?<id>\w+)[^\n]*?""(?<message>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LoggerMessage();

    [GeneratedRegex(@"\{(?<name>\w+)(?:[:,][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"customDimensions\.EventId\)?\s*(?:==|in)\s*\(?(?:""\d+""(?:,\s*)?)+\)?")]
    private static partial Regex EventIdLiteral();

    [GeneratedRegex(@"""(\d+)""")]
    private static partial Regex QuotedNumber();

    [GeneratedRegex(@"customDimensions\.(?<name>\w+)")]
    private static partial Regex Dimension();
}
