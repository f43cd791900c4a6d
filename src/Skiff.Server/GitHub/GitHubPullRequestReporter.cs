using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Skiff.Server.GitHub;

/// <summary>
/// Delivers pull request feedback to GitHub in the background: a Deployment with statuses and one
/// comment edited in place (see <see cref="DeploymentPublisher"/> and <see cref="CommentPublisher"/>).
/// <see cref="Report"/> only queues; up to <see cref="GitHubReporterOptions.MaxParallelDeliveries"/>
/// workers deliver different pull requests at once, each pull request's states in order, a newer
/// state replacing one not yet sent. Nothing is delivered until the service is started
/// (<c>StartAsync</c>, as a hosted service). Stopping waits for what was reported, within the
/// host's shutdown time. One Octokit client is kept per API address and credentials, so hand it
/// long-lived credentials (one <see cref="GitHubAppCredentials"/> per installation, not one per event).
/// </summary>
public sealed class GitHubPullRequestReporter : BackgroundService, IPullRequestReporter
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly GitHubReporterOptions _options;
    private readonly FeedbackMailbox _mailbox = new();
    private readonly ConcurrentDictionary<PullRequestKey, PullRequestMemory> _memory = new();
    private readonly ConcurrentDictionary<string, string> _lastErrors = new(StringComparer.Ordinal);

    public GitHubPullRequestReporter(ILogger<GitHubPullRequestReporter> logger, TimeProvider time, GitHubReporterOptions options)
    {
        options.Validate();
        _logger = logger;
        _time = time;
        _options = options;
    }

    /// <summary>
    /// The last give-up per pull request (<c>owner/repo#7</c> → one line per failed part); removed
    /// when a later state of that pull request is delivered in full.
    /// </summary>
    public IReadOnlyDictionary<string, string> LastErrors => _lastErrors;

    /// <summary>Raised on a worker when a state was given up on (in part or whole). Handlers must be quick.</summary>
    public event Action<GitHubDeliveryFailure>? DeliveryFailed;

    public void Report(PullRequestFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        if (_mailbox.Post(feedback) is { } replaced)
            GitHubReporterLog.Coalesced(_logger, PullRequestKey.Of(replaced).ToString(), replaced.State);
    }

    public Task FlushAsync(CancellationToken cancellationToken) => _mailbox.WhenSettledAsync(cancellationToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown time is up: what is left is dropped (the next start reports the current state again).
        }
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var clients = new GitHubClientPool(_options, stoppingToken);
        var retry = new GitHubRetry(_options, _time, _logger);
        var delivery = new FeedbackDelivery(
            new DeploymentPublisher(retry, _options, _logger),
            new CommentPublisher(retry, _time, _logger),
            clients);
        var workers = Enumerable.Range(0, _options.MaxParallelDeliveries).Select(_ => WorkAsync(delivery, stoppingToken));
        await Task.WhenAll(workers);
    }

    private async Task WorkAsync(FeedbackDelivery delivery, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            FeedbackMailbox.Letter letter;
            try
            {
                letter = await _mailbox.TakeAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            try
            {
                await DeliverAsync(delivery, letter, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            finally
            {
                _mailbox.Done(letter);
            }
        }
    }

    private async Task DeliverAsync(FeedbackDelivery delivery, FeedbackMailbox.Letter letter, CancellationToken stoppingToken)
    {
        var feedback = letter.Feedback;
        var key = letter.Key.ToString();
        var started = _time.GetTimestamp();
        var memory = _memory.GetOrAdd(letter.Key, _ => new PullRequestMemory());
        var errors = await delivery.DeliverAsync(letter.Key, feedback, memory, stoppingToken);
        if (errors.Count == 0)
        {
            _lastErrors.TryRemove(key, out _);
            // A removed environment is done with; should the pull request come back, GitHub is looked up again.
            if (feedback.State == PullRequestEnvironmentState.Removed)
                _memory.TryRemove(letter.Key, out _);
            GitHubReporterLog.Delivered(_logger, key, feedback.State, feedback.Sha, (long)_time.GetElapsedTime(started).TotalMilliseconds);
            return;
        }

        var error = string.Join('\n', errors);
        _lastErrors[key] = error;
        GitHubReporterLog.GaveUp(_logger, key, feedback.State, feedback.Sha, string.Join("; ", errors));
        var failure = new GitHubDeliveryFailure(key, feedback.Environment, feedback.Sha, feedback.State, error, _time.GetUtcNow());
        try
        {
            DeliveryFailed?.Invoke(failure);
        }
        catch (Exception e)
        {
            GitHubReporterLog.SubscriberFailed(_logger, e, key);
        }
    }
}
