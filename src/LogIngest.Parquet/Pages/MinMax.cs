using System.Numerics;
using System.Runtime.InteropServices;

namespace LogIngest.Parquet.Pages;

/// <summary>Vectorised min and max of integer spans (statistics are computed on every value written).</summary>
internal static class MinMax
{
    public static void Fold<T>(ReadOnlySpan<T> values, ref T min, ref T max)
        where T : unmanaged, INumber<T>
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<T>.Count * 2)
        {
            var vectors = MemoryMarshal.Cast<T, Vector<T>>(values);
            var vmin = vectors[0];
            var vmax = vectors[0];
            for (var v = 1; v < vectors.Length; v++)
            {
                vmin = Vector.Min(vmin, vectors[v]);
                vmax = Vector.Max(vmax, vectors[v]);
            }

            for (var lane = 0; lane < Vector<T>.Count; lane++)
            {
                min = T.Min(min, vmin[lane]);
                max = T.Max(max, vmax[lane]);
            }

            i = vectors.Length * Vector<T>.Count;
        }

        for (; i < values.Length; i++)
        {
            min = T.Min(min, values[i]);
            max = T.Max(max, values[i]);
        }
    }
}
