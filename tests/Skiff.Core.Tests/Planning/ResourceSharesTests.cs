using Skiff.Core.Planning;
using Skiff.Core.Specs;

namespace Skiff.Core.Tests.Planning;

public class ResourceSharesTests
{
    private static AppSpec App(ResourceLimits cap, params ResourceLimits[] services) => new()
    {
        Name = "app",
        SourceDirectory = "/tmp",
        Services = [.. services.Select((limits, i) => new ServiceSpec { Name = $"s{i}", Image = "x", Resources = limits })],
        Settings = new SkiffSettings { Resources = cap },
    };

    [Fact]
    public void Without_a_cap_services_keep_their_own_limits()
    {
        var shares = ResourceShares.Compute(App(new ResourceLimits(), new ResourceLimits(0.5, 100), new ResourceLimits()));

        Assert.Equal(new ResourceLimits(0.5, 100), shares["s0"]);
        Assert.Equal(new ResourceLimits(), shares["s1"]);
    }

    [Fact]
    public void The_rest_of_the_cap_is_shared_equally_among_services_without_a_limit()
    {
        var shares = ResourceShares.Compute(App(new ResourceLimits(2, 1000), new ResourceLimits(1, 400), new ResourceLimits(), new ResourceLimits()));

        Assert.Equal(new ResourceLimits(1, 400), shares["s0"]);
        Assert.Equal(new ResourceLimits(0.5, 300), shares["s1"]);
        Assert.Equal(new ResourceLimits(0.5, 300), shares["s2"]);
        Assert.True(shares.Values.Sum(l => l.MemoryBytes!.Value) <= 1000);
    }
}
