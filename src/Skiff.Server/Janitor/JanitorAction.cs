using Skiff.Core.Api;

namespace Skiff.Server.Janitor;

/// <summary>One thing a janitor pass does (or, in a dry run, would do).</summary>
/// <param name="Detail">One sentence: what was found and why it qualifies.</param>
public sealed record JanitorAction(JanitorActionKind Kind, string Environment, string Detail)
{
    /// <summary>For <see cref="JanitorActionKind.InterruptedDeployment"/>: the deploy row.</summary>
    public long? DeploymentId { get; init; }

    /// <summary>For <see cref="JanitorActionKind.ClosedPullRequest"/>: the generation seen, so a newer trigger wins.</summary>
    public long? Generation { get; init; }
}
