using System.CommandLine;
using LogIngest.Cli.Commands;

namespace LogIngest.Cli;

/// <summary>The <c>logingest</c> command tree and its entry point (the process and the tests both come through here).</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var common = new CommonOptions();
        var root = new RootCommand("logingest: move Log Analytics tables into a Parquet lake on one machine (the same workflows the Azure app runs).");
        common.AddTo(root);
        root.Subcommands.Add(DemoCommand.Create(common, environment));
        root.Subcommands.Add(RunCommand.Create(common, environment));
        root.Subcommands.Add(BackfillCommand.Create(common, environment));
        root.Subcommands.Add(PlanCommand.Create(common, environment));
        root.Subcommands.Add(StatusCommand.Create(common, environment));
        root.Subcommands.Add(VerifyCommand.Create(common, environment));
        root.Subcommands.Add(ReportCommand.Create(common, environment));
        root.Subcommands.Add(ResetCommand.Create(common, environment));
        root.Subcommands.Add(ConfigCommand.Create(common, environment));
        root.Subcommands.Add(StreamCommand.Create(common, environment));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await environment.Error.WriteLineAsync("error: " + error.Message);
            }

            await environment.Error.WriteLineAsync("(see: logingest --help)");
            return ExitCodes.BadInput;
        }

        return await parse.InvokeAsync(new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            ProcessTerminationTimeout = null, // Ctrl+C is ours: first press stops cleanly, second aborts
            EnableDefaultExceptionHandler = true,
        });
    }
}
