using System.Text.Json;

namespace LogIngest.Infra.Tests;

/// <summary>
/// The ARM JSON <c>bicep build infra/main.bicep</c> produces, with the resources of every nested module
/// deployment flattened into one list (each keeps the template that declares it, to resolve its expressions).
/// Resources declared <c>existing</c> are not in ARM JSON, so everything listed here is deployed.
/// </summary>
internal sealed class ArmTemplate
{
    private ArmTemplate(JsonDocument document)
    {
        Document = document;
        Main = new ArmScope(document.RootElement, null);
        var resources = new List<ArmResource>();
        Collect(Main, resources);
        Resources = resources;
    }

    public JsonDocument Document { get; }

    public ArmScope Main { get; }

    public IReadOnlyList<ArmResource> Resources { get; }

    public static ArmTemplate Parse(string json) => new(JsonDocument.Parse(json));

    public IReadOnlyList<ArmResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();

    public IReadOnlyCollection<string> ParameterNames =>
        Main.Template.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToList();

    public IReadOnlyCollection<string> OutputNames =>
        Main.Template.GetProperty("outputs").EnumerateObject().Select(p => p.Name).ToList();

    /// <summary>
    /// The function app's app settings, name to value (a literal or an ARM expression): those of its
    /// <c>config/appsettings</c> resource and of <c>siteConfig.appSettings</c>. Fails if a settings object
    /// cannot be resolved to its names.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> AppSettings()
    {
        var settings = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var config in OfType("Microsoft.Web/sites/config").Where(c => c.Name.Contains("appsettings", StringComparison.OrdinalIgnoreCase)))
        {
            var properties = config.Resolve(null, "properties");
            if (properties is not { ValueKind: JsonValueKind.Object } values)
            {
                throw new InvalidOperationException($"{config}: cannot resolve its properties to names ({config.Get("properties")?.GetRawText()})");
            }

            foreach (var setting in values.EnumerateObject())
            {
                settings[setting.Name] = setting.Value;
            }
        }

        foreach (var site in OfType("Microsoft.Web/sites"))
        {
            if (site.Resolve(null, "properties", "siteConfig", "appSettings") is { ValueKind: JsonValueKind.Array } pairs)
            {
                foreach (var pair in pairs.EnumerateArray())
                {
                    settings[pair.GetProperty("name").GetString()!] = pair.GetProperty("value");
                }
            }
        }

        return settings;
    }

    private static void Collect(ArmScope scope, List<ArmResource> into)
    {
        if (!scope.Template.TryGetProperty("resources", out var resources))
        {
            return;
        }

        // Bicep writes an array, or an object keyed by symbolic name with languageVersion 2.0.
        var items = resources.ValueKind == JsonValueKind.Array
            ? resources.EnumerateArray().ToList()
            : resources.EnumerateObject().Select(p => p.Value).ToList();
        foreach (var element in items)
        {
            var resource = new ArmResource(element, scope);
            into.Add(resource);
            if (resource.Type == "Microsoft.Resources/deployments" && resource.Get("properties", "template") is { } nested)
            {
                Collect(new ArmScope(nested, resource), into);
            }
        }
    }
}
