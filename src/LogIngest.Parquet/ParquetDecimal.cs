using System.Globalization;
using System.Numerics;

namespace LogIngest.Parquet;

/// <summary>
/// The values of <see cref="ParquetColumnType.Decimal"/> columns: DECIMAL(38, 18), held unscaled (the
/// number × 10^18) in an <see cref="Int128"/>. Conversions are exact or refused, never rounded.
/// </summary>
public static class ParquetDecimal
{
    /// <summary>Digits in all.</summary>
    public const int Precision = 38;

    /// <summary>Digits after the point.</summary>
    public const int Scale = 18;

    private static readonly BigInteger Limit = BigInteger.Pow(10, Precision);

    /// <summary>
    /// Reads decimal text (<c>-12.5</c>, <c>1E-05</c>, <c>+3</c>) into its unscaled value; false when it is
    /// not a number, or needs more than 18 digits after the point or 20 before it.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Int128 unscaled)
    {
        unscaled = default;
        text = text.Trim();
        var exponent = 0;
        var e = text.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            if (!int.TryParse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent) || Math.Abs(exponent) > 100)
            {
                return false;
            }

            text = text[..e];
        }

        var negative = false;
        if (text.Length > 0 && text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? [] : text[(point + 1)..];
        if (whole.Length + fraction.Length == 0 || !AllDigits(whole) || !AllDigits(fraction))
        {
            return false;
        }

        var digits = string.Concat(whole, fraction);
        var value = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        var shift = Scale - fraction.Length + exponent;
        if (shift >= 0)
        {
            value *= BigInteger.Pow(10, shift);
        }
        else
        {
            var divisor = BigInteger.Pow(10, -shift);
            if (!(value % divisor).IsZero)
            {
                return false; // more than 18 significant digits after the point
            }

            value /= divisor;
        }

        if (value >= Limit)
        {
            return false;
        }

        unscaled = (Int128)(negative ? -value : value);
        return true;
    }

    /// <summary>The unscaled value of <paramref name="value"/> (a .NET decimal always fits unless it has more than 18 digits after the point).</summary>
    public static bool TryFrom(decimal value, out Int128 unscaled) =>
        TryParse(value.ToString(CultureInfo.InvariantCulture), out unscaled);

    /// <summary>The number as text, without trailing zeros after the point: <c>-12.5</c>.</summary>
    public static string Format(Int128 unscaled)
    {
        var magnitude = BigInteger.Abs((BigInteger)unscaled).ToString(CultureInfo.InvariantCulture).PadLeft(Scale + 1, '0');
        var whole = magnitude[..^Scale];
        var fraction = magnitude[^Scale..].TrimEnd('0');
        return (unscaled < 0 ? "-" : string.Empty) + whole + (fraction.Length > 0 ? "." + fraction : string.Empty);
    }

    private static bool AllDigits(ReadOnlySpan<char> text) => text.IndexOfAnyExceptInRange('0', '9') < 0;
}
