namespace Skiff.Core.Api;

/// <summary>What one pass did (or would do), as <c>POST /api/v1/janitor</c> returns it.</summary>
public sealed record JanitorReport(bool DryRun, IReadOnlyList<JanitorActionReport> Actions);

/// <param name="Error">Why the action failed; null when it was done (or, in a dry run, only listed).</param>
public sealed record JanitorActionReport(JanitorActionKind Kind, string Environment, string Detail, string? Error = null);

/// <summary>What the janitor found to clean up.</summary>
public enum JanitorActionKind
{
    /// <summary>Labelled engine objects of an environment the store does not know: removed.</summary>
    Orphan,

    /// <summary>A PR environment whose pull request is closed on GitHub: set to Absent and reconciled.</summary>
    ClosedPullRequest,

    /// <summary>An environment left in Pending, Deploying or Deleting with no worker on it: queued again.</summary>
    Stuck,

    /// <summary>A deploy row still marked Running long after its worker is gone: marked Interrupted.</summary>
    InterruptedDeployment,
}
