namespace LogIngest.Local.Lake;

/// <summary>Settings of <see cref="FileSystemLakeStore"/>.</summary>
public sealed class FileSystemLakeOptions
{
    /// <summary>The folder that holds the lake; created when missing. Required.</summary>
    public string RootPath { get; set; } = string.Empty;
}
