using Skiff.Server.GitHub;
using State = Skiff.Server.GitHub.PullRequestEnvironmentState;

namespace Skiff.Server.Tests.GitHub;

/// <summary>The queue under the reporter: one state in flight per pull request, a newer one replacing the one waiting.</summary>
public sealed class FeedbackMailboxTests
{
    private static readonly GitHubRepositoryAccess Repository = new("o", "r", new Uri("https://api.github.com/"), new TokenCredentials("t"));

    [Fact]
    public async Task A_pull_request_is_taken_by_one_worker_at_a_time_and_its_waiting_state_replaced()
    {
        var mailbox = new FeedbackMailbox();
        mailbox.Post(Feedback(1, State.Queued));
        var first = await mailbox.TakeAsync(CancellationToken.None);

        Assert.Null(mailbox.Post(Feedback(1, State.Deploying)));
        Assert.Equal(State.Deploying, mailbox.Post(Feedback(1, State.Ready))?.State);

        using var none = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await mailbox.TakeAsync(none.Token));

        mailbox.Done(first);
        var second = await mailbox.TakeAsync(CancellationToken.None);
        Assert.Equal(State.Ready, second.Feedback.State);
        mailbox.Done(second);
    }

    [Fact]
    public async Task Different_pull_requests_are_taken_side_by_side()
    {
        var mailbox = new FeedbackMailbox();
        mailbox.Post(Feedback(1, State.Queued));
        mailbox.Post(Feedback(2, State.Queued));

        var a = await mailbox.TakeAsync(CancellationToken.None);
        var b = await mailbox.TakeAsync(CancellationToken.None);

        Assert.Equal([1, 2], new[] { a.Key.Number, b.Key.Number }.Order());
    }

    [Fact]
    public async Task Settled_waits_for_what_was_reported_before_it_and_not_for_later_reports()
    {
        var mailbox = new FeedbackMailbox();
        mailbox.Post(Feedback(1, State.Queued));
        var settled = mailbox.WhenSettledAsync(CancellationToken.None);
        var letter = await mailbox.TakeAsync(CancellationToken.None);
        Assert.False(settled.IsCompleted);

        mailbox.Post(Feedback(1, State.Deploying));
        mailbox.Done(letter);

        await settled.WaitAsync(TimeSpan.FromSeconds(5));
        var later = mailbox.WhenSettledAsync(CancellationToken.None);
        Assert.False(later.IsCompleted);
        mailbox.Done(await mailbox.TakeAsync(CancellationToken.None));
        await later.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(mailbox.WhenSettledAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task A_replaced_state_is_settled_when_its_replacement_is()
    {
        var mailbox = new FeedbackMailbox();
        mailbox.Post(Feedback(1, State.Queued));
        var inFlight = await mailbox.TakeAsync(CancellationToken.None);
        mailbox.Post(Feedback(1, State.Deploying));
        var settled = mailbox.WhenSettledAsync(CancellationToken.None);
        mailbox.Post(Feedback(1, State.Ready));

        mailbox.Done(inFlight);
        Assert.False(settled.IsCompleted);
        mailbox.Done(await mailbox.TakeAsync(CancellationToken.None));
        await settled.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private static PullRequestFeedback Feedback(int number, State state) => new()
    {
        Repository = Repository,
        PullRequest = number,
        Environment = $"r-pr-{number}",
        Sha = ReporterHarness.Sha(number),
        State = state,
    };
}
