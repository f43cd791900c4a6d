namespace Skiff.Tests.Shared;

/// <summary>
/// The pull requests the fake knows, per repository ("owner/name", lower case). A pull request the
/// test never opened answers 404, as GitHub does for a number that does not exist.
/// </summary>
public sealed class FakeGitHubPullRequests(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Repository, int Number), FakePullRequest> _pulls = [];

    /// <summary>Opens (or reopens) a pull request.</summary>
    public FakePullRequest Open(string repository, int number, string headSha = "0123456789abcdef0123456789abcdef01234567", string title = "A change", string author = "Codertocat")
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var key = (FakeGitHubState.Key(repository), number);
            var pull = _pulls.TryGetValue(key, out var existing)
                ? existing with { State = "open", Merged = false, ClosedAt = null, MergedAt = null, HeadSha = headSha, Title = title, UpdatedAt = now }
                : new FakePullRequest(key.Item1, number, "open", false, title, author, headSha, $"feature-{number}", "main", now, now, null, null);
            _pulls[key] = pull;
            return pull;
        }
    }

    /// <summary>Closes a pull request (merged or not); it must have been opened.</summary>
    public FakePullRequest Close(string repository, int number, bool merged = false)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var key = (FakeGitHubState.Key(repository), number);
            if (!_pulls.TryGetValue(key, out var pull))
                throw new InvalidOperationException($"pull request {repository}#{number} was never opened on the fake");
            pull = pull with { State = "closed", Merged = merged, ClosedAt = now, MergedAt = merged ? now : null, UpdatedAt = now };
            _pulls[key] = pull;
            return pull;
        }
    }

    public FakePullRequest? Find(string repository, int number)
    {
        lock (_gate)
            return _pulls.GetValueOrDefault((FakeGitHubState.Key(repository), number));
    }
}

/// <summary>One pull request as the fake holds it.</summary>
/// <param name="State"><c>open</c> or <c>closed</c>, as GitHub spells it.</param>
public sealed record FakePullRequest(
    string Repository,
    int Number,
    string State,
    bool Merged,
    string Title,
    string Author,
    string HeadSha,
    string HeadRef,
    string BaseRef,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? MergedAt);
