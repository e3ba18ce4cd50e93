using LogIngest.Core.Model;

namespace LogIngest.Core.Configuration;

/// <summary>A config read from JSON: the config when it is valid, otherwise every problem found (and the id, when the JSON gave one).</summary>
public sealed record ConfigReading(LoadConfig? Config, IReadOnlyList<ConfigProblem> Problems, string? ConfigId);
