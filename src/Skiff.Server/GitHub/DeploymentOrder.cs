using Octokit;

namespace Skiff.Server.GitHub;

/// <summary>
/// The order a deployment's statuses go in: queued, in_progress, then success or failure (either
/// may follow the other: a commit deployed again can end differently), and inactive last.
/// </summary>
internal static class DeploymentOrder
{
    public static bool Allows(DeploymentState? last, DeploymentState next) => last is not { } current || Rank(next) >= Rank(current);

    public static int Rank(DeploymentState state) => state switch
    {
        DeploymentState.Queued or DeploymentState.Pending => 0,
        DeploymentState.InProgress => 1,
        DeploymentState.Success or DeploymentState.Failure or DeploymentState.Error => 2,
        _ => 3,
    };
}
