using Skiff.Core.Api;
using Skiff.Server.Configuration;
using Skiff.Server.GitHub;
using Skiff.Server.Store;

namespace Skiff.Server.GitHub;

/// <summary>Turns what happens to a PR environment into GitHub feedback (when the repository has API access configured).</summary>
public sealed class PullRequestFeedbackSink(IPullRequestReporter reporter, IGitHubAccessProvider access, SkiffServerOptions options)
{
    /// <param name="generation">The environment's generation this state belongs to: GitHub is told about newer ones last.</param>
    public void Report(RepositoryConfig repository, long number, string environment, string sha, PullRequestEnvironmentState state,
        string? url = null, TimingsDto? timings = null, ErrorDto? error = null, string? note = null, IReadOnlyList<string>? details = null,
        long? generation = null)
    {
        // Webhooks are checked before anything is recorded; a number out of range can only be an old store's row: GitHub has no such PR.
        if (number is < 1 or > int.MaxValue || access.For(repository) is not { } target)
            return;
        reporter.Report(new PullRequestFeedback
        {
            Repository = target,
            PullRequest = (int)number,
            Generation = generation ?? 0,
            Environment = environment,
            Sha = sha,
            State = state,
            Url = url,
            Timings = timings,
            Error = error,
            Note = note,
            Details = details ?? [],
        });
    }

    /// <summary>The same for a stored PR environment (after a deploy or a removal).</summary>
    public void Report(EnvironmentRecord record, PullRequestEnvironmentState state, string? url = null, TimingsDto? timings = null, ErrorDto? error = null,
        string? note = null, IReadOnlyList<string>? details = null)
    {
        if (record.Repository is null || record.PullRequest is null || record.HeadSha is null || options.FindRepository(record.Repository) is not { } repository)
            return;
        Report(repository, record.PullRequest.Value, record.Name, record.HeadSha, state, url, timings, error, note, details, record.Generation);
    }
}
