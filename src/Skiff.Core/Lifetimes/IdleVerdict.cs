namespace Skiff.Core.Lifetimes;

/// <summary>Whether to suspend an environment now, and how long it has gone without a deploy or request.</summary>
public sealed record IdleVerdict(bool Suspend, TimeSpan IdleFor);
