using System.Text.RegularExpressions;

namespace LogIngest.Infra.Tests;

/// <summary>
/// What one <c>bicep build</c> produced: the ARM template (empty when it failed), every line it wrote to
/// stderr (its diagnostics: errors, warnings, infos and linter findings) and how long it took.
/// </summary>
internal sealed partial record BicepBuild(int ExitCode, string Template, IReadOnlyList<string> Diagnostics, TimeSpan Elapsed)
{
    /// <summary>
    /// The check infra/ must pass: the compiler succeeded and said nothing at all. Warnings count, because
    /// Bicep reports a misspelt property or a wrongly typed value only as a warning and still writes a template.
    /// </summary>
    public bool IsClean => ExitCode == 0 && Diagnostics.Count == 0 && Template.Length > 0;

    /// <summary>The codes of the diagnostics (BCP089, no-unused-params, ...), in order.</summary>
    public IReadOnlyList<string> Codes =>
        Diagnostics.Select(line => DiagnosticLine().Match(line)).Where(m => m.Success).Select(m => m.Groups["code"].Value).ToList();

    public string Describe() =>
        $"bicep exited {ExitCode} after {Elapsed.TotalSeconds:F1} s with {Diagnostics.Count} diagnostic(s):{Environment.NewLine}" +
        string.Join(Environment.NewLine, Diagnostics);

    // "<file>(<line>,<column>) : <Level> <code>: <message> [<link>]"
    [GeneratedRegex(@"\) : (?<level>Error|Warning|Info) (?<code>[^:\s]+):")]
    private static partial Regex DiagnosticLine();
}
