namespace LogIngest.Core.Ports;

/// <summary>One file of the lake: its relative '/'-separated key, size in bytes and last write time.</summary>
public sealed record LakeItem(string Path, long Size, DateTimeOffset LastModified);
