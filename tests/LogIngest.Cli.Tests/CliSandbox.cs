using System.Text.Json;
using Azure.Core;
using Azure.Identity;
using LogIngest.Core.Hosting;

namespace LogIngest.Cli.Tests;

/// <summary>A temporary working folder to run <c>logingest</c> commands in, in process, through its entry point.</summary>
public sealed class CliSandbox : IDisposable
{
    public CliSandbox()
    {
        Folder = Path.Combine(Path.GetTempPath(), "logingest-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string StateFolder => Path.Combine(Folder, ".logingest");

    public string LakeFolder => Path.Combine(StateFolder, "lake");

    /// <summary>The environment variables commands see (connection strings for env:NAME locations); empty by default.</summary>
    public Dictionary<string, string> Variables { get; } = [];

    /// <summary>How commands sign in to Azure services; null fails like a machine without a login.</summary>
    public TokenCredential? Credential { get; set; } = new NoLogin();

    /// <summary>The HTTP transport of Log Analytics queries; null uses Azure.Core's.</summary>
    public global::Azure.Core.Pipeline.HttpPipelineTransport? LogAnalyticsTransport { get; set; }

    /// <summary>Runs one command; <paramref name="onProgress"/> sees its progress and may stop it through the environment.</summary>
    /// <param name="stdin">What <c>-</c> reads as an input.</param>
    /// <param name="stop">Requests the command's clean stop (the first Ctrl+C) when cancelled.</param>
    public async Task<CliResult> RunAsync(string[] args, Action<RunProgress, CliEnvironment>? onProgress = null, bool interactive = false, byte[]? stdin = null, CancellationToken stop = default)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var environment = new CliEnvironment(Folder, output, error, interactive)
        {
            Variables = Variables,
            Credential = Credential,
            LogAnalyticsTransport = LogAnalyticsTransport,
            OpenStandardInput = () => new MemoryStream(stdin ?? []),
        };
        if (onProgress is not null)
        {
            environment.OnProgress = p => onProgress(p, environment);
        }

        using var stopping = stop.Register(environment.RequestStop);

        var code = await CliApp.RunAsync(args, environment);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Starts <c>logingest</c> as a child process in this sandbox's folder, with <paramref name="variables"/> added to its environment.</summary>
    public System.Diagnostics.Process StartProcess(IEnumerable<string> args, IReadOnlyDictionary<string, string>? variables = null)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(CliApp).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return System.Diagnostics.Process.Start(start)!;
    }

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>What a command did: its exit code and what it wrote.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>Stdout parsed as the one JSON object --json promises (fails the test when it is anything else).</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Out);
        return document.RootElement.Clone();
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>A machine where nobody signed in: every token request fails as DefaultAzureCredential's would.</summary>
public sealed class NoLogin : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        throw new CredentialUnavailableException("DefaultAzureCredential failed to retrieve a token from the included credentials.");

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromException<AccessToken>(new CredentialUnavailableException("DefaultAzureCredential failed to retrieve a token from the included credentials."));
}
