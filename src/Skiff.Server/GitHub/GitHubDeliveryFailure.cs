namespace Skiff.Server.GitHub;

/// <summary>A state that was given up on: what failed and why, for the environment's history.</summary>
/// <param name="PullRequest">The key, <c>owner/repo#7</c> (also the key of <see cref="GitHubPullRequestReporter.LastErrors"/>).</param>
/// <param name="Error">One line per failed part, such as <c>create deployment: 422 Validation Failed</c>.</param>
public sealed record GitHubDeliveryFailure(
    string PullRequest,
    string Environment,
    string Sha,
    PullRequestEnvironmentState State,
    string Error,
    DateTimeOffset At);
