using Microsoft.Extensions.Time.Testing;
using Skiff.Core.Budgets;

namespace Skiff.Core.Tests.Budgets;

public class QueueOrderTests
{
    [Fact]
    public void Positions_follow_the_time_they_asked()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var waiting = new List<(string, DateTimeOffset)>();
        foreach (var environment in new[] { "shop-pr-9", "shop-pr-3", "blog-pr-1" })
        {
            waiting.Add((environment, time.GetUtcNow()));
            time.Advance(TimeSpan.FromSeconds(10));
        }

        var positions = QueueOrder.Positions(waiting);

        Assert.Equal(1, positions["shop-pr-9"]);
        Assert.Equal(2, positions["shop-pr-3"]);
        Assert.Equal(3, positions["blog-pr-1"]);
        Assert.Equal(["shop-pr-9", "shop-pr-3", "blog-pr-1"], QueueOrder.Ordered(waiting));
    }

    [Fact]
    public void Ties_go_by_name_and_asking_again_keeps_the_first_place()
    {
        var at = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        (string, DateTimeOffset)[] waiting = [("b", at), ("a", at), ("c", at.AddSeconds(-1)), ("c", at.AddMinutes(5))];

        Assert.Equal(["c", "a", "b"], QueueOrder.Ordered(waiting));
        Assert.Equal(2, QueueOrder.PositionOf(waiting, "a"));
        Assert.Null(QueueOrder.PositionOf(waiting, "zzz"));
    }

    [Fact]
    public void Nobody_waiting_gives_an_empty_queue() => Assert.Empty(QueueOrder.Positions([]));
}
