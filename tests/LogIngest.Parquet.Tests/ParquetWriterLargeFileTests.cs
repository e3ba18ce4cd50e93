using LogIngest.TestSupport.Streams;
using System.Globalization;
using LogIngest.TestSupport.Parquet;

namespace LogIngest.Parquet.Tests;

/// <summary>
/// 3,000,000 rows over many row groups, checked by aggregates: every reader's per-column non-null
/// count and sum must equal those of the values written, and sampled rows must match.
/// </summary>
public sealed class ParquetWriterLargeFileTests
{
    private const int Rows = 3_000_000;
    private const long BaseMicros = 1_700_000_000_000_000;

    private static readonly ParquetSchema Schema = new(
        new ParquetColumn("id", ParquetColumnType.Int64, IsNullable: false),
        new ParquetColumn("at", ParquetColumnType.Timestamp),
        new ParquetColumn("name", ParquetColumnType.String),
        new ParquetColumn("value", ParquetColumnType.Double),
        new ParquetColumn("flag", ParquetColumnType.Boolean));

    [Fact]
    public async Task WriteAsync_ThreeMillionRowsInManyRowGroups_AllReadersReadEveryValue()
    {
        using var folder = new TempFolder();
        var path = folder.File("large.parquet");
        var options = new ParquetWriterOptions { RowGroupMaxRows = 250_000 };
        await using (var file = new ForwardOnlyStream(File.Create(path)))
        await using (var writer = await ParquetWriter.CreateAsync(Schema, file, options))
        {
            var batch = new ParquetBatch(Schema, 50_000);
            for (var start = 0; start < Rows; start += 50_000)
            {
                batch.Clear();
                for (var i = start; i < start + 50_000; i++)
                {
                    batch.Int64s(0).Append(i);
                    batch.Timestamps(1).Append(i % 97 == 0 ? null : BaseMicros + (i * 1000L));
                    batch.Strings(2).Append(i % 13 == 0 ? null : Name(i));
                    batch.Doubles(3).Append(i % 7 == 0 ? null : (i % 10_000) * 0.5);
                    batch.Booleans(4).Append(i % 11 == 0 ? null : i % 3 == 0);
                }

                await writer.WriteAsync(batch);
            }

            await writer.CompleteAsync();
            Assert.Equal(12, writer.RowGroupCount);
        }

        var inspections = await ParquetInspector.ReadAsync([new ParquetReadRequest(path, Aggregate: true, Sample: [0, 1_234_567, Rows - 1])]);

        var expected = ExpectedAggregates();
        foreach (var inspection in inspections)
        {
            Assert.Null(inspection.Error);
            Assert.Equal(Rows, inspection.RowCount);
            foreach (var column in Schema.Columns)
            {
                Assert.True(expected[column.Name] == inspection.Aggregate[column.Name], $"{inspection.Reader}: column '{column.Name}' expected {expected[column.Name]}, read {inspection.Aggregate[column.Name]}");
            }

            TestTable.AssertCell(1_234_567L, inspection.Sample[1_234_567][0], $"{inspection.Reader} sample id");
            TestTable.AssertCell(Name(Rows - 1), inspection.Sample[Rows - 1][2], $"{inspection.Reader} sample name");
        }
    }

    private static string Name(int i) => "user-" + (i % 1000).ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, (long NonNull, string Sum)> ExpectedAggregates()
    {
        long ids = 0, ats = 0, names = 0, values = 0, flags = 0, trues = 0;
        System.Numerics.BigInteger idSum = 0, atSum = 0;
        long nameBytes = 0;
        double valueSum = 0;
        for (var i = 0; i < Rows; i++)
        {
            ids++;
            idSum += i;
            if (i % 97 != 0)
            {
                ats++;
                atSum += BaseMicros + (i * 1000L);
            }

            if (i % 13 != 0)
            {
                names++;
                nameBytes += Name(i).Length;
            }

            if (i % 7 != 0)
            {
                values++;
                valueSum += (i % 10_000) * 0.5;
            }

            if (i % 11 != 0)
            {
                flags++;
                trues += i % 3 == 0 ? 1 : 0;
            }
        }

        string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!;
        return new Dictionary<string, (long, string)>
        {
            ["id"] = (ids, Text(idSum)),
            ["at"] = (ats, Text(atSum)),
            ["name"] = (names, Text(nameBytes)),
            ["value"] = (values, valueSum.ToString("R", CultureInfo.InvariantCulture)),
            ["flag"] = (flags, Text(trues)),
        };
    }
}
