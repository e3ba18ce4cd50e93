namespace LogIngest.Core.State;

/// <summary>
/// A config's flattened columns, decided once and kept in state, so every file of its table carries the
/// same <c>Col_key</c> columns: the keys in the order they were first met (a new key is appended, never
/// inserted), each with the window and run that met it (its schema event). <see cref="Version"/> counts
/// the changes; a file written under an older version lacks the keys added since.
/// </summary>
public sealed record FlattenSchema
{
    public required string ConfigId { get; init; }

    public int Version { get; init; }

    public IReadOnlyList<FlattenKey> Keys { get; init; } = [];

    public static FlattenSchema Empty(string configId) => new() { ConfigId = configId };

    /// <summary>
    /// This schema with the keys it lacks appended (by source column, then key, in ordinal order, so two
    /// writers adding the same keys agree), as one new version; the same instance when nothing is new.
    /// </summary>
    public FlattenSchema With(IEnumerable<(string Column, string Key)> seen, string runId, long windowStart, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var known = Keys.Select(k => (k.Column, k.Key)).ToHashSet();
        var added = seen.Distinct().Where(k => !known.Contains(k))
            .OrderBy(k => k.Column, StringComparer.Ordinal).ThenBy(k => k.Key, StringComparer.Ordinal)
            .Select(k => new FlattenKey(k.Column, k.Key, Version + 1, runId, windowStart, at))
            .ToList();
        return added.Count == 0 ? this : this with { Version = Version + 1, Keys = [.. Keys, .. added] };
    }
}

/// <summary>One flattened key: its dynamic column, the key, and the schema event that added it (version, run, the window's start in ticks, when).</summary>
public sealed record FlattenKey(string Column, string Key, int AddedInVersion, string AddedByRun, long AddedForWindowStart, DateTimeOffset AddedAt);
