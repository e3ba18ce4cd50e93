namespace LogIngest.Core.Ports;

/// <summary>The rules for lake keys every <see cref="ILakeStore"/> enforces, so a key can never leave the lake root.</summary>
public static class LakePath
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the fix unless <paramref name="path"/> is a relative '/'-separated key.</summary>
    public static void Validate(string path, string paramName = "path")
    {
        if (!IsValid(path, allowEmpty: false, allowTrailingSlash: false))
        {
            throw new ArgumentException($"'{path}' is not a lake key: use a relative '/'-separated path with no leading or trailing '/', no '\\', and no empty, '.' or '..' segments.", paramName);
        }
    }

    /// <summary>A list prefix may be empty and may end with '/', otherwise it follows the key rules.</summary>
    public static void ValidatePrefix(string prefix, string paramName = "prefix")
    {
        if (!IsValid(prefix, allowEmpty: true, allowTrailingSlash: true))
        {
            throw new ArgumentException($"'{prefix}' is not a lake prefix: use \"\" or a relative '/'-separated path with no leading '/', no '\\', and no '.' or '..' segments.", paramName);
        }
    }

    private static bool IsValid(string? path, bool allowEmpty, bool allowTrailingSlash)
    {
        if (path is null)
        {
            return false;
        }

        if (path.Length == 0)
        {
            return allowEmpty;
        }

        if (path[0] == '/' || path.Contains('\\', StringComparison.Ordinal) || path.Any(char.IsControl))
        {
            return false;
        }

        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            if (segments[i] is "." or ".." || (segments[i].Length == 0 && !(last && allowTrailingSlash)))
            {
                return false;
            }
        }

        return true;
    }
}
