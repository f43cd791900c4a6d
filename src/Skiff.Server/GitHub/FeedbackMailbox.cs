using System.Threading.Channels;

namespace Skiff.Server.GitHub;

/// <summary>
/// Holds what is waiting to be sent, per pull request: at most one state in flight and one waiting
/// behind it (a newer report replaces the waiting one). A pull request with something waiting and
/// nothing in flight is in the ready channel exactly once, so workers take different pull requests
/// and one pull request's states go out in order.
/// </summary>
internal sealed class FeedbackMailbox
{
    private readonly Lock _gate = new();
    private readonly Dictionary<PullRequestKey, Slot> _slots = [];
    private readonly Channel<PullRequestKey> _ready = Channel.CreateUnbounded<PullRequestKey>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });

    /// <summary>Queues a state; returns the state it replaced, if one was still waiting.</summary>
    public PullRequestFeedback? Post(PullRequestFeedback feedback)
    {
        var key = PullRequestKey.Of(feedback);
        lock (_gate)
        {
            if (!_slots.TryGetValue(key, out var slot))
                _slots[key] = slot = new Slot();
            var replaced = slot.Waiting?.Feedback;
            slot.Reported++;
            slot.Waiting = new Letter(key, feedback, slot.Reported);
            if (!slot.InFlight && !slot.Queued)
            {
                slot.Queued = true;
                _ready.Writer.TryWrite(key);
            }
            return replaced;
        }
    }

    /// <summary>The next pull request's waiting state; the caller must <see cref="Done"/> it.</summary>
    public async ValueTask<Letter> TakeAsync(CancellationToken cancellationToken)
    {
        var key = await _ready.Reader.ReadAsync(cancellationToken);
        lock (_gate)
        {
            var slot = _slots[key];
            var letter = slot.Waiting!;
            slot.Waiting = null;
            slot.Queued = false;
            slot.InFlight = true;
            return letter;
        }
    }

    /// <summary>The letter was delivered or given up; what was reported up to it is settled.</summary>
    public void Done(Letter letter)
    {
        lock (_gate)
        {
            var slot = _slots[letter.Key];
            slot.InFlight = false;
            slot.Settled = letter.Sequence;
            slot.Waiters.RemoveAll(waiter =>
            {
                if (waiter.Target > slot.Settled)
                    return false;
                waiter.Settled.TrySetResult();
                return true;
            });
            if (slot.Waiting is not null)
            {
                slot.Queued = true;
                _ready.Writer.TryWrite(letter.Key);
            }
            else if (slot.Waiters.Count == 0)
                _slots.Remove(letter.Key);
        }
    }

    /// <summary>Completes when every state reported before the call was delivered or given up.</summary>
    public Task WhenSettledAsync(CancellationToken cancellationToken)
    {
        var pending = new List<Task>();
        lock (_gate)
        {
            foreach (var slot in _slots.Values)
            {
                if (slot.Settled >= slot.Reported)
                    continue;
                var waiter = new Waiter(slot.Reported, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                slot.Waiters.Add(waiter);
                pending.Add(waiter.Settled.Task);
            }
        }
        return Task.WhenAll(pending).WaitAsync(cancellationToken);
    }

    /// <summary>One state on its way, numbered within its pull request.</summary>
    internal sealed record Letter(PullRequestKey Key, PullRequestFeedback Feedback, long Sequence);

    private sealed record Waiter(long Target, TaskCompletionSource Settled);

    private sealed class Slot
    {
        public long Reported;
        public long Settled;
        public Letter? Waiting;
        public bool Queued;
        public bool InFlight;
        public readonly List<Waiter> Waiters = [];
    }
}
