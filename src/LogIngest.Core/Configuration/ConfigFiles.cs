namespace LogIngest.Core.Configuration;

/// <summary>
/// The config file's JSON Schema and a complete sample config, as shipped in the repository's
/// <c>schemas/</c> folder (embedded here, so every host can print them). Tests hold the schema to the
/// model both ways and the sample to the schema and to <see cref="ConfigJson"/>.
/// </summary>
public static class ConfigFiles
{
    private static readonly Lazy<string> SchemaText = new(() => Read("load-config.schema.json"));
    private static readonly Lazy<string> ExampleText = new(() => Read("load-config.example.json"));

    /// <summary><c>schemas/load-config.schema.json</c>.</summary>
    public static string Schema => SchemaText.Value;

    /// <summary><c>schemas/load-config.example.json</c>: valid as it is, and runnable on the simulated workspace.</summary>
    public static string Example => ExampleText.Value;

    private static string Read(string name)
    {
        using var stream = typeof(ConfigFiles).Assembly.GetManifestResourceStream("LogIngest.Core.Configuration." + name)
            ?? throw new InvalidOperationException($"The embedded file {name} is missing from {typeof(ConfigFiles).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
