using System.Globalization;
using LogIngest.Core.Model;
using LogIngest.Core.Kql;

namespace LogIngest.Local.Simulation.Kql;

/// <summary>
/// Reads back exactly the texts <see cref="KqlQueries"/> emits (for the simulated workspace, which
/// answers those and nothing else). Anything else fails with a message and the position where it
/// stopped matching, as a syntax error of the real service would.
/// </summary>
public static class KqlQueryParser
{
    public static bool TryParse(string? text, out KqlParsedQuery? query, out string error, out int position)
    {
        query = null;
        var reader = new Cursor(text ?? string.Empty);
        if (!TryParseCore(ref reader, out query))
        {
            error = reader.Error ?? "Query could not be parsed";
            position = reader.Position;
            query = null;
            return false;
        }

        error = string.Empty;
        position = 0;
        return true;
    }

    private static bool TryParseCore(ref Cursor c, out KqlParsedQuery? query)
    {
        query = null;
        if (!c.Expect("['"))
        {
            return false;
        }

        var tableStart = c.Position;
        var tableEnd = c.Text.IndexOf("']", tableStart, StringComparison.Ordinal);
        if (tableEnd < 0)
        {
            return c.Fail("unterminated table name");
        }

        var table = c.Text[tableStart..tableEnd];
        if (KqlValidation.CheckIdentifier(table) is { } tableProblem)
        {
            return c.Fail("table name " + tableProblem);
        }

        c.Position = tableEnd + 2;
        if (!c.Expect(" | where "))
        {
            return false;
        }

        TimeAxis axis;
        if (c.TryTake("TimeGenerated"))
        {
            axis = TimeAxis.TimeGenerated;
        }
        else if (c.TryTake("ingestion_time()"))
        {
            axis = TimeAxis.IngestionTime;
        }
        else
        {
            return c.Fail("expected TimeGenerated or ingestion_time()");
        }

        var time = KqlQueries.TimeExpression(axis);
        if (!c.Expect(" >= ") || !TryDateTime(ref c, out var start) || !c.Expect(" and " + time + " < ") || !TryDateTime(ref c, out var end))
        {
            return false;
        }

        if (end < start)
        {
            return c.Fail("window end is before its start");
        }

        KeySplit? split = null;
        if (c.TryTake(" | where hash(_ItemId, "))
        {
            if (!TryInt(ref c, out var modulus) || !c.Expect(") == ") || !TryInt(ref c, out var remainder))
            {
                return false;
            }

            if (modulus < 2 || remainder < 0 || remainder >= modulus)
            {
                return c.Fail("hash split needs modulus >= 2 and 0 <= remainder < modulus");
            }

            split = new KeySplit((int)modulus, (int)remainder);
        }

        // What is left: [ | filter][ | count | summarize ...]. Take the builder's suffix off the end first.
        var rest = c.Text[c.Position..];
        var kind = KqlQueryKind.Window;
        TimeSpan? bin = null;
        if (rest.EndsWith(KqlQueries.CountText, StringComparison.Ordinal))
        {
            kind = KqlQueryKind.Count;
            rest = rest[..^KqlQueries.CountText.Length];
        }
        else
        {
            var summarize = rest.LastIndexOf(KqlQueries.SummarizeText, StringComparison.Ordinal);
            if (summarize >= 0)
            {
                var tail = new Cursor(rest) { Position = summarize + KqlQueries.SummarizeText.Length };
                if (!tail.Expect(time + ", ") || !TryTimeSpan(ref tail, out var binTicks) || !tail.Expect(", ")
                    || !TryDateTime(ref tail, out var origin) || !tail.Expect(")"))
                {
                    c.Position += tail.Position;
                    c.Error = tail.Error;
                    return false;
                }

                if (tail.Position != rest.Length)
                {
                    c.Position += tail.Position;
                    return c.Fail("unexpected text after the summarize");
                }

                if (origin != start)
                {
                    c.Position += summarize;
                    return c.Fail("histogram bins must be aligned on the window start");
                }

                kind = KqlQueryKind.Histogram;
                bin = TimeSpan.FromTicks(binTicks);
                rest = rest[..summarize];
            }
        }

        string? filter = null;
        if (rest.Length > 0)
        {
            if (!rest.StartsWith(" | ", StringComparison.Ordinal))
            {
                return c.Fail("expected ' | ' before further operators");
            }

            filter = rest[3..];
            if (KqlValidation.CheckFilter(filter) is { } filterProblem)
            {
                return c.Fail("filter " + filterProblem);
            }
        }

        var window = new LogWindowQuery(table, axis, new Interval(start, end)) { Split = split, Filter = filter };
        query = new KqlParsedQuery(kind, window, bin);
        return true;
    }

    private static bool TryDateTime(ref Cursor c, out long ticks)
    {
        ticks = 0;
        if (!c.Expect("datetime("))
        {
            return false;
        }

        var close = c.Text.IndexOf(')', c.Position);
        if (close < 0)
        {
            return c.Fail("unterminated datetime literal");
        }

        var literal = c.Text[c.Position..close];
        if (!DateTime.TryParseExact(literal, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value))
        {
            return c.Fail($"datetime literal '{literal}' is not yyyy-MM-ddTHH:mm:ss.fffffffZ");
        }

        ticks = value.Ticks;
        c.Position = close + 1;
        return true;
    }

    private static bool TryInt(ref Cursor c, out long value)
    {
        var start = c.Position;
        while (c.Position < c.Text.Length && char.IsAsciiDigit(c.Text[c.Position]))
        {
            c.Position++;
        }

        if (!long.TryParse(c.Text.AsSpan(start, c.Position - start), NumberStyles.None, CultureInfo.InvariantCulture, out value) || value > int.MaxValue)
        {
            c.Position = start;
            return c.Fail("expected a whole number");
        }

        return true;
    }

    private static bool TryTimeSpan(ref Cursor c, out long ticks)
    {
        ticks = 0;
        if (!TryInt(ref c, out var count))
        {
            return false;
        }

        // Longest unit names first so "ms" is not read as "m".
        foreach (var (unit, size) in KqlQueries.TimeSpanUnits.OrderByDescending(u => u.Unit.Length))
        {
            if (c.TryTake(unit))
            {
                ticks = checked(count * size);
                return ticks > 0 || c.Fail("bin must be positive");
            }
        }

        return c.Fail("expected a timespan unit (d, h, m, s, ms, microsecond, tick)");
    }

    private struct Cursor(string text)
    {
        public string Text { get; } = text;

        public int Position { get; set; }

        public string? Error { get; set; }

        public bool TryTake(string expected)
        {
            if (string.CompareOrdinal(Text, Position, expected, 0, expected.Length) == 0 && Position + expected.Length <= Text.Length)
            {
                Position += expected.Length;
                return true;
            }

            return false;
        }

        public bool Expect(string expected) => TryTake(expected) || Fail($"expected '{expected.Trim()}'");

        public bool Fail(string message)
        {
            Error ??= message;
            return false;
        }
    }
}
