namespace LogIngest.Core.Model;

/// <summary>
/// How a <see cref="LogColumn"/> stores its values, so that readers take them without boxing:
/// <c>int</c> as <see cref="Int32"/>; <c>long</c> and <c>datetime</c> (UTC ticks) as <see cref="Int64"/>;
/// <c>real</c> as <see cref="Double"/>; <c>bool</c> as <see cref="Boolean"/>; <c>string</c>,
/// <c>guid</c>, <c>timespan</c>, <c>decimal</c> (their service text) and <c>dynamic</c> (JSON text) as <see cref="Text"/>.
/// </summary>
#pragma warning disable CA1720 // Names say which CLR type holds the values.
public enum LogValueKind
{
    Text,
    Int32,
    Int64,
    Double,
    Boolean,
}
#pragma warning restore CA1720
