using LogIngest.Core.Observability;

namespace LogIngest.Core.Kql;

/// <summary>
/// Checks the only user text that reaches a query: table/column names and a config's filter.
/// <para><b>Identifiers</b>: 1-256 characters of ASCII letters, digits and <c>_</c>, not starting with a
/// digit (every Log Analytics table and column name, custom <c>_CL</c> tables included). The builder
/// then quotes them as <c>['name']</c>.</para>
/// <para><b>Filter</b>: one or more pipeline stages appended after the window's own filters, e.g.
/// <c>where Operation != 'FileAccessed' | project-away ClientIP</c>. Rules, all outside string literals:
/// <list type="bullet">
/// <item>one line: no line breaks or other control characters; at most 4,000 characters;</item>
/// <item>every stage starts with <c>where</c>, <c>project</c>, <c>project-away</c>, <c>project-keep</c>,
/// <c>project-rename</c>, <c>project-reorder</c> or <c>extend</c>, and has a body; a leading <c>|</c> is allowed;</item>
/// <item>no <c>;</c> (a second statement), no <c>//</c> (a comment hides the rest), no <c>{</c> <c>}</c>;</item>
/// <item>no <c>|</c> inside parentheses or brackets (a sub-query), brackets and quotes balanced;</item>
/// <item>no word naming another data source or statement: <c>union join lookup evaluate invoke externaldata
/// external_table cluster database workspace app resource table view materialize materialized_view toscalar
/// let set declare alias restrict pattern fork facet datatable search find print range adx arg</c>
/// (case-insensitive; inside a string literal they are fine).</item>
/// <item><c>TimeGenerated</c> stays as the source has it (histograms bin on it): every <c>project</c> and
/// <c>project-keep</c> names it, no <c>project-away</c> or <c>project-rename</c> names it, no <c>extend</c>
/// assigns it, and <c>project-away</c> takes no wildcard.</item>
/// </list>
/// So the result's rows always come from the one table and window. <c>_ItemId</c> is read before the filter runs.</para>
/// </summary>
public static partial class KqlValidation
{
    public const int MaxIdentifierLength = 256;
    public const int MaxFilterLength = 4000;

    private static readonly HashSet<string> StageKeywords = new(StringComparer.Ordinal)
    {
        "where", "project", "project-away", "project-keep", "project-rename", "project-reorder", "extend",
    };

    private static readonly HashSet<string> ForbiddenWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "union", "join", "lookup", "evaluate", "invoke", "externaldata", "external_table", "cluster", "database",
        "workspace", "app", "resource", "table", "view", "materialize", "materialized_view", "toscalar", "let",
        "set", "declare", "alias", "restrict", "pattern", "fork", "facet", "datatable", "search", "find", "print",
        "range", "adx", "arg",
    };

    /// <summary>Null when <paramref name="name"/> is a valid identifier, otherwise why not and how to fix it.</summary>
    public static string? CheckIdentifier(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "is empty; give a Kusto identifier such as OfficeActivity";
        }

        if (name.Length > MaxIdentifierLength)
        {
            return $"is {name.Length} characters long; at most {MaxIdentifierLength} are allowed";
        }

        if (char.IsAsciiDigit(name[0]))
        {
            return $"{Show(name)} starts with a digit; an identifier starts with a letter or '_'";
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                // Named by code point: a look-alike letter or a line break would not show in the message.
                return $"{Show(name)} contains {(c is > ' ' and < (char)127 ? $"'{c}'" : $"U+{(int)c:X4}")}; use only ASCII letters, digits and '_'";
            }
        }

        return null;
    }

    /// <summary>Throws C301 naming <paramref name="field"/> when <paramref name="name"/> is not a valid identifier.</summary>
    public static string EnsureIdentifier(string? name, string field)
    {
        var problem = CheckIdentifier(name);
        if (problem is not null)
        {
            throw new LogIngestException(ErrorCodes.ConfigInvalid, $"{field} {problem}.");
        }

        return name!;
    }

    /// <summary>Null when <paramref name="filter"/> is null/blank or allowed (see the class summary), otherwise why not.</summary>
    public static string? CheckFilter(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return null;
        }

        if (filter.Length > MaxFilterLength)
        {
            return $"is {filter.Length} characters long; at most {MaxFilterLength} are allowed";
        }

        var stages = new List<string>();
        var stageWords = new List<HashSet<string>> { new(StringComparer.Ordinal) };
        var stageStars = new List<bool> { false };
        var stageStart = 0;
        var depth = 0;
        var i = 0;
        while (i < filter.Length)
        {
            var c = filter[i];
            if (char.IsControl(c))
            {
                return c is '\n' or '\r'
                    ? "spans more than one line; write it on one line (a line break could start a second statement)"
                    : $"contains the control character U+{(int)c:X4} at position {i}";
            }

            if (c is '\'' or '"')
            {
                var verbatim = i > 0 && filter[i - 1] is '@';
                var end = SkipString(filter, i, verbatim);
                if (end < 0)
                {
                    return $"has a string literal opened at position {i} that is never closed";
                }

                i = end;
                continue;
            }

            switch (c)
            {
                case ';':
                    return $"contains ';' at position {i}; only one statement is allowed (quote it inside a string literal)";
                case '{' or '}':
                    return $"contains '{c}' at position {i}; braces are not allowed";
                case '/' when i + 1 < filter.Length && filter[i + 1] == '/':
                    return $"contains a comment ('//') at position {i}; remove it";
                case '(' or '[':
                    depth++;
                    break;
                case ')' or ']':
                    if (--depth < 0)
                    {
                        return $"has an unmatched '{c}' at position {i}";
                    }

                    break;
                case '|':
                    if (depth > 0)
                    {
                        return $"has '|' inside parentheses or brackets at position {i}; sub-queries are not allowed";
                    }

                    stages.Add(filter[stageStart..i]);
                    stageStart = i + 1;
                    stageWords.Add(new HashSet<string>(StringComparer.Ordinal));
                    stageStars.Add(false);
                    break;
                case '*':
                    stageStars[^1] = true;
                    break;
                default:
                    if (IsWordStart(c))
                    {
                        var start = i;
                        while (i < filter.Length && IsWordPart(filter[i]))
                        {
                            i++;
                        }

                        var word = filter[start..i];
                        stageWords[^1].Add(word);
                        if (ForbiddenWords.Contains(word))
                        {
                            return $"uses '{word}' at position {start}; a filter may not read other tables, sources or statements";
                        }

                        continue;
                    }

                    break;
            }

            i++;
        }

        if (depth != 0)
        {
            return "has an unclosed '(' or '['";
        }

        stages.Add(filter[stageStart..]);
        for (var s = 0; s < stages.Count; s++)
        {
            var stage = stages[s].Trim();
            if (stage.Length == 0)
            {
                if (s == 0 && stages.Count > 1)
                {
                    continue; // a leading '|'
                }

                return "has an empty pipeline stage; remove the extra '|'";
            }

            var keywordEnd = 0;
            while (keywordEnd < stage.Length && (IsWordPart(stage[keywordEnd]) || stage[keywordEnd] == '-'))
            {
                keywordEnd++;
            }

            var keyword = stage[..keywordEnd];
            if (!StageKeywords.Contains(keyword))
            {
                return $"has a stage starting with '{Shorten(stage)}'; each stage must start with one of: {string.Join(", ", StageKeywords)}";
            }

            if (stage[keywordEnd..].Trim().Length == 0)
            {
                return $"has a '{keyword}' stage with nothing after it";
            }

            if (CheckTimeColumn(keyword, stage, stageWords[s], stageStars[s]) is { } timeProblem)
            {
                return timeProblem;
            }
        }

        return null;
    }

    // Windows select rows on TimeGenerated before the filter, but histograms bin on it after: a stage
    // that drops, renames or overwrites it would plan on other times than the ones loaded.
    private static string? CheckTimeColumn(string keyword, string stage, HashSet<string> words, bool hasStar)
    {
        const string Time = "TimeGenerated";
        return keyword switch
        {
            "project" or "project-keep" when !words.Contains(Time) =>
                $"has a '{keyword}' stage without {Time}; keep {Time} in every projection (the windows are planned on it)",
            "project-away" when hasStar =>
                "has a 'project-away' stage with a wildcard; name the columns to drop (a wildcard could drop TimeGenerated)",
            "project-away" or "project-rename" when words.Contains(Time) =>
                $"changes {Time} in a '{keyword}' stage; leave {Time} as the source has it (the windows are planned on it)",
            "extend" when AssignsTime().IsMatch(stage) =>
                $"assigns {Time} in an 'extend' stage; leave {Time} as the source has it (the windows are planned on it)",
            _ => null,
        };
    }

    /// <summary>Throws C301 naming <paramref name="field"/> when the filter is not allowed; returns it trimmed, or null when blank.</summary>
    public static string? EnsureFilter(string? filter, string field)
    {
        var problem = CheckFilter(filter);
        if (problem is not null)
        {
            throw new LogIngestException(ErrorCodes.ConfigInvalid, $"{field} {problem}.");
        }

        return string.IsNullOrWhiteSpace(filter) ? null : filter.Trim();
    }

    // Index just past the closing quote, or -1. Kusto strings escape with '\' unless verbatim (@'...').
    private static int SkipString(string text, int open, bool verbatim)
    {
        var quote = text[open];
        for (var i = open + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c))
            {
                return -1;
            }

            if (c == '\\' && !verbatim)
            {
                i++;
                continue;
            }

            if (c == quote)
            {
                return i + 1;
            }
        }

        return -1;
    }

    // User text as a message quotes it: JSON-escaped, so control characters and non-ASCII letters show as \uXXXX.
    private static string Show(string text) => System.Text.Json.JsonSerializer.Serialize(text.Length <= 80 ? text : text[..77] + "...");

    [System.Text.RegularExpressions.GeneratedRegex(@"(^|[\s,(])TimeGenerated\s*=(?!=)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex AssignsTime();

    private static bool IsWordStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsWordPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "...";
}
