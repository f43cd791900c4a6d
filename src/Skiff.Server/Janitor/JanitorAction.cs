namespace Skiff.Server.Janitor;

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

/// <summary>One thing a janitor pass does (or, in a dry run, would do).</summary>
/// <param name="Detail">One sentence: what was found and why it qualifies.</param>
public sealed record JanitorAction(JanitorActionKind Kind, string Environment, string Detail)
{
    /// <summary>For <see cref="JanitorActionKind.InterruptedDeployment"/>: the deploy row.</summary>
    public long? DeploymentId { get; init; }

    /// <summary>For <see cref="JanitorActionKind.ClosedPullRequest"/>: the generation seen, so a newer trigger wins.</summary>
    public long? Generation { get; init; }
}
