using LogIngest.Core.Configuration;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;

namespace LogIngest.Core.Tests.Configuration;

public class ConfigJsonTests
{
    private const string Example = """
        {
          "id": "officeactivity",
          "table": "OfficeActivity",
          "source": { "kind": "logAnalytics", "workspaceId": "0f1e2d3c-4b5a-6978-8a9b-acbdcedf0011" },
          "mode": "backfill",
          "from": "2025-01-01T00:00:00Z", "to": "2025-02-01T00:00:00Z",
          "settleDelay": "00:30:00",
          "filter": "where Operation != 'FileAccessed'",
          "flatten": ["ExtendedProperties"],
          "limits": { "maxRows": 250000, "maxBytes": 48000000, "minRows": 50000 },
          "parallelism": 4,
          "lake": { "prefix": "loganalytics" },
          "sla": "01:00:00",
          "enabled": true
        }
        """;

    [Fact]
    public void Parse_ArchitectureExample_ReadsEveryField()
    {
        var config = ConfigJson.Parse(Example);

        Assert.Equal("officeactivity", config.Id);
        Assert.Equal("OfficeActivity", config.Table);
        Assert.Equal(SourceKinds.LogAnalytics, config.Source.Kind);
        Assert.Equal("0f1e2d3c-4b5a-6978-8a9b-acbdcedf0011", config.Source.WorkspaceId);
        Assert.Equal(LoadMode.Backfill, config.Mode);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), config.From);
        Assert.Equal(new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero), config.To);
        Assert.Equal(TimeSpan.FromMinutes(30), config.SettleDelay);
        Assert.Equal("where Operation != 'FileAccessed'", config.Filter);
        Assert.Equal(["ExtendedProperties"], config.Flatten);
        Assert.Equal(new WindowLimits { MaxRows = 250_000, MaxBytes = 48_000_000, MinRows = 50_000 }, config.Limits);
        Assert.Equal(4, config.Parallelism);
        Assert.Equal("loganalytics", config.Lake.Prefix);
        Assert.Equal(TimeSpan.FromHours(1), config.Sla);
        Assert.True(config.Enabled);
    }

    [Fact]
    public void Serialize_ThenParse_GivesAnEqualConfigInTheDocumentedShape()
    {
        var config = ConfigJson.Parse(Example) with { Mode = LoadMode.Incremental, SettleDelay = TimeSpan.FromMinutes(5) };

        var json = ConfigJson.Serialize(config);
        var back = ConfigJson.Parse(json);

        Assert.Contains("\"mode\": \"incremental\"", json, StringComparison.Ordinal);
        Assert.Contains("\"settleDelay\": \"00:05:00\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("axis", json, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(config, back with { Flatten = config.Flatten });
        Assert.Equal(config.Flatten, back.Flatten);
    }

    [Fact]
    public void Parse_MinimalIncremental_FillsDefaults()
    {
        var config = ConfigJson.Parse("""{ "id": "sec", "table": "SecurityEvent", "mode": "incremental" }""");

        Assert.Equal(SourceKinds.Simulated, config.Source.Kind);
        Assert.Equal(WindowLimits.Default, config.Limits);
        Assert.Equal(TimeAxis.IngestionTime, config.Axis);
        Assert.Equal(4, config.Parallelism);
    }

    [Fact]
    public void Parse_ManyProblems_ReportsEveryFieldWithItsFixAtOnce()
    {
        const string Json = """
            {
              "id": "Office_Activity", "table": "Office Activity; drop", "source": { "kind": "logAnalytics", "workspaceId": "not-a-guid" },
              "mode": "backfill", "from": "2025-02-01T00:00:00Z", "to": "2025-01-01T00:00:00Z", "settleDelay": "-00:01:00",
              "limits": { "maxRows": 600000, "maxBytes": 0, "minRows": 700000 }, "parallelism": 33, "lake": { "prefix": "../outside" }
            }
            """;

        var error = Assert.Throws<LogIngestException>(() => ConfigJson.Parse(Json));

        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        foreach (var field in new[] { "id:", "table:", "source.workspaceId:", "to:", "settleDelay:", "limits.maxRows:", "limits.maxBytes:", "limits.minRows:", "parallelism:", "lake.prefix:" })
        {
            Assert.Contains(field, error.Message, StringComparison.Ordinal);
        }

        Assert.Contains("(10 problems)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "id": "a", "table": "T", "mode": "backfill", "to": "2025-01-01T00:00:00Z" }""", "from")]
    [InlineData("""{ "id": "a", "table": "T", "mode": "backfill", "from": "2025-01-01T00:00:00Z" }""", "to")]
    [InlineData("""{ "id": "a", "table": "T", "mode": "incremental", "source": { "kind": "kafka" } }""", "source.kind")]
    [InlineData("""{ "id": "a", "table": "T", "mode": "incremental", "source": { "kind": "logAnalytics" } }""", "source.workspaceId")]
    [InlineData("""{ "id": "a", "table": "T", "mode": "incremental", "parallelism": 0 }""", "parallelism")]
    [InlineData("""{ "id": "a", "table": "T", "mode": "incremental", "lake": { "prefix": "/abs" } }""", "lake.prefix")]
    [InlineData("""{ "id": "a", "table": "T", "mode": "incremental", "lake": { "prefix": "a\\b" } }""", "lake.prefix")]
    [InlineData("""{ "id": "a", "table": "T", "mode": "incremental", "lake": { "prefix": "a/../../b" } }""", "lake.prefix")]
    [InlineData("""{ "id": "a", "table": "T", "mode": "incremental", "flatten": ["Ok", "Not ok"] }""", "flatten[1]")]
    [InlineData("""{ "id": "", "table": "T", "mode": "incremental" }""", "id")]
    [InlineData("""{ "id": "a", "table": "1Table", "mode": "incremental" }""", "table")]
    [InlineData("""{ "id": "a", "table": "T", "mode": "incremental", "sla": "00:00:00" }""", "sla")]
    [InlineData("""{ "id": "a", "table": "T", "mode": "incremental", "sla": "40.00:00:00" }""", "sla")]
    [InlineData("""{ "id": "a", "table": "T", "mode": "incremental", "filter": "where x == 1 | union OtherTable" }""", "filter")]
    public void Parse_OneBadField_NamesThatField(string json, string field)
    {
        var error = Assert.Throws<LogIngestException>(() => ConfigJson.Parse(json));

        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        Assert.Contains("  " + field + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains("(1 problem)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "id": "a", "table": "T", "mode": "incremental", "maxRows": 5 }""", "maxRows: is not a field of the config; it belongs inside limits")]
    [InlineData("""{ "id": "a", "table": "T", "mode": "sometimes" }""", "mode: must be backfill or incremental; got \"sometimes\"")]
    [InlineData("""{ "id": "a", "table": "T", "mode": "incremental", "settleDelay": "half an hour" }""", "settleDelay: must be a duration like \"00:30:00\"")]
    [InlineData("""{ "id": "a", "table": "T", "mode": "incremental", "setleDelay": "00:10:00" }""", "setleDelay: is not a field of the config; did you mean 'settleDelay'?")]
    [InlineData("""{ "id": "a", "table": "T", "mode": "incremental", "limits": { "maxrows": 5 } }""", "limits.maxrows: is not a field of limits; did you mean 'maxRows'?")]
    [InlineData("""{ "id": "a", "table": "T", "from": "2025-01-01T00:00:00", "to": "2025-01-02T00:00:00Z" }""", "from: must be a UTC time like \"2025-01-01T00:00:00Z\"")]
    [InlineData("""{ "id": "a", "table": "T", "mode": "incremental", "sla": "one hour" }""", "sla: must be a duration like")]
    [InlineData("""{ "table": "T" }""", "id: is missing")]
    [InlineData("""[1, 2]""", "config: is a list")]
    public void Parse_JsonThatDoesNotFit_SaysWhereAndWhatFitsInTheConfigsWords(string json, string expected)
    {
        var error = Assert.Throws<LogIngestException>(() => ConfigJson.Parse(json));

        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LoadConfig", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ShapeAndContentProblemsTogether_ReportsEveryOneInOnePass()
    {
        const string Json = """
            { "id": "Bad Id", "table": "T", "mode": "weekly", "parallelism": "four", "enabled": "yes",
              "limits": { "maxRows": 600000 }, "lake": { "prefix": "../up" }, "flatten": ["A", 5], "colour": "red" }
            """;

        var error = Assert.Throws<LogIngestException>(() => ConfigJson.Parse(Json));

        foreach (var field in new[] { "id:", "mode:", "parallelism:", "enabled:", "limits.maxRows:", "lake.prefix:", "flatten[1]:", "colour:" })
        {
            Assert.Contains("  " + field, error.Message, StringComparison.Ordinal);
        }

        Assert.Contains("(8 problems)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadFileAsync_MissingFile_ThrowsConfigInvalidNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "logingest-missing-" + Guid.NewGuid().ToString("N") + ".json");

        var error = await Assert.ThrowsAsync<LogIngestException>(() => ConfigJson.LoadFileAsync(path));

        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadFileAsync_FileWithComments_ParsesAndValidates()
    {
        var path = Path.Combine(Path.GetTempPath(), "logingest-config-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(path, """
            {
              // the CLI's --config file may carry comments
              "id": "syslog", "table": "Syslog", "mode": "incremental",
            }
            """);
        try
        {
            var config = await ConfigJson.LoadFileAsync(path);

            Assert.Equal("Syslog", config.Table);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
