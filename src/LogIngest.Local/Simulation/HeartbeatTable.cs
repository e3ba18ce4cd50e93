using System.Globalization;
using LogIngest.Core.Model;

namespace LogIngest.Local.Simulation;

/// <summary>A narrow table shaped like the agent <c>Heartbeat</c> table.</summary>
internal sealed class HeartbeatTable : SimulatedTable
{
    public const string TableName = "Heartbeat";

    private static readonly (string Name, LogColumnType Type)[] Columns =
    [
        ("TenantId", LogColumnType.String),
        ("TimeGenerated", LogColumnType.DateTime),
        ("_ItemId", LogColumnType.Guid),
        ("Computer", LogColumnType.String),
        ("ComputerIP", LogColumnType.String),
        ("OSType", LogColumnType.String),
        ("Version", LogColumnType.String),
        ("Category", LogColumnType.String),
        ("IsGatewayInstalled", LogColumnType.Bool),
        ("Type", LogColumnType.String),
    ];

    private readonly string _tenant;
    private readonly string[] _computers;
    private readonly string[] _addresses;

    public HeartbeatTable(long seed)
    {
        var key = SimHash.Of(unchecked((ulong)seed), 0xBEA7);
        _tenant = ItemIdText(key);
        _computers = [.. Enumerable.Range(0, 50).Select(i => string.Create(CultureInfo.InvariantCulture, $"vm-{(i < 25 ? "web" : "db")}-{i:D3}.contoso.local"))];
        _addresses = [.. Enumerable.Range(0, 50).Select(i => string.Create(CultureInfo.InvariantCulture, $"10.1.{i / 10}.{(SimHash.Of(key, i) % 250) + 2}"))];
    }

    public override string Name => TableName;

    public override IReadOnlyList<(string Name, LogColumnType Type)> Schema => Columns;

    public override int TypicalRowBytes => 240;

    public override void AppendRow(LogColumn[] columns, ulong rowKey, long timeGenerated)
    {
        var h = SimHash.Of(rowKey, 31);
        var computer = (int)(h % (ulong)_computers.Length);
        columns[0].AppendText(_tenant);
        columns[1].AppendInt64(timeGenerated);
        columns[2].AppendText(ItemIdText(rowKey));
        columns[3].AppendText(_computers[computer]);
        columns[4].AppendText(_addresses[computer]);
        columns[5].AppendText(computer < 25 ? "Linux" : "Windows");
        columns[6].AppendText(computer < 25 ? "1.19.0" : "10.20.18053.0");
        columns[7].AppendText((h >> 20) % 10 == 0 ? "Direct Agent" : "Azure Monitor Agent");
        if ((h >> 30) % 5 == 0)
        {
            columns[8].AppendNull();
        }
        else
        {
            columns[8].AppendBoolean((h >> 33 & 1) == 1);
        }

        columns[9].AppendText(TableName);
    }
}
