using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LogIngest.Core.Configuration;
using LogIngest.Core.Model;
using LogIngest.Core.Ports;
using LogIngest.Core.State;

namespace LogIngest.TestSupport;

/// <summary>
/// Config files and HTTP bodies a careless or hostile writer could send: the one table of bad configs
/// the CLI's <c>run --config</c> and the HTTP starter are both held to. Each case names the field the
/// refusal must name, in the config's words.
/// </summary>
public static class BadConfigs
{
    public const string Base = """
        { "id": "bad-input", "table": "OfficeActivity", "source": { "kind": "simulated" }, "mode": "backfill",
          "from": "2025-03-03T00:00:00Z", "to": "2025-03-04T00:00:00Z" }
        """;

    // Words of .NET that a config writer should never meet.
    public static readonly string[] DotNetWords = ["System.", "LoadConfig", "JsonException", "Nullable", "Int32", "Int64", "DateTimeOffset", "TimeSpan", "Boolean", "JsonElement", "$."];

    public static TheoryData<string, byte[], string> Cases => new()
    {
        // Not JSON, or not text.
        { "malformed", Utf8("""{ "id": "x", "table": }"""), "config" },
        { "trailing garbage", Utf8(Base + " {"), "config" },
        { "empty file", [], "config" },
        { "a list, not an object", Utf8("""[ { "id": "x" } ]"""), "config" },
        { "non-UTF-8 byte in a name", [.. Utf8("""{ "id": "bad-input", "table": "Office"""), 0xFF, .. Utf8("""Activity" }""")], "config" },
        { "UTF-16 file", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Base)], "config" },

        // Missing, unknown, repeated and mistyped fields.
        { "missing id", Change(("id", null)), "id" },
        { "missing table", Change(("table", null)), "table" },
        { "misspelled key", Change(("tabel", "\"Syslog\"")), "tabel" },
        { "key in the wrong case", Change(("Parallelism", "4")), "Parallelism" },
        { "nested key misspelled", Change(("limits", """{ "maxRow": 5 }""")), "limits.maxRow" },
        { "nested key one level too high", Change(("minRows", "5")), "minRows" },
        { "key given twice", Utf8(Base.TrimEnd()[..^1] + """, "id": "other" }"""), "id" },
        { "mode not a mode", Change(("mode", "\"weekly\"")), "mode" },
        { "number in quotes", Change(("parallelism", "\"4\"")), "parallelism" },
        { "fractional number", Change(("parallelism", "2.5")), "parallelism" },
        { "number beyond 64 bits", Change(("limits", """{ "maxRows": 99999999999999999999 }""")), "limits.maxRows" },
        { "yes for a boolean", Change(("enabled", "\"yes\"")), "enabled" },
        { "duration in words", Change(("settleDelay", "\"30m\"")), "settleDelay" },
        { "time without a zone", Change(("from", "\"2025-03-03T00:00:00\"")), "from" },
        { "time in words", Change(("to", "\"tomorrow\"")), "to" },
        { "one name for a list", Change(("flatten", "\"ExtendedProperties\"")), "flatten" },
        { "null for an object", Change(("source", "null")), "source" },
        { "unknown source kind", Change(("source", """{ "kind": "kafka" }""")), "source.kind" },
        { "workspace id not a GUID", Change(("source", """{ "kind": "logAnalytics", "workspaceId": "my-workspace" }""")), "source.workspaceId" },
        { "id with capitals and a space", Change(("id", "\"Bad Id\"")), "id" },

        // Ranges and limits.
        { "end before start", Change(("from", "\"2025-03-04T00:00:00Z\""), ("to", "\"2025-03-03T00:00:00Z\"")), "to" },
        { "empty range", Change(("to", "\"2025-03-03T00:00:00Z\"")), "to" },
        { "range of 20 years", Change(("from", "\"2001-01-01T00:00:00Z\""), ("to", "\"2021-01-01T00:00:00Z\"")), "to" },
        { "year 1", Change(("from", "\"0001-01-01T00:00:00Z\"")), "from" },
        { "year 9999", Change(("to", "\"9999-12-31T00:00:00Z\"")), "to" },
        { "rows over the API's cap", Change(("limits", """{ "maxRows": 600000 }""")), "limits.maxRows" },
        { "parallelism 1000", Change(("parallelism", "1000")), "parallelism" },
        { "settle delay of a year", Change(("settleDelay", "\"365.00:00:00\"")), "settleDelay" },

        // Table and column names that try to become KQL.
        { "table with a pipe", Change(("table", "\"OfficeActivity | take 1\"")), "table" },
        { "table with a semicolon", Change(("table", "\"OfficeActivity;\"")), "table" },
        { "table with a quote", Change(("table", "\"Office'Activity\"")), "table" },
        { "table in brackets", Change(("table", "\"['OfficeActivity']\"")), "table" },
        { "table with a line break", Change(("table", "\"Office\\nActivity\"")), "table" },
        { "table with a comment", Change(("table", "\"OfficeActivity//\"")), "table" },
        { "table with a Cyrillic O", Change(("table", "\"\u041EfficeActivity\"")), "table" },
        { "column that closes its quote", Change(("flatten", """["ExtendedProperties']) | take 1 //"]""")), "flatten[0]" },

        // Filters that try to leave the pipeline or the table.
        { "projection without TimeGenerated", Change(("filter", "\"where Operation != 'x' | project UserId\"")), "filter" },
        { "TimeGenerated overwritten", Change(("filter", "\"extend TimeGenerated = now()\"")), "filter" },
        { "union", Change(("filter", "\"where true | union SigninLogs\"")), "filter" },
        { "externaldata", Change(("filter", "\"where UserId in (externaldata(x:string) [@'users.csv'])\"")), "filter" },
        { "evaluate", Change(("filter", "\"evaluate bag_unpack(ExtendedProperties)\"")), "filter" },
        { "second statement", Change(("filter", "\"where true; SigninLogs\"")), "filter" },
        { "line break", Change(("filter", "\"where true\\n| take 1\"")), "filter" },
        { "comment hiding the rest", Change(("filter", "\"where true // | where false\"")), "filter" },

        // Lake prefixes that try to leave the lake.
        { "prefix with ..", Change(("lake", """{ "prefix": "../outside" }""")), "lake.prefix" },
        { "absolute prefix", Change(("lake", """{ "prefix": "/etc" }""")), "lake.prefix" },
        { "drive letter", Change(("lake", """{ "prefix": "C:\\lake" }""")), "lake.prefix" },
        { "backslash traversal", Change(("lake", """{ "prefix": "a\\..\\..\\b" }""")), "lake.prefix" },
        { "URL-encoded traversal", Change(("lake", """{ "prefix": "%2e%2e/%2E%2E%2Fetc" }""")), "lake.prefix" },

        // Size.
        { "2 MB filter", Change(("filter", "\"where UserId != '" + new string('x', 2_000_000) + "'\"")), "config" },
        { "2 MB of spaces after the config", Utf8(Base + new string(' ', 2_000_000)), "config" },
    };

    /// <summary>
    /// Configs that are well formed but clash with what the state already holds: <see cref="Base"/>
    /// (stored, with a checkpoint) is for OfficeActivity in the default lake prefix.
    /// </summary>
    public static TheoryData<string, byte[], string> StoredClashes => new()
    {
        { "config id reused for another table", Change(("table", "\"SigninLogs\"")), "id" },
        { "config id reused for another lake prefix", Change(("lake", """{ "prefix": "elsewhere" }""")), "id" },
        { "second config writing the same table folder", Change(("id", "\"other-id\"")), "lake.prefix" },
    };

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Stores <see cref="Base"/> with one checkpoint, as a user's state would hold before the bad input.</summary>
    public static async Task SeedAsync(IStateStore state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var config = ConfigJson.Parse(Base);
        await state.SaveConfigAsync(config).ConfigureAwait(false);
        await state.RecordWindowAsync(new WindowCheckpoint
        {
            ConfigId = config.Id,
            Axis = TimeAxis.TimeGenerated,
            Window = Interval.FromUtc(config.From!.Value, config.To!.Value),
            RunId = "seed",
            Rows = 1,
        }).ConfigureAwait(false);
    }

    /// <summary>What a refused input must leave as it was in the state: stored configs, their checkpoints and recent runs.</summary>
    public static async Task<JsonNode> StateSnapshotAsync(IStateStore state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var configs = await state.ListConfigsAsync().ConfigureAwait(false);
        var windows = new List<WindowCheckpoint>();
        foreach (var config in configs)
        {
            windows.AddRange(await state.ListWindowsAsync(config.Id).ToListAsync().ConfigureAwait(false));
        }

        var runs = await state.ListRecentRunsAsync(100).ConfigureAwait(false);
        return JsonSerializer.SerializeToNode(new { configs, windows, runs }, StateJson.Options)!;
    }

    // The base config with fields replaced (raw JSON) or removed (null).
    public static byte[] Change(params (string Key, string? Json)[] changes)
    {
        var config = JsonNode.Parse(Base)!.AsObject();
        foreach (var (key, json) in changes)
        {
            config.Remove(key);
            if (json is not null)
            {
                config[key] = JsonNode.Parse(json);
            }
        }

        return Utf8(config.ToJsonString());
    }
}
