namespace LogIngest.Core.Planning;

/// <summary>Why a window boundary lies where it does; recorded per window for the audit.</summary>
public enum BoundaryReason
{
    /// <summary>The gap being planned starts here (checkpointed time or the requested start lies before).</summary>
    GapStart,

    /// <summary>The gap being planned ends here.</summary>
    GapEnd,

    /// <summary>Adding the next bin would have taken the window over <c>maxRows</c>.</summary>
    RowLimit,

    /// <summary>Adding the next bin would have taken the window over <c>maxBytes</c>.</summary>
    ByteLimit,

    /// <summary>The boundary isolates an instant (one tick) that alone exceeds a limit and is split by key.</summary>
    Instant,

    /// <summary>Moved back from a limit so that the following window also reaches <c>minRows</c>.</summary>
    Balance,

    /// <summary>The boundary borders time without rows that the plan checkpoints as empty.</summary>
    EmptyStretch,
}
