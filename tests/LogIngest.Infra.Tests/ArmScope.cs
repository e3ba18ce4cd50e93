using System.Text.Json;
using System.Text.RegularExpressions;

namespace LogIngest.Infra.Tests;

/// <summary>
/// One template inside the compiled main template: main itself, or the template of a module's deployment.
/// Resolves the few ARM expression forms the tests need (a variable, a parameter's value, an element of a
/// variable array in a copy loop); anything else stays unresolved (null).
/// </summary>
internal sealed partial class ArmScope(JsonElement template, ArmResource? deployment)
{
    public JsonElement Template { get; } = template;

    /// <summary>The module deployment (a Microsoft.Resources/deployments resource) holding this template; null for main.</summary>
    public ArmResource? Deployment { get; } = deployment;

    public JsonElement? Variable(string name) =>
        Template.TryGetProperty("variables", out var variables) && variables.TryGetProperty(name, out var value) ? value : null;

    /// <summary>The value the module deployment passes for a parameter, else the parameter's default.</summary>
    public JsonElement? ParameterValue(string name)
    {
        if (Deployment?.Get("properties", "parameters", name, "value") is { } value)
        {
            return value;
        }

        return Template.TryGetProperty("parameters", out var declared) &&
            declared.TryGetProperty(name, out var declaration) &&
            declaration.TryGetProperty("defaultValue", out var defaultValue)
            ? defaultValue
            : null;
    }

    /// <summary>
    /// The value of a property that is a literal, <c>[variables('x')]</c>, <c>[parameters('x')]</c> or
    /// <c>[variables('x')[copyIndex()].name]</c> (the element of a copy loop).
    /// </summary>
    public JsonElement? Evaluate(JsonElement value, int? copyIndex = null)
    {
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { } text || !text.StartsWith('['))
        {
            return value;
        }

        if (WholeVariable().Match(text) is { Success: true } variable)
        {
            return Variable(variable.Groups["name"].Value);
        }

        if (WholeParameter().Match(text) is { Success: true } parameter)
        {
            return ParameterValue(parameter.Groups["name"].Value);
        }

        if (copyIndex is { } index &&
            LoopElement().Match(text) is { Success: true } element &&
            Variable(element.Groups["name"].Value) is { ValueKind: JsonValueKind.Array } array &&
            index < array.GetArrayLength() &&
            array[index].TryGetProperty(element.Groups["property"].Value, out var item))
        {
            return item;
        }

        return null;
    }

    /// <summary>The text of an expression with every <c>variables('x')</c> replaced by x's own expression, recursively.</summary>
    public string ExpandVariables(string expression, int depth = 5)
    {
        if (depth == 0)
        {
            return expression;
        }

        return VariableReference().Replace(expression, m =>
            Variable(m.Groups["name"].Value) is { } value
                ? ExpandVariables(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText(), depth - 1)
                : m.Value);
    }

    [GeneratedRegex(@"^\[variables\('(?<name>[^']+)'\)\]$")]
    private static partial Regex WholeVariable();

    [GeneratedRegex(@"^\[parameters\('(?<name>[^']+)'\)\]$")]
    private static partial Regex WholeParameter();

    [GeneratedRegex(@"^\[variables\('(?<name>[^']+)'\)\[copyIndex\(\)\]\.(?<property>\w+)\]$")]
    private static partial Regex LoopElement();

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)")]
    private static partial Regex VariableReference();
}
