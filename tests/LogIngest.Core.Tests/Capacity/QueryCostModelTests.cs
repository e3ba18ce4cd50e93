using LogIngest.Core.Capacity;

namespace LogIngest.Core.Tests.Capacity;

public class QueryCostModelTests
{
    [Fact]
    public void Fit_TimingsOnALine_RecoversTheFixedAndPerRowCosts()
    {
        // 1.5 s a query plus 0.2 s per million rows read, with a little noise either side.
        long[] rows = [100_000, 2_000_000, 5_000_000, 9_000_000, 20_000_000];
        double[] noise = [0.01, -0.02, 0.015, -0.01, 0.005];
        var samples = rows.Select((r, i) => new QueryTiming(QueryKind.Histogram, r, TimeSpan.FromSeconds(1.5 + (0.2 * r / 1e6) + noise[i]))).ToList();

        var model = QueryCostModel.Fit(samples, returnSecondsPerMillionRows: 20);

        Assert.InRange(model.PerQuery.TotalSeconds, 1.45, 1.55);
        Assert.InRange(model.ScanSecondsPerMillionRows, 0.19, 0.21);
        Assert.Equal(20, model.ReturnSecondsPerMillionRows);
        Assert.InRange(model.Latency(QueryKind.Window, 100_000).TotalSeconds, 1.45 + 2.019, 1.55 + 2.021);
    }

    [Fact]
    public void Fit_OneRowCount_TakesTheMeanAsTheFixedCost()
    {
        var samples = new[] { 2.0, 4.0 }.Select(s => new QueryTiming(QueryKind.Histogram, 1_000, TimeSpan.FromSeconds(s))).ToList();

        var model = QueryCostModel.Fit(samples, 0);

        Assert.Equal(TimeSpan.FromSeconds(3), model.PerQuery);
        Assert.Equal(0, model.ScanSecondsPerMillionRows);
    }

    [Theory]
    [InlineData("none", 0)]
    [InlineData("service", 2)]
    [InlineData("Service*0.25", 0.5)]
    public void Parse_KnownModel_FixedCostAsNamed(string text, double perQuerySeconds)
    {
        var model = QueryCostModel.Parse(text);

        Assert.NotNull(model);
        Assert.Equal(TimeSpan.FromSeconds(perQuerySeconds), model.PerQuery);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("service*-1")]
    [InlineData("service*")]
    [InlineData(null)]
    public void Parse_UnknownText_Null(string? text) => Assert.Null(QueryCostModel.Parse(text));
}
