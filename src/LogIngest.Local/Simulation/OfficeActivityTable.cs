using System.Globalization;
using System.Text;
using LogIngest.Core.Model;

namespace LogIngest.Local.Simulation;

/// <summary>
/// A wide table shaped like Microsoft 365's <c>OfficeActivity</c>: mostly strings, a <c>dynamic</c>
/// column with nested objects, arrays and nulls, and one column of every other Log Analytics type.
/// </summary>
internal sealed class OfficeActivityTable : SimulatedTable
{
    public const string TableName = "OfficeActivity";

    private static readonly (string Name, LogColumnType Type)[] Columns =
    [
        ("TenantId", LogColumnType.String),
        ("TimeGenerated", LogColumnType.DateTime),
        ("_ItemId", LogColumnType.Guid),
        ("Operation", LogColumnType.String),
        ("OrganizationId", LogColumnType.String),
        ("RecordType", LogColumnType.String),
        ("UserType", LogColumnType.String),
        ("UserKey", LogColumnType.String),
        ("OfficeWorkload", LogColumnType.String),
        ("ResultStatus", LogColumnType.String),
        ("OfficeObjectId", LogColumnType.String),
        ("UserId", LogColumnType.String),
        ("ClientIP", LogColumnType.String),
        ("ExtendedProperties", LogColumnType.Dynamic),
        ("Site_Url", LogColumnType.String),
        ("ItemCount", LogColumnType.Int),
        ("SizeBytes", LogColumnType.Long),
        ("IsManagedDevice", LogColumnType.Bool),
        ("ElapsedTime", LogColumnType.TimeSpan),
        ("RiskScore", LogColumnType.Real),
        ("StorageQuotaGb", LogColumnType.Decimal),
        ("SourceSystem", LogColumnType.String),
        ("Type", LogColumnType.String),
    ];

    private static readonly string[] Operations =
        ["FileAccessed", "FileAccessed", "FileAccessed", "FileModified", "UserLoggedIn", "MailItemsAccessed", "Send", "FileDownloaded", "FileUploaded", "SharingSet", "Update", "TeamsSessionStarted"];

    private static readonly string[] Workloads = ["SharePoint", "OneDrive", "Exchange", "AzureActiveDirectory", "MicrosoftTeams"];
    private static readonly string[] RecordTypes = ["SharePointFileOperation", "ExchangeItem", "AzureActiveDirectoryStsLogon", "MicrosoftTeams", "SharePointSharingOperation"];
    private static readonly string[] UserTypes = ["Regular", "Regular", "Regular", "Admin", "DcAdmin", "Application"];
    private static readonly string?[] Statuses = ["Succeeded", "Succeeded", "Failed", "PartiallySucceeded", null, null];
    // Drift days fall in [2025-01-10, 2025-01-30): the demo's March days see every key from their start.
    private static readonly long DriftEpoch = new DateTime(2025, 1, 10, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private const ulong RareKeyEvery = 2000;

    private static readonly string[] Agents = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64)", "Microsoft Office/16.0", "OneDriveSync/23.1", "python-requests/2.31"];

    private readonly string[] _tenants;
    private readonly string[] _users;
    private readonly string[] _userKeys;
    private readonly string[] _sites;
    private readonly long _complianceFrom;
    private readonly long _retriesAsTextFrom;

    public OfficeActivityTable(long seed)
    {
        var key = SimHash.Of(unchecked((ulong)seed), 0x0FF1CE);
        _tenants = [.. Enumerable.Range(0, 3).Select(i => GuidText(SimHash.Of(key, i), SimHash.Of(key, i + 100)))];
        _users = [.. Enumerable.Range(0, 400).Select(i => string.Create(CultureInfo.InvariantCulture, $"user{SimHash.Of(key, i + 1000) % 100_000:D5}@contoso.com"))];
        _userKeys = [.. Enumerable.Range(0, 400).Select(i => string.Create(CultureInfo.InvariantCulture, $"1003{SimHash.Of(key, i + 2000):X12}"))];
        _sites = [.. Enumerable.Range(0, 40).Select(i => string.Create(CultureInfo.InvariantCulture, $"https://contoso.sharepoint.com/sites/team{i:D2}/"))];
        _complianceFrom = DriftEpoch + ((long)(SimHash.Of(key, 3000) % 10) * TimeSpan.TicksPerDay);
        _retriesAsTextFrom = DriftEpoch + ((long)(10 + (SimHash.Of(key, 3001) % 10)) * TimeSpan.TicksPerDay);
    }

    public override string Name => TableName;

    public override IReadOnlyList<(string Name, LogColumnType Type)> Schema => Columns;

    public override int TypicalRowBytes => 640;

    public override void AppendRow(LogColumn[] columns, ulong rowKey, long timeGenerated)
    {
        var h = SimHash.Of(rowKey, 21);
        var g = SimHash.Of(rowKey, 22);
        var tenant = _tenants[(int)(h % 3)];
        var user = (int)((h >> 8) % (ulong)_users.Length);
        var workload = (int)((h >> 20) % (ulong)Workloads.Length);
        var site = _sites[(int)((g >> 4) % (ulong)_sites.Length)];
        var file = (g >> 12) % 100_000;

        columns[0].AppendText(tenant);
        columns[1].AppendInt64(timeGenerated);
        columns[2].AppendText(ItemIdText(rowKey));
        columns[3].AppendText(Operations[(int)((h >> 28) % (ulong)Operations.Length)]);
        columns[4].AppendText(tenant);
        columns[5].AppendText(RecordTypes[workload]);
        columns[6].AppendText(UserTypes[(int)((h >> 36) % (ulong)UserTypes.Length)]);
        columns[7].AppendText(_userKeys[user]);
        columns[8].AppendText(Workloads[workload]);
        columns[9].AppendText(Statuses[(int)((h >> 40) % (ulong)Statuses.Length)]);
        columns[10].AppendText(string.Create(CultureInfo.InvariantCulture, $"{site}Shared Documents/report-{file:D5}.docx"));
        columns[11].AppendText(_users[user]);
        columns[12].AppendText((g & 7) == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"10.{(g >> 8) & 255}.{(g >> 16) & 255}.{(g >> 24) & 255}"));
        columns[13].AppendText(ExtendedProperties(h, g, timeGenerated));
        columns[14].AppendText(workload <= 1 ? site : null);
        AppendOrNull(columns[15], (g >> 32 & 3) == 0, c => c.AppendInt32((int)((g >> 34) % 500)));
        AppendOrNull(columns[16], (g >> 40 & 3) == 0, c => c.AppendInt64((long)((g >> 20) % 5_000_000_000UL)));
        AppendOrNull(columns[17], (g >> 44 & 3) == 0, c => c.AppendBoolean((g >> 46 & 1) == 1));
        AppendOrNull(columns[18], (g >> 47 & 3) == 0, c => c.AppendText(TimeSpan.FromTicks((long)((h >> 16) % (ulong)TimeSpan.TicksPerHour)).ToString("c", CultureInfo.InvariantCulture)));
        AppendOrNull(columns[19], (g >> 50 & 3) == 0, c => c.AppendDouble(SimHash.Unit(SimHash.Of(rowKey, 23)) * 100));
        AppendOrNull(columns[20], (g >> 53 & 3) == 0, c => c.AppendText(((decimal)((h >> 24) % 1_000_000) / 100m).ToString(CultureInfo.InvariantCulture)));
        columns[21].AppendText("OfficeActivityManager");
        columns[22].AppendText(TableName);
    }

    private static void AppendOrNull(LogColumn column, bool isNull, Action<LogColumn> append)
    {
        if (isNull)
        {
            column.AppendNull();
        }
        else
        {
            append(column);
        }
    }

    // Shapes as the service stores them: a name/value list, a nested object with an array, nulls, escapes.
    // The keys drift as real ones do (docs/architecture.md, "Flattened columns"): a rare key, a key that
    // appears from a day on, and a key whose value changes type from a day on (both days set by the seed).
    private string? ExtendedProperties(ulong h, ulong g, long timeGenerated) => ((g >> 56) % 10) switch
    {
        0 => null,
        < 5 => NameValueList(h, g, timeGenerated),
        < 8 => NestedObject(h, g, timeGenerated),
        _ => "{}",
    };

    private string NameValueList(ulong h, ulong g, long timeGenerated)
    {
        var list = new StringBuilder(256);
        list.Append(CultureInfo.InvariantCulture, $"[{{\"Name\":\"UserAgent\",\"Value\":\"{Agents[(int)(h % (ulong)Agents.Length)]}\"}},{{\"Name\":\"RequestType\",\"Value\":\"OAuth2:Authorize\"}},{{\"Name\":\"ResultStatusDetail\",\"Value\":null}}");
        if (timeGenerated >= _complianceFrom)
        {
            list.Append(CultureInfo.InvariantCulture, $",{{\"Name\":\"DeviceCompliance\",\"Value\":\"{((g & 1) == 0 ? "Compliant" : "Unknown")}\"}}");
        }

        if ((g >> 24) % RareKeyEvery == 0)
        {
            list.Append(CultureInfo.InvariantCulture, $",{{\"Name\":\"DebugTrace\",\"Value\":\"t{h % 100_000:D5}\"}}");
        }

        return list.Append(']').ToString();
    }

    private string NestedObject(ulong h, ulong g, long timeGenerated)
    {
        var client = h % 1000;
        var score = (h % 100) / 10.0;
        var first = g % 50;
        var size = g % 9999;
        var user = h % 77;

        // Retries: a number, then (from the seed's day on) sometimes text.
        var retries = timeGenerated >= _retriesAsTextFrom && (h & 3) == 0 ? "\"many\"" : (g % 4).ToString(CultureInfo.InvariantCulture);

        // The path carries escaped backslashes and quotes: C:\Users\uN\"draft"
        return string.Create(CultureInfo.InvariantCulture,
            $$"""{"Client":{"Id":"c{{client}}","Tags":["sync","desktop"],"Score":{{score}},"Proxy":null},"Items":[{{first}},{"Kind":"file","Size":{{size}}}],"Path":"C:\\Users\\u{{user}}\\\"draft\"","Retries":{{retries}}}""");
    }

    private static string GuidText(ulong hi, ulong lo)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, hi);
        BitConverter.TryWriteBytes(bytes[8..], lo);
        return new Guid(bytes).ToString("D");
    }
}
