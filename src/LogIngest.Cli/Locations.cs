using System.Data.Common;

namespace LogIngest.Cli;

/// <summary>
/// Where a command's lake lives: a local folder, a Blob (ADLS Gen2) container URL signed in with
/// DefaultAzureCredential, or <c>env:NAME/container[/prefix]</c> with a storage connection string in
/// the environment variable NAME (Azurite, or an account that allows keys). A secret never appears on
/// the command line, in output or in state: <see cref="Display"/> names the variable, not its value.
/// </summary>
public sealed record LakeLocation
{
    private LakeLocation(string display) => Display = display;

    /// <summary>How the location is printed and remembered by the state (no secrets).</summary>
    public string Display { get; }

    /// <summary>The folder of a local lake; null for Blob storage.</summary>
    public string? Folder { get; private init; }

    /// <summary>The container URL (signed in with a token credential), when given as a URL.</summary>
    public Uri? ContainerUri { get; private init; }

    /// <summary>The connection string read from the environment, and its container, when given as <c>env:NAME/...</c>.</summary>
    public string? ConnectionString { get; private init; }

    public string? ContainerName { get; private init; }

    /// <summary>A folder inside the container that holds the lake ('' for the container's root).</summary>
    public string Prefix { get; private init; } = string.Empty;

    public bool IsBlob => Folder is null;

    public static LakeLocation OfFolder(string folder) => new(Path.GetFullPath(folder)) { Folder = Path.GetFullPath(folder) };

    /// <summary>Reads <c>--lake</c>; <see cref="InputException"/> naming it when the value cannot be a lake.</summary>
    public static LakeLocation Parse(string value, CliEnvironment environment)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        ArgumentNullException.ThrowIfNull(environment);
        if (value.StartsWith("env:", StringComparison.Ordinal))
        {
            var (variable, rest) = SplitVariable("--lake", value, "env:AZURE_STORAGE_CONNECTION_STRING/lake");
            var connection = environment.Variable(variable)
                ?? throw new InputException($"--lake {value}: the environment variable {variable} is not set; put a storage connection string in it (e.g. UseDevelopmentStorage=true for Azurite).");
            var segments = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length == 0)
            {
                throw new InputException($"--lake {value}: name the container after the variable, e.g. env:{variable}/lake or env:{variable}/lake/some/prefix.");
            }

            return new LakeLocation($"env:{variable}/{string.Join('/', segments)}")
            {
                ConnectionString = connection,
                ContainerName = CheckContainer(value, segments[0]),
                Prefix = string.Join('/', segments.Skip(1)),
            };
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (!string.IsNullOrEmpty(uri.Query) || segments.Length == 0)
            {
                throw new InputException($"--lake {value}: give the container's URL without a query (no SAS token), e.g. https://<account>.blob.core.windows.net/<container>[/prefix].");
            }

            // Blob endpoints name the container first; Azurite and other path-style endpoints put the account before it.
            var containerAt = uri.Host.EndsWith(".blob.core.windows.net", StringComparison.OrdinalIgnoreCase) || segments.Length == 1 ? 0 : IndexOfContainer(uri);
            var container = new UriBuilder(uri) { Path = string.Join('/', segments.Take(containerAt + 1)), Query = string.Empty }.Uri;
            CheckContainer(value, segments[containerAt]);
            return new LakeLocation(uri.GetLeftPart(UriPartial.Path).TrimEnd('/'))
            {
                ContainerUri = container,
                Prefix = string.Join('/', segments.Skip(containerAt + 1)),
            };
        }

        var folder = environment.Resolve(value);
        if (File.Exists(folder))
        {
            throw new InputException($"--lake '{value}' is a file: give a folder (or a container URL https://<account>.blob.core.windows.net/<container>).");
        }

        return OfFolder(folder);
    }

    // Path-style endpoints (http://127.0.0.1:10000/devstoreaccount1/lake) carry the account as the first segment.
    private static int IndexOfContainer(Uri uri) => uri.IsLoopback || System.Net.IPAddress.TryParse(uri.Host, out _) ? 1 : 0;

    private static string CheckContainer(string value, string name) =>
        name.Length is >= 3 and <= 63 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && !name.StartsWith('-') && !name.EndsWith('-')
            ? name
            : throw new InputException($"--lake {value}: '{name}' is not a container name (3-63 lower-case letters, digits and single hyphens).");

    internal static (string Variable, string Path) SplitVariable(string option, string value, string example)
    {
        var body = value["env:".Length..];
        var slash = body.IndexOf('/', StringComparison.Ordinal);
        var variable = slash < 0 ? body : body[..slash];
        if (variable.Length == 0 || !variable.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new InputException($"{option} {value}: after env: comes the name of an environment variable, e.g. {example}.");
        }

        return (variable, slash < 0 ? string.Empty : body[(slash + 1)..]);
    }
}

/// <summary>
/// Where a command's state lives: a folder (SQLite, <c>state.db</c>), a Cosmos DB account endpoint
/// <c>https://&lt;account&gt;.documents.azure.com[:443]/[database]</c> signed in with DefaultAzureCredential,
/// or <c>env:NAME[/database]</c> with a Cosmos connection string (<c>AccountEndpoint=...;AccountKey=...;</c>)
/// in the environment variable NAME. The database defaults to <c>logingest</c>.
/// </summary>
public sealed record StateLocation
{
    public const string DefaultDatabase = "logingest";

    private StateLocation(string display) => Display = display;

    /// <summary>How the location is printed (no secrets).</summary>
    public string Display { get; }

    /// <summary>The folder of a SQLite state; null for Cosmos DB.</summary>
    public string? Folder { get; private init; }

    public Uri? Endpoint { get; private init; }

    /// <summary>The account key from a connection string; null signs in with a token credential.</summary>
    public string? AccountKey { get; private init; }

    public string Database { get; private init; } = DefaultDatabase;

    public bool IsCosmos => Folder is null;

    /// <summary>The SQLite file of a folder state.</summary>
    public string? DatabaseFile => Folder is null ? null : Path.Combine(Folder, CliHost.DatabaseFileName);

    /// <summary>Whether anything was stored here: a folder state once its database file exists; a Cosmos DB state is taken to exist.</summary>
    public bool Exists => DatabaseFile is not { } file || File.Exists(file);

    public static StateLocation OfFolder(string folder) => new(Path.Combine(Path.GetFullPath(folder), CliHost.DatabaseFileName)) { Folder = Path.GetFullPath(folder) };

    /// <summary>Reads <c>--state</c>; <see cref="InputException"/> naming it when the value cannot hold state.</summary>
    public static StateLocation Parse(string value, CliEnvironment environment)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        ArgumentNullException.ThrowIfNull(environment);
        if (value.StartsWith("env:", StringComparison.Ordinal))
        {
            var (variable, rest) = LakeLocation.SplitVariable("--state", value, "env:COSMOS_CONNECTION_STRING/logingest");
            var text = environment.Variable(variable)
                ?? throw new InputException($"--state {value}: the environment variable {variable} is not set; put a Cosmos DB connection string in it (AccountEndpoint=...;AccountKey=...;).");
            var parts = new DbConnectionStringBuilder();
            try
            {
                parts.ConnectionString = text;
            }
            catch (ArgumentException)
            {
                parts.Clear();
            }

            if (!parts.TryGetValue("AccountEndpoint", out var endpoint) || !Uri.TryCreate(endpoint as string, UriKind.Absolute, out var uri)
                || !parts.TryGetValue("AccountKey", out var key) || key is not string { Length: > 0 } accountKey)
            {
                throw new InputException($"--state {value}: the environment variable {variable} does not hold a Cosmos DB connection string (AccountEndpoint=https://...;AccountKey=...;).");
            }

            var database = DatabaseName(value, rest);
            return new StateLocation($"env:{variable}/{database}") { Endpoint = uri, AccountKey = accountKey, Database = database };
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var account) && (account.Scheme == Uri.UriSchemeHttps || account.Scheme == Uri.UriSchemeHttp))
        {
            var database = DatabaseName(value, account.AbsolutePath);
            var endpoint = new UriBuilder(account) { Path = "/", Query = string.Empty }.Uri;
            return new StateLocation($"{endpoint.AbsoluteUri.TrimEnd('/')}/{database}") { Endpoint = endpoint, Database = database };
        }

        var folder = environment.Resolve(value);
        if (File.Exists(folder))
        {
            throw new InputException($"--state '{value}' is a file: give a folder (the state is state.db inside it), or a Cosmos DB endpoint.");
        }

        return OfFolder(folder);
    }

    private static string DatabaseName(string value, string path)
    {
        var name = path.Trim('/');
        return name.Length == 0 ? DefaultDatabase
            : name.Length <= 255 && !name.Any(c => c is '/' or '\\' or '?' or '#' || char.IsWhiteSpace(c)) ? name
            : throw new InputException($"--state {value}: '{name}' is not a database name (one path segment after the endpoint, e.g. /logingest).");
    }
}
