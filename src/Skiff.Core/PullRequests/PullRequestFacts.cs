namespace Skiff.Core.PullRequests;

/// <summary>What a <c>pull_request</c> webhook says about a pull request, as far as deciding goes.</summary>
/// <param name="Action">The webhook's action: opened, synchronize, closed, labeled, ...</param>
/// <param name="FromFork">The head repository differs from the base repository.</param>
public sealed record PullRequestFacts(string Action, bool Draft, IReadOnlyCollection<string> Labels, bool FromFork);
