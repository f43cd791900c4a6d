using Skiff.Core.Costs;

namespace Skiff.Core.Tests.Costs;

public class CostGroupingTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    // One vCPU, no memory, one hour: 0.04048 each.
    private static ResourceSample Hour(string environment, string? repository, string? author, int hour) =>
        new(environment, repository, author, "web", Start.AddHours(hour), TimeSpan.FromHours(1), true, 1, 0, 0, 0, 0);

    private static readonly ResourceSample[] Samples =
    [
        Hour("shop-pr-1", "acme/shop", "alice", 0),
        Hour("shop-pr-1", "acme/shop", "alice", 1),
        Hour("shop-pr-2", "acme/shop", "Bob", 1),
        Hour("blog-pr-3", "acme/blog", "alice", 2),
        Hour("local", null, null, 3),
    ];

    [Fact]
    public void By_environment()
    {
        var groups = CostGrouping.ByEnvironment(Samples, new PriceTable());

        Assert.Equal(["blog-pr-3", "local", "shop-pr-1", "shop-pr-2"], groups.Keys);
        Assert.Equal(0.08096m, groups["shop-pr-1"].ReservedCost); // 2 h × 0.04048
        Assert.Equal(2m, groups["shop-pr-1"].RunningHours);
    }

    [Fact]
    public void By_repository_with_unset_names_in_their_own_group()
    {
        var groups = CostGrouping.ByRepository(Samples, new PriceTable());

        Assert.Equal([CostGrouping.None, "acme/blog", "acme/shop"], groups.Keys);
        Assert.Equal(0.12144m, groups["acme/shop"].ReservedCost); // 3 h × 0.04048
        Assert.Equal(3m, groups["acme/shop"].RunningHours); // three environment-hours, two of them at once
    }

    [Fact]
    public void By_author_ordinal_so_case_matters()
    {
        var groups = CostGrouping.ByAuthor(Samples, new PriceTable());

        Assert.Equal([CostGrouping.None, "Bob", "alice"], groups.Keys);
        Assert.Equal(0.12144m, groups["alice"].ReservedCost); // 3 h across two repositories
    }

    [Fact]
    public void Since_keeps_the_samples_that_start_at_or_after_it()
    {
        var groups = CostGrouping.ByRepository(Samples, new PriceTable(), since: Start.AddHours(1));

        Assert.Equal(0.08096m, groups["acme/shop"].ReservedCost); // hour 1 of pr-1 and of pr-2
        Assert.Empty(CostGrouping.ByRepository(Samples, new PriceTable(), since: Start.AddHours(4)));
    }
}
