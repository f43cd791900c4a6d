namespace Skiff.Core.Lifetimes;

/// <summary>The outcome of <c>skiff extend</c>.</summary>
/// <param name="Accepted">Whether the extension is allowed.</param>
/// <param name="ExtendedUntil">The new <c>extendedUntil</c> (<see cref="Extension.Forever"/> for never); null when refused.</param>
/// <param name="Reason">One line: what was set, or why it was refused.</param>
public sealed record ExtensionResult(bool Accepted, DateTimeOffset? ExtendedUntil, string Reason);
