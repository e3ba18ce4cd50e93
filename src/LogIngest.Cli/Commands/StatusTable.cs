using System.Globalization;
using LogIngest.Core.State;
using Spectre.Console;

namespace LogIngest.Cli.Commands;

/// <summary>The compact tables of <c>logingest status</c> (Spectre.Console): colours on a terminal, plain text on a pipe.</summary>
internal static class StatusTable
{
    /// <summary>How wide a table may be when no terminal says (a pipe, a file, a test).</summary>
    public const int PipeWidth = 160;

    public static IAnsiConsole Console(CliEnvironment environment) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(environment.Out),
        Ansi = environment.Interactive ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = environment.Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    }).Also(c =>
    {
        if (!environment.Interactive)
        {
            c.Profile.Width = PipeWidth;
        }
    });

    public static Table Configs(IReadOnlyList<ControlDocument> configs)
    {
        var table = Compact("config", "table", "mode", "status", "watermark (UTC)", "last run");
        foreach (var d in configs)
        {
            table.AddRow(
                Cell(d.Id), Cell(d.Config.Table), Cell(d.Config.Mode.ToString()), Status(d.Status),
                Cell(d.Watermark is { } mark ? Reports.Time(mark.UtcTicks) : "-"), Cell(d.LastRunId ?? "-"));
        }

        return table;
    }

    /// <summary>Recent runs; <paramref name="note"/> says what else an operator must see of a run (an SLA miss, a silent host).</summary>
    public static Table Runs(IReadOnlyList<RunRecord> runs, Func<RunRecord, string> note)
    {
        var table = Compact("run", "status", "started (UTC)", "ended (UTC)", "duration", "note");
        foreach (var r in runs)
        {
            table.AddRow(
                Cell(r.RunId), Status(r.Status), Cell(Time(r.StartedAt)), Cell(r.EndedAt is { } e ? Time(e) : "-"),
                Cell(r.EndedAt is { } end ? (end - r.StartedAt).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "running"),
                Cell(note(r)));
        }

        return table;
    }

    public static Table Streams(IReadOnlyList<StreamWatermark> marks)
    {
        var table = Compact("hub", "partition", "last sequence", "enqueued (UTC)", "lag", "landed (UTC)");
        foreach (var w in marks)
        {
            table.AddRow(
                Cell(w.Hub), Cell(w.PartitionId), Cell(w.SequenceNumber.ToString(CultureInfo.InvariantCulture)), Cell(Time(w.EnqueuedAt)),
                Cell(w.Lag.ToString("c", CultureInfo.InvariantCulture)), Cell(Time(w.UpdatedAt)));
        }

        return table;
    }

    private static Table Compact(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)) { NoWrap = true });
        }

        return table;
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static Text Cell(string text) => new Text(text);

    private static Text Status(RunStatus status)
    {
        var word = status.ToString().ToUpperInvariant();
        var style = status switch
        {
            RunStatus.Succeeded => Color.Green,
            RunStatus.Failed => Color.Red,
            RunStatus.Partial => Color.Yellow,
            _ => Color.Blue,
        };
        return new Text(word, new Style(style));
    }

    private static T Also<T>(this T value, Action<T> change)
    {
        change(value);
        return value;
    }
}
