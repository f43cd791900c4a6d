using System.Net;
using Microsoft.Extensions.Logging;
using Octokit;

namespace Skiff.Server.GitHub;

/// <summary>
/// Keeps one comment per pull request and environment up to date: found by its marker line (the
/// issue's comments are listed, all pages, only while its id is not known), created once, and
/// edited in place afterwards. A comment someone deleted is written anew. A state of an older
/// environment generation than the comment shows (a deploy finishing after a newer push was
/// queued) leaves it as it is.
/// </summary>
internal sealed class CommentPublisher(GitHubRetry retry, TimeProvider time, ILogger logger)
{
    private static readonly ApiOptions AllPages = new() { PageSize = 100 };

    public async Task PublishAsync(IGitHubClient client, PullRequestKey key, PullRequestFeedback feedback, PullRequestMemory memory, CancellationToken cancellationToken)
    {
        if (feedback.Generation != 0 && feedback.Generation < memory.CommentGeneration)
            return;
        var content = CommentRenderer.RenderContent(feedback);
        if (memory.CommentId is not null && memory.CommentContent == content)
            return;
        var body = content + CommentRenderer.Footer(time.GetUtcNow());
        var repository = feedback.Repository;

        memory.CommentId ??= await FindAsync(client, key, feedback, cancellationToken);
        if (memory.CommentId is { } id)
        {
            try
            {
                await retry.RunAsync("update comment", key, () => client.Issue.Comment.Update(repository.Owner, repository.Name, id, body), cancellationToken);
                memory.CommentContent = content;
                memory.CommentGeneration = Math.Max(memory.CommentGeneration, feedback.Generation);
                return;
            }
            catch (GitHubDeliveryException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                GitHubReporterLog.CommentGone(logger, key.ToString(), id);
                memory.CommentId = null;
            }
        }

        var created = await retry.RunAsync("create comment", key,
            () => client.Issue.Comment.Create(repository.Owner, repository.Name, feedback.PullRequest, body), cancellationToken);
        memory.CommentId = created.Id;
        memory.CommentContent = content;
        memory.CommentGeneration = Math.Max(memory.CommentGeneration, feedback.Generation);
        GitHubReporterLog.CommentKnown(logger, key.ToString(), created.Id, "created");
    }

    private async Task<long?> FindAsync(IGitHubClient client, PullRequestKey key, PullRequestFeedback feedback, CancellationToken cancellationToken)
    {
        var marker = CommentRenderer.Marker(feedback.Environment);
        var repository = feedback.Repository;
        var comments = await retry.RunAsync("list comments", key,
            () => client.Issue.Comment.GetAllForIssue(repository.Owner, repository.Name, feedback.PullRequest, AllPages), cancellationToken);
        var found = comments.FirstOrDefault(c => c.Body is { } text && text.StartsWith(marker, StringComparison.Ordinal));
        if (found is null)
            return null;
        GitHubReporterLog.CommentKnown(logger, key.ToString(), found.Id, "found");
        return found.Id;
    }
}
