using LogIngest.Core.Model;

namespace LogIngest.Core.Activities;

/// <summary>The window (or key-split slice) whose source rows <see cref="CountWindowActivity"/> counts, with the config's filter.</summary>
public sealed record CountWindowInput(LoadConfig Config, TimeAxis Axis, Interval Window, KeySplit? Split);
