namespace LogIngest.Parquet.Tests;

public sealed class ParquetDecimalTests
{
    [Theory]
    [InlineData("1.5", "1500000000000000000")]
    [InlineData("-0.25", "-250000000000000000")]
    [InlineData("+3", "3000000000000000000")]
    [InlineData("1E-05", "10000000000000")]
    [InlineData("1.20E+2", "120000000000000000000")]
    [InlineData("0.100000000000000000000", "100000000000000000")] // trailing zeros past the scale are no loss
    public void TryParse_DecimalText_UnscaledAtScale18(string text, string unscaled)
    {
        Assert.True(ParquetDecimal.TryParse(text, out var value));
        Assert.Equal(Int128.Parse(unscaled, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("0.0000000000000000001")]                     // a 19th digit after the point would be rounded away
    [InlineData("100000000000000000000")]                     // 21 digits before the point
    [InlineData("1e21")]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("1e999")]
    public void TryParse_ValueThatDoesNotFitExactly_False(string text) =>
        Assert.False(ParquetDecimal.TryParse(text, out _));
}
