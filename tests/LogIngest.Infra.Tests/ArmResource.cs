using System.Text.Json;
using System.Text.RegularExpressions;

namespace LogIngest.Infra.Tests;

/// <summary>A resource of the compiled template, with the template (scope) that declares it.</summary>
internal sealed partial class ArmResource(JsonElement element, ArmScope scope)
{
    public JsonElement Element { get; } = element;

    public ArmScope Scope { get; } = scope;

    public string Type => Element.GetProperty("type").GetString()!;

    /// <summary>The raw name (usually an expression).</summary>
    public string Name => Element.GetProperty("name").GetString()!;

    /// <summary>The value at a property path (e.g. "properties", "isHnsEnabled"), or null if absent.</summary>
    public JsonElement? Get(params string[] path)
    {
        var current = Element;
        foreach (var step in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(step, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>The value at a path, resolved through <see cref="ArmScope.Evaluate"/>.</summary>
    public JsonElement? Resolve(int? copyIndex, params string[] path) =>
        Get(path) is { } value ? Scope.Evaluate(value, copyIndex) : null;

    public bool IsTrue(params string[] path) => Resolve(null, path) is { ValueKind: JsonValueKind.True };

    public bool IsFalse(params string[] path) => Resolve(null, path) is { ValueKind: JsonValueKind.False };

    /// <summary>A string at a path: resolved when it is a form <see cref="ArmScope.Evaluate"/> knows, else the expression itself.</summary>
    public string? Text(params string[] path) =>
        (Resolve(null, path) ?? Get(path)) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>How many instances a copy loop makes (1 without a loop; null when the count is an expression it cannot resolve).</summary>
    public int? InstanceCount()
    {
        if (Get("copy", "count") is not { } count)
        {
            return 1;
        }

        if (count.ValueKind == JsonValueKind.Number)
        {
            return count.GetInt32();
        }

        return LengthOfVariable().Match(count.GetString() ?? string.Empty) is { Success: true } m &&
            Scope.Variable(m.Groups["name"].Value) is { ValueKind: JsonValueKind.Array } array
            ? array.GetArrayLength()
            : null;
    }

    /// <summary>
    /// The role definition GUID a role assignment (Azure RBAC or Cosmos DB sqlRoleAssignment) grants: the GUID
    /// written in its roleDefinitionId, or the GUID held by a variable that expression names.
    /// </summary>
    public IReadOnlyList<string> RoleDefinitionIds()
    {
        var expression = Text("properties", "roleDefinitionId") ?? string.Empty;
        return Guid().Matches(Scope.ExpandVariables(expression)).Select(m => m.Value.ToLowerInvariant()).Distinct().ToList();
    }

    /// <summary>The scope of an extension resource (a role assignment) with its variables expanded.</summary>
    public string ScopeExpression() =>
        Get("scope")?.GetString() is { } scope ? Scope.ExpandVariables(scope) : string.Empty;

    public override string ToString() => $"{Type} {Name}";

    [GeneratedRegex(@"^\[length\(variables\('(?<name>[^']+)'\)\)\]$")]
    private static partial Regex LengthOfVariable();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();
}
