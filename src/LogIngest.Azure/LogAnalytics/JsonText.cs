using System.Buffers;
using System.Globalization;
using System.Text;

namespace LogIngest.Azure.LogAnalytics;

/// <summary>
/// Decodes an escaped JSON string value (already validated by Utf8JsonReader) straight to UTF-16 in
/// one scalar pass. Dynamic values arrive as JSON text inside a string, an escape every few bytes,
/// where bulk-transcoding short runs costs more than walking the bytes.
/// </summary>
internal static class JsonText
{
    public static string Unescape(ReadOnlySpan<byte> escaped)
    {
        return Ascii.IsValid(escaped) ? UnescapeAscii(escaped) : UnescapeAny(escaped);
    }

    // ASCII text (the usual case): widen the runs between escapes in bulk.
    private static string UnescapeAscii(ReadOnlySpan<byte> escaped)
    {
        var buffer = ArrayPool<char>.Shared.Rent(escaped.Length);
        try
        {
            var written = 0;
            while (true)
            {
                var slash = escaped.IndexOf((byte)'\\');
                var run = slash < 0 ? escaped : escaped[..slash];
                Ascii.ToUtf16(run, buffer.AsSpan(written), out var widened);
                written += widened;
                if (slash < 0)
                {
                    break;
                }

                var kind = escaped[slash + 1];
                if (kind == 'u')
                {
                    buffer[written++] = (char)int.Parse(Encoding.ASCII.GetString(escaped.Slice(slash + 2, 4)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                    escaped = escaped[(slash + 6)..];
                    continue;
                }

                buffer[written++] = Escaped(kind);
                escaped = escaped[(slash + 2)..];
            }

            return new string(buffer, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static char Escaped(byte kind) => kind switch
    {
        (byte)'b' => '\b',
        (byte)'f' => '\f',
        (byte)'n' => '\n',
        (byte)'r' => '\r',
        (byte)'t' => '\t',
        _ => (char)kind, // \" \\ \/
    };

    private static string UnescapeAny(ReadOnlySpan<byte> escaped)
    {
        var buffer = ArrayPool<char>.Shared.Rent(escaped.Length);
        try
        {
            var written = 0;
            var i = 0;
            while (i < escaped.Length)
            {
                var b = escaped[i];
                if (b < 0x80 && b != '\\')
                {
                    buffer[written++] = (char)b;
                    i++;
                }
                else if (b == '\\')
                {
                    var kind = escaped[i + 1];
                    if (kind == 'u')
                    {
                        // A surrogate pair arrives as two \u escapes and is written as its two UTF-16 units.
                        buffer[written++] = (char)int.Parse(Encoding.ASCII.GetString(escaped.Slice(i + 2, 4)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                        i += 6;
                        continue;
                    }

                    buffer[written++] = kind switch
                    {
                        (byte)'b' => '\b',
                        (byte)'f' => '\f',
                        (byte)'n' => '\n',
                        (byte)'r' => '\r',
                        (byte)'t' => '\t',
                        _ => (char)kind, // \" \\ \/
                    };
                    i += 2;
                }
                else
                {
                    Rune.DecodeFromUtf8(escaped[i..], out var rune, out var length);
                    written += rune.EncodeToUtf16(buffer.AsSpan(written));
                    i += length;
                }
            }

            return new string(buffer, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
