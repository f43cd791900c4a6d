using Octokit;

namespace Skiff.Server.GitHub;

/// <summary>
/// What the reporter knows about one pull request on GitHub, so it need not look again: its comment
/// and the deployments it made. Only the worker delivering this pull request touches it. After a
/// restart it starts empty and is filled by looking up GitHub (never by creating duplicates).
/// </summary>
internal sealed class PullRequestMemory
{
    public long? CommentId { get; set; }

    /// <summary>The comment as last written, without its footer: an unchanged state is not written again.</summary>
    public string? CommentContent { get; set; }

    /// <summary>The environment generation the comment last showed: an older generation's state, arriving late, does not overwrite it.</summary>
    public long CommentGeneration { get; set; }

    /// <summary>Deployments by environment and sha, oldest first.</summary>
    public List<TrackedDeployment> Deployments { get; } = [];

    /// <summary>The live deployment of this commit: a retired (inactive) one takes no more statuses.</summary>
    public TrackedDeployment? Find(string environment, string sha) =>
        Deployments.FindLast(d => d.Environment == environment && string.Equals(d.Sha, sha, StringComparison.OrdinalIgnoreCase) && d.LastState != DeploymentState.Inactive);

    public void Put(TrackedDeployment deployment)
    {
        var index = Deployments.FindIndex(d => d.Id == deployment.Id);
        if (index >= 0)
            Deployments[index] = deployment;
        else
            Deployments.Add(deployment);
    }
}

/// <param name="LastState">The last status posted (or read back after a restart); null when it has none.</param>
/// <param name="Generation">The newest environment generation this deployment reported for; only a newer one's success retires it.</param>
internal sealed record TrackedDeployment(long Id, string Environment, string Sha, DeploymentState? LastState, string? LastDescription = null, long Generation = 0);
