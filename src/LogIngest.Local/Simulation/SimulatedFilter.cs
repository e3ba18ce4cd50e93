using System.Text;
using LogIngest.Core.Model;

namespace LogIngest.Local.Simulation;

/// <summary>
/// The part of the filter language the simulated workspace evaluates: stages
/// <c>where Col op 'text' [and Col op 'text']...</c> with op one of <c>== != =~ !~</c>, and
/// <c>project-away Col[, Col]...</c>. Values compare as their invariant text; null compares as empty,
/// as Kusto's strings do. Other (valid) filters are refused with a message saying so.
/// </summary>
internal sealed class SimulatedFilter
{
    private readonly List<Condition> _conditions = [];
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);

    private SimulatedFilter()
    {
    }

    public bool HasConditions => _conditions.Count > 0;

    public static SimulatedFilter? Parse(string? text, IReadOnlyList<(string Name, LogColumnType Type)> schema, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var tokens = Tokenize(text, out error);
        if (tokens is null)
        {
            return null;
        }

        var filter = new SimulatedFilter();
        var i = 0;
        if (i < tokens.Count && tokens[i] is { Kind: TokenKind.Symbol, Text: "|" })
        {
            i++;
        }

        while (i < tokens.Count)
        {
            var keyword = tokens[i++];
            if (keyword is { Kind: TokenKind.Word, Text: "where" })
            {
                while (true)
                {
                    if (i + 2 >= tokens.Count)
                    {
                        error = "expected 'Column op 'text'' after where";
                        return null;
                    }

                    var column = tokens[i];
                    var op = tokens[i + 1];
                    var literal = tokens[i + 2];
                    if (column.Kind != TokenKind.Word || op.Kind != TokenKind.Symbol || op.Text is not ("==" or "!=" or "=~" or "!~") || literal.Kind != TokenKind.Text)
                    {
                        error = $"the simulated workspace evaluates only 'where Column ==|!=|=~|!~ 'text'' conditions, not '{column.Text} {op.Text} {literal.Text}'";
                        return null;
                    }

                    var index = IndexOf(schema, column.Text);
                    if (index < 0)
                    {
                        error = $"Failed to resolve column or scalar expression named '{column.Text}'";
                        return null;
                    }

                    filter._conditions.Add(new Condition(index, op.Text, literal.Text));
                    i += 3;
                    if (i < tokens.Count && tokens[i] is { Kind: TokenKind.Word, Text: "and" })
                    {
                        i++;
                        continue;
                    }

                    break;
                }
            }
            else if (keyword is { Kind: TokenKind.Word, Text: "project-away" })
            {
                while (true)
                {
                    if (i >= tokens.Count || tokens[i].Kind != TokenKind.Word)
                    {
                        error = "expected a column name after project-away";
                        return null;
                    }

                    if (IndexOf(schema, tokens[i].Text) < 0)
                    {
                        error = $"Failed to resolve column named '{tokens[i].Text}'";
                        return null;
                    }

                    filter._removed.Add(tokens[i++].Text);
                    if (i < tokens.Count && tokens[i] is { Kind: TokenKind.Symbol, Text: "," })
                    {
                        i++;
                        continue;
                    }

                    break;
                }
            }
            else
            {
                error = $"the simulated workspace evaluates only 'where' and 'project-away' stages, not '{keyword.Text}'";
                return null;
            }

            if (i < tokens.Count)
            {
                if (tokens[i] is not { Kind: TokenKind.Symbol, Text: "|" })
                {
                    error = $"unexpected '{tokens[i].Text}'";
                    return null;
                }

                i++;
            }
        }

        return filter;
    }

    public bool Matches(LogColumn[] columns, int row)
    {
        foreach (var condition in _conditions)
        {
            var value = columns[condition.Column].FormatValue(row) ?? string.Empty;
            var ok = condition.Op switch
            {
                "==" => string.Equals(value, condition.Literal, StringComparison.Ordinal),
                "!=" => !string.Equals(value, condition.Literal, StringComparison.Ordinal),
                "=~" => string.Equals(value, condition.Literal, StringComparison.OrdinalIgnoreCase),
                _ => !string.Equals(value, condition.Literal, StringComparison.OrdinalIgnoreCase),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    public bool Keeps(string column) => !_removed.Contains(column);

    private static int IndexOf(IReadOnlyList<(string Name, LogColumnType Type)> schema, string name)
    {
        for (var i = 0; i < schema.Count; i++)
        {
            if (string.Equals(schema[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static List<Token>? Tokenize(string text, out string? error)
    {
        error = null;
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '[' && i + 1 < text.Length && text[i + 1] is '\'' or '"')
            {
                var (value, next) = ReadString(text, i + 1);
                if (next < 0 || next >= text.Length || text[next] != ']')
                {
                    error = "unterminated ['name']";
                    return null;
                }

                tokens.Add(new Token(TokenKind.Word, value));
                i = next + 1;
            }
            else if (c is '\'' or '"' || (c == '@' && i + 1 < text.Length && text[i + 1] is '\'' or '"'))
            {
                var (value, next) = ReadString(text, c == '@' ? i + 1 : i);
                if (next < 0)
                {
                    error = "unterminated string literal";
                    return null;
                }

                tokens.Add(new Token(TokenKind.Text, value));
                i = next;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_' || (text[i] == '-' && i + 1 < text.Length && char.IsAsciiLetter(text[i + 1]) && text[start..i] == "project")))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, text[start..i]));
            }
            else if (i + 1 < text.Length && text.Substring(i, 2) is "==" or "!=" or "=~" or "!~")
            {
                tokens.Add(new Token(TokenKind.Symbol, text.Substring(i, 2)));
                i += 2;
            }
            else
            {
                tokens.Add(new Token(TokenKind.Symbol, c.ToString()));
                i++;
            }
        }

        return tokens;
    }

    private static (string Value, int Next) ReadString(string text, int open)
    {
        var quote = text[open];
        var verbatim = open > 0 && text[open - 1] == '@';
        var builder = new StringBuilder();
        for (var i = open + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && !verbatim && i + 1 < text.Length)
            {
                var e = text[++i];
                builder.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => e });
            }
            else if (c == quote)
            {
                return (builder.ToString(), i + 1);
            }
            else
            {
                builder.Append(c);
            }
        }

        return (string.Empty, -1);
    }

    private enum TokenKind
    {
        Word,
        Text,
        Symbol,
    }

    private readonly record struct Token(TokenKind Kind, string Text);

    private readonly record struct Condition(int Column, string Op, string Literal);
}
