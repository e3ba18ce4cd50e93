using System.Text.Json.Serialization;

namespace LogIngest.Core.Model;

/// <summary>
/// One slice of a window split by a deterministic secondary key, for an instant holding more rows
/// than one query may return: the slice is the rows where <c>hash(_ItemId) % Modulus == Remainder</c>.
/// </summary>
public readonly record struct KeySplit
{
    // The constructor, not the default one, rebuilds a split from JSON (workflow messages carry splits).
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

    public override string ToString() => $"k{Remainder}of{Modulus}";
}
