using Skiff.Core.PullRequests;
using Skiff.Server.Store;

namespace Skiff.Server.Tests.Store;

/// <summary>Triggers as the webhook handler builds them, for store tests.</summary>
internal static class PullRequestTriggers
{
    /// <param name="served">The repositories the server serves (decides whether the name carries the owner).</param>
    public static PullRequestTrigger For(string repository, int number, string action, string sha, IReadOnlyCollection<string> served) => new()
    {
        DeliveryId = Guid.NewGuid().ToString(),
        Action = action,
        Names = PullRequestEnvironmentName.Candidates(repository, number, PullRequestEnvironmentName.NeedsOwner(repository, served)),
        Repository = repository,
        Number = number,
        HeadSha = sha,
        CloneUrl = $"https://github.com/{repository}.git",
        Author = repository.Split('/')[0],
        Title = $"PR {number} of {repository}",
        Decision = new PullRequestDecision(action == "closed" ? PullRequestVerdict.Remove : PullRequestVerdict.Deploy, action),
    };
}
