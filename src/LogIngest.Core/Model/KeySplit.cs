using System.Text.Json.Serialization;

namespace LogIngest.Core.Model;

/// <summary>
/// One slice of a window split by a deterministic secondary key, for an instant holding more rows
/// than one query may return: the slice is the rows where <c>hash(_ItemId) % Modulus == Remainder</c>.
/// </summary>
public readonly record struct KeySplit
{
    // Without this, System.Text.Json uses the struct's implicit parameterless constructor and
    // workflow messages come back as the default value (a split of 0, "k0of0").
    [JsonConstructor]
    public KeySplit(int modulus, int remainder)
    {
        if (modulus < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(modulus), modulus, "A key split needs a modulus of at least 2.");
        }

        if (remainder < 0 || remainder >= modulus)
        {
            throw new ArgumentOutOfRangeException(nameof(remainder), remainder, $"The remainder must lie in [0, {modulus}).");
        }

        Modulus = modulus;
        Remainder = remainder;
    }

    public int Modulus { get; }

    public int Remainder { get; }

    /// <summary>
    /// Whether some row falls in both slices. Slice r of m holds the rows with h % m == r, so two slices
    /// share rows exactly when their remainders agree modulo gcd(m, m'): slices of one split never do,
    /// and a slice re-split into (r of 2m, r+m of 2m) shares rows only with its parent.
    /// </summary>
    public bool SharesKeysWith(KeySplit other)
    {
        var gcd = (int)System.Numerics.BigInteger.GreatestCommonDivisor(Modulus, other.Modulus);
        return Remainder % gcd == other.Remainder % gcd;
    }

    public override string ToString() => $"k{Remainder}of{Modulus}";
}
