namespace Skiff.Server.Janitor;

/// <summary>What one pass did (or would do), as <c>POST /api/v1/janitor</c> returns it.</summary>
public sealed record JanitorReport(bool DryRun, IReadOnlyList<JanitorActionReport> Actions);

/// <param name="Error">Why the action failed; null when it was done (or, in a dry run, only listed).</param>
public sealed record JanitorActionReport(JanitorActionKind Kind, string Environment, string Detail, string? Error = null);
