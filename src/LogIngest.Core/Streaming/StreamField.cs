namespace LogIngest.Core.Streaming;

/// <summary>One typed column taken from each event: the value at <see cref="Path"/> read as <see cref="Type"/>.</summary>
/// <param name="Path">A JSON path of object members: <c>$.user.id</c>.</param>
/// <param name="Column">The Parquet column it lands in.</param>
/// <param name="Type">How the value must read; another JSON kind quarantines the event (wrong_type).</param>
/// <param name="Required">Whether an event without the value (absent or null) is quarantined (missing_required); otherwise the column is null.</param>
public sealed record StreamField(string Path, string Column, StreamFieldType Type, bool Required = false)
{
    /// <summary>The member names along <see cref="Path"/>.</summary>
    public IReadOnlyList<string> Segments { get; } = Path is null ? [] : Path.Split('.')[1..];
}
