using LogIngest.Cli;

// The `logingest` host: commands are glue over LogIngest.Core.Hosting (RunService, LakeVerifier).
using var console = CliEnvironment.FromProcess();
return await CliApp.RunAsync(args, console);
