using System.CommandLine;
using System.Diagnostics;
using LogIngest.Core.Observability;
using LogIngest.Core.Reporting;

namespace LogIngest.Cli.Commands;

/// <summary><c>logingest report [runId] --out report.html</c>: one run as a self-contained HTML page (or its model as JSON).</summary>
internal static class ReportCommand
{
    public const string DefaultOut = "report.html";

    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var runId = new Argument<string?>("runId") { Description = "The run to report (default: the latest run)", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string>("--out") { Description = $"Where to write the HTML page. Default: ./{DefaultOut}" };
        var open = new Option<bool>("--open") { Description = "Open the page in the default browser when there is one" };
        var noSource = new Option<bool>("--no-source") { Description = "Skip the reconciliation against the source (no queries, no lake scan)" };
        var json = new Option<bool>("--json") { Description = "Print the report's model as one JSON object and write no page" };
        var command = new Command("report",
            "Write one run as a self-contained HTML page: a timeline of its windows, rows and bytes, throughput, errors, the reconciliation and the config.")
        {
            runId,
            output,
            open,
            noSource,
            json,
        };
        CommandActions.Set(command, environment, async parse =>
        {
            var settings = common.Read(parse, environment);
            if (!settings.State.Exists)
            {
                // Like status: a report never creates state.
                throw new InputException($"there is no state in {settings.StateFolder}, so no run to report; load something first (logingest demo).");
            }

            var target = Path.GetFullPath(Path.Combine(environment.WorkingDirectory, parse.GetValue(output) ?? DefaultOut));
            if (Directory.Exists(target))
            {
                throw new InputException($"--out {target} is a folder; give a file name such as {Path.Combine(target, DefaultOut)}.");
            }

            await using var host = await CliHost.OpenAsync(settings, environment, HostUse.Read);
            var reports = host.Get<RunReports>();
            var id = parse.GetValue(runId) ?? await reports.LatestRunIdAsync()
                ?? throw new InputException($"no run has started in {settings.State.Display} yet: nothing to report (logingest demo makes one).");
            RunReport report;
            try
            {
                report = await reports.GetRunAsync(id, reconcile: !parse.GetValue(noSource));
            }
            catch (LogIngestException missing) when (missing.Code == ErrorCodes.NotFound)
            {
                throw new InputException($"runId '{id}' has no events in {settings.State.Display} (see: logingest status).");
            }

            report = report with { Locations = [new ReportField("state", host.State.Display), new ReportField("lake", host.Lake.Display)] };
            if (parse.GetValue(json))
            {
                await environment.Out.WriteLineAsync(ReportJson.Serialize(report));
                return ExitCodes.Ok;
            }

            if (Path.GetDirectoryName(target) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            await File.WriteAllTextAsync(target, ReportPage.Render(report));
            await environment.Out.WriteLineAsync($"report of run {report.RunId} ({report.Status}): {target}");
            if (parse.GetValue(open) && !TryOpen(target))
            {
                await environment.Out.WriteLineAsync($"no browser to open it here: open {target} on a machine with one");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    // The platform's "open this file" command; false when there is none (a server, a container).
    private static bool TryOpen(string path)
    {
        var opener = OperatingSystem.IsWindows() ? "explorer.exe" : OperatingSystem.IsMacOS() ? "open" : "xdg-open";
        if (!OperatingSystem.IsWindows() && !OperatingSystem.IsMacOS()
            && (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"))))
        {
            return false;
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo(opener) { ArgumentList = { path }, UseShellExecute = false });
            return process is not null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
