using Microsoft.Extensions.Primitives;
using Octokit.Webhooks;
using Octokit.Webhooks.Events;

namespace Skiff.Server.GitHub;

/// <summary>Parses a pull_request delivery with Octokit.Webhooks (the maintained model of GitHub's payloads).</summary>
internal sealed class PullRequestEventReader : WebhookEventProcessor
{
    private PullRequestEvent? _event;

    /// <summary>The parsed event, or null when the body is not a pull_request event Octokit understands.</summary>
    public static async Task<PullRequestEvent?> ReadAsync(IDictionary<string, StringValues> headers, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var reader = new PullRequestEventReader();
        await reader.ProcessWebhookAsync(headers, body, cancellationToken);
        return reader._event;
    }

    protected override ValueTask ProcessPullRequestWebhookAsync(WebhookHeaders headers, PullRequestEvent pullRequestEvent, Octokit.Webhooks.Events.PullRequest.PullRequestAction action, CancellationToken cancellationToken)
    {
        _event = pullRequestEvent;
        return ValueTask.CompletedTask;
    }
}
